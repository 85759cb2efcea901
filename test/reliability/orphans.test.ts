// The CLI killed alone (SIGKILL to `pulumi`, not to its process group), as the OOM killer, a CI
// runner that kills its main process, a closed SSH session or `timeout` do, at random points of
// an `up` of ORPHAN_N users (50), over ORPHAN_TRIALS trials (3 in CI, 10 in the full run). The
// CLI starts its plugins in process groups of their own, so nothing else signals them: every
// process the run started must still be gone within seconds, no provider host may balloon on its
// way out, and the user's recovery must converge.

import * as assert from "node:assert/strict";
import { seededRandom } from "../support/cognitoProxy";
import { startEmulator, type Emulator } from "../support/moto";
import { isDynamicProviderHost } from "../support/processes";
import { assertNoSurvivors, interruptedUp, outcome, prepareTrials, providerPeakRssMb, recoverAndCheck } from "./trials";

const N = Number(process.env.ORPHAN_N ?? 50);
const TRIALS = Number(process.env.ORPHAN_TRIALS ?? 3);
/** A provider host serving 50 users peaks at about 150 MB; the reported orphan reached 4.2 GB. */
const RSS_BOUND_MB = 256;

describe(`pulumi CLI killed alone during up (${TRIALS} trials, ${N} resources)`, function () {
    this.timeout(1_800_000);
    let emulator: Emulator;
    const random = seededRandom(12);

    before(async () => {
        emulator = await startEmulator();
    });

    after(async () => {
        await emulator?.stop();
    });

    it("ends every provider process promptly and quietly, then converges", async () => {
        const { users, stack, program, fullRunMs } = await prepareTrials(emulator, "orphans", N);

        const outcomes: string[] = [];
        let hostsKilledUnder = 0;
        for (let trial = 1; trial <= TRIALS; trial++) {
            const preferred = (program.preferred = !program.preferred);
            // Within the provider's work: from its first update on.
            const delayMs = Math.round(random() * fullRunMs * 0.7);
            const run = await interruptedUp({
                trial: `orphans-${trial}`,
                stack,
                users,
                preferred,
                delayMs,
                clock: "first update",
                interrupt: (_driverPid, cliPids) => cliPids.forEach((pid) => process.kill(pid, "SIGKILL")),
            });
            assertNoSurvivors(run, `trial ${trial}`);
            const peakMb = providerPeakRssMb(run);
            assert.ok(peakMb < RSS_BOUND_MB, `trial ${trial}: a provider host reached ${peakMb.toFixed(0)} MB`);
            const hosts = run.aliveAtSignal.filter(isDynamicProviderHost).length;
            hostsKilledUnder += hosts;
            const recovery = await recoverAndCheck(`trial ${trial}`, stack, users, preferred);
            const finished = run.completed ? outcome(run) : `interrupted, ${hosts} provider host(s) running`;
            outcomes.push(`| ${trial} | ${delayMs} ms | ${finished} | ${run.goneAfterMs ?? "-"} ms | ${peakMb.toFixed(0)} MB | ${recovery} | converged |`);
        }
        console.log(
            `\nfull update: ${fullRunMs} ms\n| trial | SIGKILL to the CLI at | run | all processes gone after | provider peak RSS | recovery | result |\n|---|---|---|---|---|---|---|\n${outcomes.join("\n")}`,
        );
        assert.ok(hostsKilledUnder > 0, "no trial killed the CLI while a provider host ran: the trials proved nothing");
    });
});
