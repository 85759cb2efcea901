// The native plugin's messages to the engine (provider/native/engineLog.ts): `delivered` waits for
// the engine's answer to every message sent, so a call that logs answers only after its messages,
// against a real gRPC server that takes its time to answer, as a busy engine does.

import * as assert from "node:assert/strict";
import * as grpc from "@grpc/grpc-js";
import { EngineService } from "@pulumi/pulumi/proto/engine_grpc_pb";
import type { LogRequest } from "@pulumi/pulumi/proto/engine_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { engineLog } from "../../provider/native/engineLog";

const ANSWER_DELAY_MS = 300;

describe("the native plugin's log to the engine", () => {
    let server: grpc.Server;
    let address = "";
    const answered: string[] = [];

    before(async () => {
        server = new grpc.Server();
        server.addService(EngineService, {
            log: (call: grpc.ServerUnaryCall<LogRequest, Empty>, callback: grpc.sendUnaryData<Empty>) => {
                setTimeout(() => {
                    answered.push(`${call.request.getUrn()}: ${call.request.getMessage()}`);
                    callback(null, new Empty());
                }, ANSWER_DELAY_MS);
            },
        } as unknown as grpc.UntypedServiceImplementation);
        const port = await new Promise<number>((resolve, reject) =>
            server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
        );
        address = `127.0.0.1:${port}`;
    });

    after(() => server.forceShutdown());

    it("is delivered only once the engine has answered every message sent", async () => {
        const log = engineLog(address);
        log("a failed user", "urn:a");
        log("another", "urn:a");
        assert.deepEqual(answered, []);
        await log.delivered();
        assert.deepEqual(answered, ["urn:a: a failed user", "urn:a: another"]);
        // Nothing unanswered: at once.
        await log.delivered();
    });
});
