// `pulumi up` interrupted, alternately with SIGINT to the CLI (Pulumi's graceful cancel) and
// SIGKILL to the CLI and its program together (a runner that dies), over INTERRUPT_TRIALS trials
// (4 in CI, 20 in the full run) on RELIABILITY_N users. The point of each signal cycles through
// four cases: SIGINT at a random moment of the CLI's run (start-up, preview, writes or the end),
// SIGKILL after a random number of the run's writes, SIGINT after a random number of writes, and
// SIGKILL at a random moment from the first update. The provider reaches Cognito through the
// loopback proxy, which counts the writes: a trial clocked by writes must be signalled midway
// through them (some written, not all), and at least one trial must end interrupted, or the
// trials proved nothing. After each: every process the run started is gone, then the user's
// recovery (trials.ts) converges.

import * as assert from "node:assert/strict";
import { seededRandom, startCognitoProxy, type CognitoProxy } from "../../harness/cognitoProxy";
import { startEmulator, type Emulator } from "../../harness/moto";
import { assertNoSurvivors, interruptedUp, outcome, prepareTrials, recoverAndCheck, type TrialOptions } from "./trials";

const N = Number(process.env.RELIABILITY_N ?? 10);
const TRIALS = Number(process.env.INTERRUPT_TRIALS ?? 4);

const CASES = [
    { signal: "SIGINT", at: "a moment" },
    { signal: "SIGKILL", at: "a write" },
    { signal: "SIGINT", at: "a write" },
    { signal: "SIGKILL", at: "a moment" },
] as const;

describe(`interrupted pulumi up (${TRIALS} trials, ${N} resources)`, function () {
    this.timeout(1_800_000);
    let emulator: Emulator;
    let proxy: CognitoProxy;
    const random = seededRandom(2026);

    before(async () => {
        emulator = await startEmulator();
        proxy = await startCognitoProxy(emulator.endpoint);
    });

    after(async () => {
        await proxy?.close();
        await emulator?.stop();
    });

    it("always converges after SIGINT or SIGKILL at a random point, and leaves no process behind", async () => {
        const { users, stack, program, fullRunMs } = await prepareTrials(emulator, "interruptions", N, "dynamic", proxy);

        const outcomes: string[] = [];
        let interrupted = 0;
        for (let trial = 1; trial <= TRIALS; trial++) {
            const preferred = (program.preferred = !program.preferred);
            const { signal, at } = CASES[(trial - 1) % CASES.length];
            // A write of the N: from the first to the last but one, so that some are left.
            const afterWrites = 1 + Math.floor(random() * (N - 1));
            const delayMs = at === "a moment" ? Math.round(random() * fullRunMs) : 0;
            // SIGKILL's moment counts from the first update: a killed CLI leaves its plugins running,
            // and they end with it once the provider has loaded this package.
            const clock: TrialOptions["clock"] = at === "a write" ? { afterWrites } : signal === "SIGINT" ? "cli" : "first update";
            const run = await interruptedUp({
                trial: `interruptions-${trial}`,
                stack,
                users,
                preferred,
                delayMs,
                clock,
                proxy,
                interrupt: (driverPid, cliPids) =>
                    signal === "SIGINT" ? cliPids.forEach((pid) => process.kill(pid, "SIGINT")) : process.kill(-driverPid, "SIGKILL"),
            });
            assertNoSurvivors(run, `trial ${trial}`);
            assert.ok(run.processes.length > 0, `trial ${trial}: the run's processes were seen`);
            const point = at === "a write" ? `after write ${afterWrites}` : `at ${delayMs} ms from the ${clock === "cli" ? "CLI's start" : "first update"}`;
            if (at === "a write") {
                assert.ok(
                    run.signalled && run.writesAtSignal! < N,
                    `trial ${trial}: ${signal} ${point} was to land midway through the writes, but ${run.signalled ? `${run.writesAtSignal} of ${N} were written by then` : "the run ended first"}`,
                );
            }
            interrupted += run.completed ? 0 : 1;
            const recovery = await recoverAndCheck(`trial ${trial}`, stack, users, preferred);
            const writes = `${run.writesAtSignal ?? "-"} / ${run.writes} of ${N}`;
            outcomes.push(`| ${trial} | ${signal} ${point} | ${writes} | ${outcome(run)} | ${run.goneAfterMs ?? "-"} ms | ${recovery} | converged |`);
        }
        console.log(
            `\nfull update: ${fullRunMs} ms\n| trial | signal | writes at the signal / in all | run | all processes gone after | recovery | result |\n|---|---|---|---|---|---|---|\n${outcomes.join("\n")}`,
        );
        assert.ok(interrupted > 0, "no trial ended interrupted: every run finished before or in spite of its signal, and the trials proved nothing");
    });
});
