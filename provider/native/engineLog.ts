// Messages from the native plugin to the CLI's output, through the engine's Log call. The engine
// shows a native plugin's stderr only in its debug log (pkg/v3 3.276, plugin.go: "Hiding logs"
// for every resource plugin but the dynamic provider host's), so a line there would never reach
// the user. A message sent with a resource's URN is printed under that resource.
//
// The messages go on a connection of their own to the engine, while a call's result goes back on
// the engine's connection to the plugin, so a result can overtake the messages sent before it (a
// failed run's list of every failed user, say): the engine then ends the step, and the run, without
// them. `delivered` lets a call wait for its messages before it answers.

import * as grpc from "@grpc/grpc-js";
import { EngineClient } from "@pulumi/pulumi/proto/engine_grpc_pb";
import { LogRequest, LogSeverity } from "@pulumi/pulumi/proto/engine_pb";

/** How long a message may wait for the engine's answer before the plugin goes on without it. */
const ANSWER_TIMEOUT_MS = 10_000;

export interface EngineLog {
    /** Sends MESSAGE, to be shown under the resource URN. */
    (message: string, urn: string): void;
    /** Resolves once the engine has answered every message sent so far (or given up on it). */
    delivered(): Promise<void>;
}

/** Logs at info level to the engine at ADDRESS; a message the engine does not take is dropped. */
export function engineLog(address: string): EngineLog {
    const client = new EngineClient(address, grpc.credentials.createInsecure());
    const unanswered = new Set<Promise<void>>();
    const send = (message: string, urn: string) => {
        const request = new LogRequest();
        request.setSeverity(LogSeverity.INFO);
        request.setMessage(message);
        request.setUrn(urn);
        const answered = new Promise<void>((resolve) => client.log(request, new grpc.Metadata(), { deadline: Date.now() + ANSWER_TIMEOUT_MS }, () => resolve()));
        unanswered.add(answered);
        void answered.then(() => unanswered.delete(answered));
    };
    return Object.assign(send, {
        delivered: async () => {
            await Promise.all([...unanswered]);
        },
    });
}
