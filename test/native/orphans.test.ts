// The native plugin when the CLI is killed alone (SIGKILL to `pulumi`, not to its process group) at
// random points of an `up` of ORPHAN_N users (50), over ORPHAN_TRIALS trials (2 in CI): the same
// trials as test/reliability/orphans.test.ts runs on the dynamic provider host (trials.ts,
// orphanTrials), with the plugin installed from its archive and driven through the generated
// Node.js SDK. The engine starts the plugin in a process group of its own, so nothing signals it:
// it must end by itself within seconds of the kill, and the user's recovery must converge.

import { seededRandom } from "../../harness/cognitoProxy";
import { startEmulator, type Emulator } from "../../harness/moto";
import { orphanTrials } from "../reliability/trials";

const N = Number(process.env.ORPHAN_N ?? 50);
const TRIALS = Number(process.env.ORPHAN_TRIALS ?? 2);

describe(`native plugin: pulumi CLI killed alone during up (${TRIALS} trials, ${N} resources)`, function () {
    this.timeout(1_800_000);
    let emulator: Emulator;
    const random = seededRandom(13);

    before(async () => {
        emulator = await startEmulator();
    });

    after(async () => {
        await emulator?.stop();
    });

    it("the plugin ends promptly and quietly once its CLI is gone, then the stack converges", async () => {
        await orphanTrials({ emulator, name: "native-orphans", kind: "native", n: N, trials: TRIALS, random });
    });
});
