// The CLI killed alone (SIGKILL to `pulumi`, not to its process group), as the OOM killer, a CI
// runner that kills its main process, a closed SSH session or `timeout` do, at random points of
// an `up` of ORPHAN_N users (50), over ORPHAN_TRIALS trials (3 in CI, 10 in the full run). The
// CLI starts its plugins in process groups of their own, so nothing else signals them: every
// process the run started must still be gone within seconds, no provider host may balloon on its
// way out, and the user's recovery must converge. A trial counts only if the kill hit a running
// provider host (trials.ts, orphanTrials). The native plugin's trials are in test/native, where
// its SDK is installed.

import { seededRandom } from "../../harness/cognitoProxy";
import { startEmulator, type Emulator } from "../../harness/moto";
import { orphanTrials } from "./trials";

const N = Number(process.env.ORPHAN_N ?? 50);
const TRIALS = Number(process.env.ORPHAN_TRIALS ?? 3);

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
        await orphanTrials({ emulator, name: "orphans", kind: "dynamic", n: N, trials: TRIALS, random });
    });
});
