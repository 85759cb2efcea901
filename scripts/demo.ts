// The main job: start the Cognito emulator, make a pool and users with verified TOTP tokens,
// `pulumi up` the root program (Pulumi.yaml, index.ts) through the real CLI, print what Cognito
// reports, then change a user behind Pulumi's back and show drift detection and the repair.

import * as fs from "node:fs";
import * as path from "node:path";
import { AdminGetUserCommand, AdminSetUserMFAPreferenceCommand } from "@aws-sdk/client-cognito-identity-provider";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { adminClient, createPool, createUser, verifyTotp } from "../test/support/fixtures";
import { startEmulator } from "../test/support/moto";
import { pulumiEnv } from "../test/support/pulumi";
import { exitOnBrokenPipe } from "../test/support/installedPackage";

exitOnBrokenPipe();

const ROOT = path.resolve(__dirname, "..");
const STATE_DIR = path.join(ROOT, ".pulumi-state");

const USERS = [
    { username: "alice", softwareTokenMfa: { enabled: true, preferred: true }, smsMfa: { enabled: true } },
    { username: "bob", softwareTokenMfa: { enabled: true, preferred: true } },
    { username: "carol", smsMfa: { enabled: true, preferred: true } },
];

function step(title: string): void {
    console.log(`\n== ${title}`);
}

async function main(): Promise<void> {
    step("Starting the Cognito emulator (moto)");
    const emulator = await startEmulator();
    try {
        const cognito = adminClient(emulator.endpoint);
        const pool = await createPool(cognito, "demo");
        for (const { username } of USERS) {
            await verifyTotp(cognito, await createUser(cognito, pool, username));
        }
        console.log(`pool ${pool.userPoolId} at ${emulator.endpoint}, users ${USERS.map((user) => user.username).join(", ")} with verified TOTP tokens`);

        // The state describes users of this emulator run only, so each run starts afresh.
        fs.rmSync(STATE_DIR, { recursive: true, force: true });
        fs.mkdirSync(STATE_DIR);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const program = require(path.join(ROOT, "index.ts")) as () => Promise<Record<string, unknown>>;
        const stack = await LocalWorkspace.createOrSelectStack(
            { stackName: "demo", projectName: "cognito-mfa-demo", program },
            { workDir: ROOT, envVars: { ...pulumiEnv(path.join(ROOT, ".cache", "demo"), emulator.env), PULUMI_BACKEND_URL: `file://${STATE_DIR}` } },
        );
        await stack.setAllConfig({ userPoolId: { value: pool.userPoolId }, users: { value: JSON.stringify(USERS) } });

        const printTable = async () => {
            console.log(`${"user".padEnd(8)} ${"enabled (UserMFASettingList)".padEnd(34)} preferred`);
            for (const { username } of USERS) {
                const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username: username }));
                console.log(`${username.padEnd(8)} ${(user.UserMFASettingList ?? []).sort().join(", ").padEnd(34)} ${user.PreferredMfaSetting || "-"}`);
            }
        };
        const print = (text: string) => process.stdout.write(text);

        step("pulumi up --yes");
        await stack.up({ onOutput: print });
        step("What Cognito reports");
        await printTable();

        step("Out of band: bob's TOTP turned off, as `aws cognito-idp admin-set-user-mfa-preference` would");
        await cognito.send(
            new AdminSetUserMFAPreferenceCommand({ UserPoolId: pool.userPoolId, Username: "bob", SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false } }),
        );
        await printTable();

        step("pulumi preview --refresh --expect-no-changes --diff");
        const caught = await stack.preview({ refresh: true, expectNoChanges: true, diff: true, onOutput: print }).then(
            () => undefined,
            (error: Error) => error,
        );
        if (caught === undefined) {
            throw new Error("drift was not detected");
        }
        console.log("\ndrift detected: the preview exited non-zero, as a scheduled drift check would");

        // Without --refresh, up compares with the stored state, which still has bob's TOTP on.
        step("pulumi up --refresh --yes (repairs the drift)");
        await stack.up({ refresh: true, onOutput: print });
        await printTable();

        step("pulumi preview --refresh --expect-no-changes");
        await stack.preview({ refresh: true, expectNoChanges: true });
        console.log("no changes: Cognito matches the program");
    } finally {
        await emulator.stop();
    }
}

main().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
});
