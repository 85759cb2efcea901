// `pulumi up` interrupted at random points, alternately with SIGINT (Pulumi's graceful cancel)
// and SIGKILL (no chance to save anything), over INTERRUPT_TRIALS trials (4 in CI, 20 in the
// full run) on RELIABILITY_N users. After each: clear what Pulumi needs cleared (pending
// operations, via stack export and import), `up --refresh`, and every user must match the
// program, with a clean preview.

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { AdminCreateUserCommand, AdminGetUserCommand } from "@aws-sdk/client-cognito-identity-provider";
import type { Stack } from "@pulumi/pulumi/automation";
import { seededRandom } from "../support/cognitoProxy";
import { adminClient, createPool, type Pool } from "../support/fixtures";
import { installedPackage } from "../support/installedPackage";
import { startEmulator, type Emulator } from "../support/moto";
import { freshStack } from "../support/pulumi";

const N = Number(process.env.RELIABILITY_N ?? 10);
const TRIALS = Number(process.env.INTERRUPT_TRIALS ?? 4);

/** The `pulumi` processes this test process started (the Automation API runs the CLI). */
function pulumiChildren(): number[] {
    return fs
        .readdirSync("/proc")
        .filter((entry) => /^\d+$/.test(entry))
        .filter((pid) => {
            try {
                const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
                const [, comm, rest] = /^\d+ \((.*)\) (.*)$/.exec(stat) ?? [];
                return comm === "pulumi" && Number(rest.split(" ")[1]) === process.pid;
            } catch {
                return false;
            }
        })
        .map(Number);
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
        let started = Date.now();
        await stack.up();
        const fullRunMs = Date.now() - started;

        const outcomes: string[] = [];
        for (let trial = 1; trial <= TRIALS; trial++) {
            preferred = !preferred;
            const signal = trial % 2 === 1 ? "SIGINT" : "SIGKILL";
            const delayMs = Math.round(random() * fullRunMs);
            const controller = new AbortController();
            started = Date.now();
            const running = stack.up({ signal: controller.signal });
            const timer = setTimeout(() => {
                if (signal === "SIGINT") {
                    controller.abort();
                } else {
                    pulumiChildren().forEach((pid) => process.kill(pid, "SIGKILL"));
                }
            }, delayMs);
            const finished = await running.then(
                () => "completed before the signal",
                () => "interrupted",
            );
            clearTimeout(timer);

            const pending = await clearPendingOperations(stack);
            await stack.up({ refresh: true });
            for (const username of usernames) {
                const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username: username }));
                assert.equal(user.PreferredMfaSetting || undefined, preferred ? "SMS_MFA" : undefined, `trial ${trial}: ${username}`);
                assert.deepEqual(user.UserMFASettingList, ["SMS_MFA"], `trial ${trial}: ${username}`);
            }
            assert.deepEqual((await stack.preview({ refresh: true, expectNoChanges: true })).changeSummary, { same: N + 1 });
            outcomes.push(`| ${trial} | ${signal} at ${delayMs} ms | ${finished} | ${pending} pending operations cleared | converged |`);
        }
        console.log(`\nfull update: ${fullRunMs} ms\n| trial | signal | run | recovery | result |\n|---|---|---|---|---|\n${outcomes.join("\n")}`);
    });
});
