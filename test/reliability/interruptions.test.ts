// `pulumi up` interrupted at random points, alternately with SIGINT to the CLI (Pulumi's graceful
// cancel) and SIGKILL to the CLI, its program and its plugins together (a runner that dies), over
// INTERRUPT_TRIALS trials (4 in CI, 20 in the full run) on RELIABILITY_N users. Each interrupted
// `up` runs in a process of its own (upDriver.ts). After each: clear what Pulumi needs cleared
// (pending operations, via stack export and import), `up --refresh`, and every user must match
// the program, with a clean preview.

import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { AdminCreateUserCommand, AdminGetUserCommand } from "@aws-sdk/client-cognito-identity-provider";
import type { Stack } from "@pulumi/pulumi/automation";
import { seededRandom } from "../support/cognitoProxy";
import { adminClient, createPool, type Pool } from "../support/fixtures";
import { installedPackage } from "../support/installedPackage";
import { startEmulator, type Emulator } from "../support/moto";
import { freshStack } from "../support/pulumi";

const N = Number(process.env.RELIABILITY_N ?? 10);
const TRIALS = Number(process.env.INTERRUPT_TRIALS ?? 4);

/** The `pulumi` processes started by the process `parent` (the Automation API runs the CLI). */
function pulumiChildren(parent: number): number[] {
    return fs
        .readdirSync("/proc")
        .filter((entry) => /^\d+$/.test(entry))
        .filter((pid) => {
            try {
                const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8").trim();
                const [, comm, rest] = /^\d+ \((.*)\) (.*)$/.exec(stat) ?? [];
                return comm === "pulumi" && Number(rest.split(" ")[1]) === parent;
            } catch {
                return false;
            }
        })
        .map(Number);
}

/**
 * A killed CLI leaves its lock on a file backend (which has no `pulumi cancel`): the error names
 * the lock file, and once the run is known to be dead, deleting it is the documented way on.
 */
function removeStaleLocks(stack: Stack): number {
    const locks = path.join(stack.workspace.workDir, "state", ".pulumi", "locks");
    if (!fs.existsSync(locks)) {
        return 0;
    }
    const files = fs.readdirSync(locks, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    files.forEach((entry) => fs.rmSync(path.join(entry.parentPath, entry.name)));
    return files.length;
}

/** What a user does after an interrupted update: drop the pending operations Pulumi recorded. */
async function clearPendingOperations(stack: Stack): Promise<number> {
    const state = await stack.exportStack();
    const pending = state.deployment.pending_operations?.length ?? 0;
    if (pending > 0) {
        state.deployment.pending_operations = [];
        await stack.importStack(state);
    }
    return pending;
}

describe(`interrupted pulumi up (${TRIALS} trials, ${N} resources)`, function () {
    this.timeout(1_800_000);
    let emulator: Emulator;
    let pool: Pool;
    let usernames: string[];
    let preferred = true;
    const random = seededRandom(2026);

    const program = async () => {
        for (const username of usernames) {
            new installedPackage.UserMfaPreference(username, { userPoolId: pool.userPoolId, username, smsMfa: { enabled: true, preferred } });
        }
    };

    before(async () => {
        emulator = await startEmulator();
    });

    after(async () => {
        await emulator?.stop();
    });

    it("always converges after SIGINT or SIGKILL at a random point", async () => {
        const cognito = adminClient(emulator.endpoint);
        pool = await createPool(cognito);
        usernames = Array.from({ length: N }, (_, index) => `user${index}`);
        await Promise.all(usernames.map((username) => cognito.send(new AdminCreateUserCommand({ UserPoolId: pool.userPoolId, Username: username, MessageAction: "SUPPRESS" }))));
        const stack = await freshStack({ name: "interruptions", program, env: emulator.env });

        await stack.up();
        // How long an uninterrupted update of every resource takes, to pick interruption points within it.
        preferred = !preferred;
        const started = Date.now();
        await stack.up();
        const fullRunMs = Date.now() - started;

        const outcomes: string[] = [];
        for (let trial = 1; trial <= TRIALS; trial++) {
            preferred = !preferred;
            const signal = trial % 2 === 1 ? "SIGINT" : "SIGKILL";
            const delayMs = Math.round(random() * fullRunMs);
            const driver = spawn(
                process.execPath,
                ["-r", "ts-node/register/transpile-only", path.join(__dirname, "upDriver.ts"), stack.workspace.workDir, pool.userPoolId, String(preferred), String(N)],
                { env: { ...process.env, ...stack.workspace.envVars }, detached: true, stdio: "ignore" },
            );
            let done = false;
            const exited = new Promise<number | null>((resolve) => driver.once("exit", (code) => ((done = true), resolve(code))));
            // The delay counts from the moment the CLI runs, not from the driver's own start-up.
            while (!done && pulumiChildren(driver.pid!).length === 0) {
                await new Promise((resolve) => setTimeout(resolve, 50));
            }
            const timer = setTimeout(() => {
                if (signal === "SIGINT") {
                    pulumiChildren(driver.pid!).forEach((pid) => process.kill(pid, "SIGINT"));
                } else if (!done) {
                    process.kill(-driver.pid!, "SIGKILL");
                }
            }, delayMs);
            const code = await exited;
            clearTimeout(timer);
            const finished = code === 0 ? "completed before the signal" : "interrupted";

            const locks = removeStaleLocks(stack);
            const pending = await clearPendingOperations(stack);
            await stack.up({ refresh: true });
            for (const username of usernames) {
                const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username: username }));
                assert.equal(user.PreferredMfaSetting || undefined, preferred ? "SMS_MFA" : undefined, `trial ${trial}: ${username}`);
                assert.deepEqual(user.UserMFASettingList, ["SMS_MFA"], `trial ${trial}: ${username}`);
            }
            assert.deepEqual((await stack.preview({ refresh: true, expectNoChanges: true })).changeSummary, { same: N + 1 });
            outcomes.push(`| ${trial} | ${signal} at ${delayMs} ms | ${finished} | ${locks} stale locks removed, ${pending} pending operations cleared | converged |`);
        }
        console.log(`\nfull update: ${fullRunMs} ms\n| trial | signal | run | recovery | result |\n|---|---|---|---|---|\n${outcomes.join("\n")}`);
    });
});
