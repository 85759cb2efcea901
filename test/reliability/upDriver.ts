// One `pulumi up` of the interruption trials' program, in a process of its own, so that a signal
// can stop the CLI alone, or the CLI and the program together, as when a CI job is cancelled or
// its runner dies.
// Usage: upDriver.ts <workDir> <userPoolId> <preferred: true|false> <n> [dynamic|native|set] [up|destroy]

import * as path from "node:path";
import { LocalWorkspace, type EngineEvent } from "@pulumi/pulumi/automation";
import { smsProgram, usernamesFor, type ProviderKind } from "./trials";

const STEPS: string[] = ["create", "update", "delete"];

async function main(): Promise<void> {
    const [workDir, userPoolId, preferred, n, kind = "dynamic", operation = "up"] = process.argv.slice(2);
    const program = smsProgram(userPoolId, usernamesFor(Number(n)), () => preferred === "true", kind as ProviderKind);
    const stack = await LocalWorkspace.selectStack({ stackName: "test", projectName: path.basename(workDir), program }, { workDir });
    // Tells the trial that the provider is at work: the first step on a user's resource (it has
    // checked one, so it has loaded this package).
    let announced = false;
    const onEvent = (event: EngineEvent) => {
        const metadata = event.resourcePreEvent?.metadata;
        if (!announced && metadata && STEPS.includes(metadata.op) && /:UserMfaPreference(Set)?$/.test(metadata.type)) {
            announced = true;
            process.stdout.write("updating\n");
        }
    };
    await (operation === "destroy" ? stack.destroy({ onEvent }) : stack.up({ onEvent }));
}

main().then(
    () => process.exit(0),
    (error: Error) => {
        console.error(error.message);
        process.exit(1);
    },
);
