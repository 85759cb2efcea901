// The pool resource's `pulumi up`, killed midway: SIGKILL to the CLI and its program together (a
// runner that dies) after a random number of the run's writes, over SET_TRIALS trials (1 in CI,
// 10 in the full run). One resource holds every user, so a kill lands inside one provider call that has written some
// users and not others; the proxy counts the writes, and a trial must be killed midway through
// them. After each: every process the run started is gone, and the user's recovery
// (`up --refresh`, trials.ts) converges, every user as declared.

import * as assert from "node:assert/strict";
import { seededRandom, startCognitoProxy, type CognitoProxy } from "../../harness/cognitoProxy";
import { startEmulator, type Emulator } from "../../harness/moto";
import { assertNoSurvivors, interruptedUp, outcome, prepareTrials, recoverAndCheck } from "./trials";

const N = Number(process.env.SET_RELIABILITY_N ?? 30);
const TRIALS = Number(process.env.SET_TRIALS ?? 1);

describe(`a UserMfaPreferenceSet's pulumi up killed midway (${TRIALS} trials, ${N} users in one resource)`, function () {
    this.timeout(1_800_000);
    let emulator: Emulator;
    let proxy: CognitoProxy;
    const random = seededRandom(29);

    before(async () => {
        emulator = await startEmulator();
        proxy = await startCognitoProxy(emulator.endpoint);
    });

    after(async () => {
        await proxy?.close();
        await emulator?.stop();
    });

    it("converges with up --refresh after SIGKILL midway through the writes, and leaves no process behind", async () => {
        const { users, stack, program } = await prepareTrials(emulator, "set-interruptions", N, "set", proxy);
        const rows: string[] = [];
        let killedMidway = 0;
        for (let trial = 1; trial <= TRIALS; trial++) {
            const preferred = (program.preferred = !program.preferred);
            const afterWrites = 1 + Math.floor(random() * (N - 1));
            const run = await interruptedUp({
                trial: `set-interruptions-${trial}`,
                stack,
                users,
                preferred,
                kind: "set",
                delayMs: 0,
                clock: { afterWrites },
                proxy,
                interrupt: (driverPid) => process.kill(-driverPid, "SIGKILL"),
            });
            assertNoSurvivors(run, `trial ${trial}`);
            assert.ok(
                run.signalled && run.writesAtSignal! < N,
                `trial ${trial}: SIGKILL after write ${afterWrites} was to land midway through the writes, but ${run.signalled ? `${run.writesAtSignal} of ${N} were written by then` : "the run ended first"}`,
            );
            killedMidway += run.completed ? 0 : 1;
            const recovery = await recoverAndCheck(`trial ${trial}`, stack, users, preferred, "file", "set");
            rows.push(`| ${trial} | SIGKILL after write ${afterWrites} | ${run.writesAtSignal} / ${run.writes} of ${N} | ${outcome(run)} | ${recovery} | converged |`);
        }
        console.log(`\n| trial | signal | writes at signal / in all | run | recovery | result |\n|---|---|---|---|---|---|\n${rows.join("\n")}`);
        assert.ok(killedMidway > 0, "no trial was killed midway: the trials proved nothing");
    });
});
