// The main job, as a team meets it: a user pool whose users already have MFA, set up out of band.
// Start the Cognito emulator and make that pool; scan it with the package's command into a users
// file, and judge it by the MFA rules (`scan --format summary`); `pulumi up` the root program
// (Pulumi.yaml, index.ts) through the real CLI, which adopts every user with no change in Cognito;
// then change a user behind Pulumi's back and show the drift check failing and the repair.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { adminClient, createPool, createUser, setMfaOutOfBand, userMfa, verifyTotp } from "../../harness/fixtures";
import { startEmulator } from "../../harness/moto";
import { pulumiEnv } from "../../harness/pulumi";
import { exitOnBrokenPipe } from "../../harness/installedPackage";

exitOnBrokenPipe();

const ROOT = path.resolve(__dirname, "../..");
const STATE_DIR = path.join(ROOT, ".pulumi-state");

const USERS_FILE = path.join(ROOT, "users.json");
/** The scan command as `npx pulumi-cognito-mfa` runs it here: the installed package's bin. */
const SCAN = path.join(ROOT, "node_modules/pulumi-cognito-mfa/dist/provider/scan/main.js");

/** The pool as the team has it: MFA set by an admin or by the users themselves, over the years. */
const EXISTING = [
    { username: "alice", totp: true, settings: { SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true }, SMSMfaSettings: { Enabled: true } } },
    { username: "bob", totp: true, settings: { SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } } },
    { username: "carol", totp: false, settings: { SMSMfaSettings: { Enabled: true, PreferredMfa: true } } },
    { username: "ops:dave", totp: false, settings: { SMSMfaSettings: { Enabled: true } } },
    { username: "erin", totp: false, settings: {} },
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
        for (const { username, totp, settings } of EXISTING) {
            const user = await createUser(cognito, pool, username);
            if (totp) {
                await verifyTotp(cognito, user);
            }
            if (Object.keys(settings).length > 0) {
                await setMfaOutOfBand(cognito, pool.userPoolId, username, settings);
            }
        }
        console.log(`pool ${pool.userPoolId} at ${emulator.endpoint}, with users whose MFA was set out of band:`);
        /** What Cognito reports for each user, as a table; printed, and returned for comparison. */
        const printTable = async () => {
            const rows = [`${"user".padEnd(10)} ${"enabled (UserMFASettingList)".padEnd(34)} preferred`];
            for (const { username } of EXISTING) {
                const { enabled, preferred } = await userMfa(cognito, pool.userPoolId, username);
                rows.push(`${username.padEnd(10)} ${enabled.join(", ").padEnd(34)} ${preferred ?? "-"}`);
            }
            console.log(rows.join("\n"));
            return rows.join("\n");
        };
        const asFound = await printTable();

        step(`npx pulumi-cognito-mfa scan --user-pool-id ${pool.userPoolId} --out users.json`);
        fs.rmSync(USERS_FILE, { force: true });
        const scan = spawnSync(process.execPath, [SCAN, "scan", "--user-pool-id", pool.userPoolId, "--out", USERS_FILE], {
            env: { ...process.env, ...emulator.env },
            stdio: ["ignore", "inherit", "inherit"],
        });
        if (scan.status !== 0) {
            throw new Error(`the scan failed (exit ${scan.status})`);
        }
        console.log("\nusers.json:");
        process.stdout.write(fs.readFileSync(USERS_FILE, "utf8"));

        step(`npx pulumi-cognito-mfa scan --user-pool-id ${pool.userPoolId} --format summary (the pool judged by the MFA rules, docs/mfa-rules.md)`);
        const summary = spawnSync(process.execPath, [SCAN, "scan", "--user-pool-id", pool.userPoolId, "--format", "summary"], {
            env: { ...process.env, ...emulator.env },
            stdio: ["ignore", "inherit", "ignore"],
        });
        if (summary.status !== 0) {
            throw new Error(`the summary scan failed (exit ${summary.status})`);
        }

        // The state describes users of this emulator run only, so each run starts afresh.
        fs.rmSync(STATE_DIR, { recursive: true, force: true });
        fs.mkdirSync(STATE_DIR);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const program = require(path.join(ROOT, "index.ts")) as () => Promise<Record<string, unknown>>;
        const stack = await LocalWorkspace.createOrSelectStack(
            { stackName: "demo", projectName: "cognito-mfa-demo", program },
            { workDir: ROOT, envVars: { ...pulumiEnv(path.join(ROOT, ".cache", "demo"), emulator.env), PULUMI_BACKEND_URL: `file://${STATE_DIR}` } },
        );
        await stack.setAllConfig({ userPoolId: { value: pool.userPoolId }, usersFile: { value: USERS_FILE } });
        const print = (text: string) => process.stdout.write(text);

        step("pulumi up --yes (adopts every user declared in users.json)");
        await stack.up({ onOutput: print });
        step("What Cognito reports after the up");
        if ((await printTable()) !== asFound) {
            throw new Error("the up changed a user's MFA in Cognito");
        }
        console.log("unchanged for every user");

        step("pulumi preview --refresh --expect-no-changes");
        await stack.preview({ refresh: true, expectNoChanges: true });
        console.log("no changes: the program describes the pool as it is");

        step("Out of band: bob's TOTP turned off, as `aws cognito-idp admin-set-user-mfa-preference` would");
        await setMfaOutOfBand(cognito, pool.userPoolId, "bob", { SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false } });
        await printTable();

        step("pulumi preview --refresh --expect-no-changes --diff");
        const caught = await stack.preview({ refresh: true, expectNoChanges: true, diff: true, onOutput: print }).then(
            () => undefined,
            (error: Error) => error,
        );
        if (caught === undefined) {
            throw new Error("drift was not detected");
        }
        console.log(`\n${caught.message.match(/error: .*/)?.[0] ?? caught.message}`);
        console.log("drift detected: the preview exited non-zero, as a scheduled drift check would");
        // The failed run's inline program can still be finishing calls to the engine that has gone;
        // the next run waits for them (test/e2e/stack.test.ts, failure()).
        await new Promise((resolve) => setTimeout(resolve, 2_000));

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
