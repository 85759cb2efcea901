// Fault injection on the wire between a program and its engine: the RegisterResource call of one
// named resource fails the way gRPC fails a call whose connection is lost (UNAVAILABLE), without
// being sent. The Automation API's inline server takes that code for the engine shutting down and,
// when nothing in the program awaits that resource, ends the run without an error (when something
// does, the run never ends), so a test can show what a run reports when one registration never
// reaches the engine. It patches the program's own @pulumi/pulumi, the copy the package uses.

/** gRPC's status code for a lost connection (grpc.status.UNAVAILABLE). */
const UNAVAILABLE = 14;

type Callback = (error: Error | null, response?: unknown) => void;
interface RegisterRequest {
    getName(): string;
}

export interface LostRegistrations {
    /** How many registrations have been lost so far: a test that injects a loss shows that it did. */
    count(): number;
    /** Registrations reach the engine again. */
    restore(): void;
}

/** Until restored, every registration of a resource named NAME is lost; ON_LOSS hears of each. */
export function loseRegistrationsOf(name: string, onLoss: () => void = () => undefined): LostRegistrations {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ResourceMonitorClient } = require("@pulumi/pulumi/proto/resource_grpc_pb");
    const prototype = ResourceMonitorClient.prototype;
    const original = prototype.registerResource;
    let lost = 0;
    prototype.registerResource = function (request: RegisterRequest, ...rest: unknown[]) {
        if (request.getName() !== name) {
            return original.call(this, request, ...rest);
        }
        const callback = rest[rest.length - 1] as Callback;
        const error = Object.assign(new Error("14 UNAVAILABLE: Connection dropped"), { code: UNAVAILABLE, details: "Connection dropped" });
        lost += 1;
        onLoss();
        setImmediate(() => callback(error));
        return undefined;
    };
    return {
        count: () => lost,
        restore: () => {
            prototype.registerResource = original;
        },
    };
}
