// One `pulumi up` of the interruption test's program, in a process of its own, so that a signal
// can stop the CLI and the program together, as when a CI job is cancelled or its runner dies.
// Usage: upDriver.ts <workDir> <userPoolId> <preferred: true|false> <n>

import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { installedPackage } from "../support/installedPackage";

async function main(): Promise<void> {
    const [workDir, userPoolId, preferred, n] = process.argv.slice(2);
    const program = async () => {
        for (let index = 0; index < Number(n); index++) {
            const username = `user${index}`;
            new installedPackage.UserMfaPreference(username, { userPoolId, username, smsMfa: { enabled: true, preferred: preferred === "true" } });
        }
    };
    const stack = await LocalWorkspace.selectStack({ stackName: "test", projectName: "interruptions", program }, { workDir });
    await stack.up();
}

main().then(
    () => process.exit(0),
    (error: Error) => {
        console.error(error.message);
        process.exit(1);
    },
);
