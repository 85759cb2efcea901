// A provider process ends when its engine is gone (the `pulumi` CLI killed alone, by the OOM
// killer, a CI runner, a closed SSH session or `timeout`). The CLI starts each plugin in a process
// group of its own, and the dynamic provider host is a child of a `sh` launcher, so neither a
// group signal nor a change of parent reaches it: left alone it lives on idle, re-parented to
// init. Worse, the host of @pulumi/pulumi (cmd/dynamic-provider/index.ts, unchanged from 3.248 to
// the newest source; provider/server.ts has the same handler) logs every uncaught error to stderr
// and keeps it in a Set: once stderr is a broken pipe, a write to it (a process warning, say)
// raises an EPIPE error that nothing handles, the handler logs it, which raises another, and so
// on, at a full core and without bound in memory (test/integration/lifeline.test.ts shows it).
//
// The host is shared by every dynamic provider of the program, so this ends their process too.
// That is right for all of them: nothing can reach a plugin whose engine is gone, and whatever it
// was doing can only be finished by the next run. A Cognito write under way is abandoned; it is
// idempotent, and the next `up --refresh` reads what Cognito holds.

import * as path from "node:path";
import { exitOnBrokenPipe } from "./brokenPipe";
import { watchEngine } from "./engineConnection";

/** The script the `pulumi-resource-pulumi-nodejs` launcher runs, with the engine's address. */
const DYNAMIC_PROVIDER_HOST = path.join("@pulumi", "pulumi", "cmd", "dynamic-provider", "index.js");

/** Ends this plugin process, quietly, once the engine at ENGINEADDRESS is gone. */
export function endWithEngine(engineAddress: string): void {
    exitOnBrokenPipe();
    watchEngine(engineAddress, () => process.exit(0));
}

/**
 * In the dynamic provider host, binds its life to its engine's. Elsewhere (a program that only
 * serializes the provider, a test) it does nothing.
 */
export function endWithEngineInDynamicProviderHost(): void {
    const engineAddress = process.argv[2];
    if (require.main?.filename.endsWith(DYNAMIC_PROVIDER_HOST) && engineAddress) {
        endWithEngine(engineAddress);
    }
}
