// Messages from the native plugin to the CLI's output, through the engine's Log call. The engine
// shows a native plugin's stderr only in its debug log (pkg/v3 3.276, plugin.go: "Hiding logs"
// for every resource plugin but the dynamic provider host's), so a line there would never reach
// the user. A message sent with a resource's URN is printed under that resource.

import * as grpc from "@grpc/grpc-js";
import { EngineClient } from "@pulumi/pulumi/proto/engine_grpc_pb";
import { LogRequest, LogSeverity } from "@pulumi/pulumi/proto/engine_pb";

export type EngineLog = (message: string, urn: string) => void;

/** Logs at info level to the engine at ADDRESS; a message the engine does not take is dropped. */
export function engineLog(address: string): EngineLog {
    const client = new EngineClient(address, grpc.credentials.createInsecure());
    return (message, urn) => {
        const request = new LogRequest();
        request.setSeverity(LogSeverity.INFO);
        request.setMessage(message);
        request.setUrn(urn);
        client.log(request, () => undefined);
    };
}
