// The suites run every inline program from one process, each run against a new engine, and the
// kernel may give a new engine the port of one that has exited. With the gRPC options the harness
// sets for @pulumi/pulumi (harness/pulumi.ts), the SDK's resource monitor client reaches the new
// engine; with grpc-js's shared connections, it fails with "14 UNAVAILABLE: No connection
// established", and an inline run then loses its program's registrations. Two real gRPC servers in
// turn on one port stand for the two engines.

import * as assert from "node:assert/strict";
import * as path from "node:path";
import type * as grpcJs from "@grpc/grpc-js";
import * as resourceRpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resourceProto from "@pulumi/pulumi/proto/resource_pb";
import "../../harness/pulumi";

// The grpc-js that @pulumi/pulumi itself loads: its clients and the servers below must agree.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [path.dirname(require.resolve("@pulumi/pulumi"))] })) as typeof grpcJs;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdkSettings = require("@pulumi/pulumi/runtime/settings") as { grpcClientOptions: Record<string, unknown> };

/** An engine's resource monitor that answers SupportsFeature, on PORT (0: any). */
function startEngine(port: number): Promise<{ server: grpcJs.Server; port: number }> {
    const server = new grpc.Server();
    server.addService(resourceRpc.ResourceMonitorService, {
        supportsFeature: (_call: unknown, callback: (error: null, response: resourceProto.SupportsFeatureResponse) => void) =>
            callback(null, new resourceProto.SupportsFeatureResponse().setHassupport(true)),
    } as unknown as grpcJs.UntypedServiceImplementation);
    return new Promise((resolve, reject) =>
        server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve({ server, port: bound }))),
    );
}

/** The SDK's monitor client, made as the SDK makes it for a run. */
function monitorClient(port: number): resourceRpc.ResourceMonitorClient {
    return new resourceRpc.ResourceMonitorClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), sdkSettings.grpcClientOptions);
}

/** "ok", or the call's error code and details. */
function supportsFeature(client: resourceRpc.ResourceMonitorClient): Promise<string> {
    return new Promise((resolve) =>
        client.supportsFeature(new resourceProto.SupportsFeatureRequest().setId("secrets"), (error) => resolve(error ? `${error.code} ${error.details}` : "ok")),
    );
}

describe("inline runs one after another, from one process", () => {
    it("reach the next engine on the port of one that has exited", async () => {
        const first = await startEngine(0);
        const before = monitorClient(first.port);
        assert.equal(await supportsFeature(before), "ok");
        first.server.forceShutdown();
        // The run's program still calls the engine that has gone: refused, and grpc-js backs off.
        assert.match(await supportsFeature(before), /^14 /);

        const next = await startEngine(first.port);
        const after = monitorClient(next.port);
        try {
            assert.equal(await supportsFeature(after), "ok");
        } finally {
            before.close();
            after.close();
            next.server.forceShutdown();
        }
    });
});
