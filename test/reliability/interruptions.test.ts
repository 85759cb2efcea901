// `pulumi up` interrupted at random points, alternately with SIGINT to the CLI (Pulumi's graceful
// cancel) and SIGKILL to the CLI and its program together (a runner that dies), over
// INTERRUPT_TRIALS trials (4 in CI, 20 in the full run) on RELIABILITY_N users. After each: every
// process the run started is gone, then the user's recovery (trials.ts) converges.

import * as assert from "node:assert/strict";
import { seededRandom } from "../../harness/cognitoProxy";
import { startEmulator, type Emulator } from "../../harness/moto";
import { assertNoSurvivors, interruptedUp, outcome, prepareTrials, recoverAndCheck } from "./trials";

const N = Number(process.env.RELIABILITY_N ?? 10);
const TRIALS = Number(process.env.INTERRUPT_TRIALS ?? 4);

describe(`interrupted pulumi up (${TRIALS} trials, ${N} resources)`, function () {
    this.timeout(1_800_000);
    let emulator: Emulator;
    const random = seededRandom(2026);

    before(async () => {
        emulator = await startEmulator();
    });

    after(async () => {
        await emulator?.stop();
    });

    it("always converges after SIGINT or SIGKILL at a random point, and leaves no process behind", async () => {
        const { users, stack, program, fullRunMs } = await prepareTrials(emulator, "interruptions", N);

        const outcomes: string[] = [];
        for (let trial = 1; trial <= TRIALS; trial++) {
            const preferred = (program.preferred = !program.preferred);
            const signal = trial % 2 === 1 ? "SIGINT" : "SIGKILL";
            const delayMs = Math.round(random() * fullRunMs);
            const run = await interruptedUp({
                trial: `interruptions-${trial}`,
                stack,
                users,
                preferred,
                delayMs,
                // A killed CLI leaves its plugins running; they end with it once the provider has loaded this package.
                clock: signal === "SIGINT" ? "cli" : "first update",
                interrupt: (driverPid, cliPids) =>
                    signal === "SIGINT" ? cliPids.forEach((pid) => process.kill(pid, "SIGINT")) : process.kill(-driverPid, "SIGKILL"),
            });
            assertNoSurvivors(run, `trial ${trial}`);
            assert.ok(run.processes.length > 0, `trial ${trial}: the run's processes were seen`);
            const recovery = await recoverAndCheck(`trial ${trial}`, stack, users, preferred);
            outcomes.push(`| ${trial} | ${signal} at ${delayMs} ms | ${outcome(run)} | ${run.goneAfterMs ?? "-"} ms | ${recovery} | converged |`);
        }
        console.log(
            `\nfull update: ${fullRunMs} ms\n| trial | signal | run | all processes gone after | recovery | result |\n|---|---|---|---|---|---|\n${outcomes.join("\n")}`,
        );
    });
});
