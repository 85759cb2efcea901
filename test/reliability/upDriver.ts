// One `pulumi up` of the interruption trials' program, in a process of its own, so that a signal
// can stop the CLI alone, or the CLI and the program together, as when a CI job is cancelled or
// its runner dies.
// Usage: upDriver.ts <workDir> <userPoolId> <preferred: true|false> <n> [dynamic|native]

import * as path from "node:path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { smsProgram, usernamesFor, type ProviderKind } from "./trials";

async function main(): Promise<void> {
    const [workDir, userPoolId, preferred, n, kind = "dynamic"] = process.argv.slice(2);
    const program = smsProgram(userPoolId, usernamesFor(Number(n)), () => preferred === "true", kind as ProviderKind);
    const stack = await LocalWorkspace.selectStack({ stackName: "test", projectName: path.basename(workDir), program }, { workDir });
    // Tells the trial that the provider is at work: it has checked a resource, so it has loaded this package.
    let announced = false;
    await stack.up({
        onEvent: (event) => {
            if (!announced && event.resourcePreEvent?.metadata.op === "update") {
                announced = true;
                process.stdout.write("updating\n");
            }
        },
    });
}

main().then(
    () => process.exit(0),
    (error: Error) => {
        console.error(error.message);
        process.exit(1);
    },
);
