// The pool resource's `pulumi up`, killed midway: SIGKILL to the CLI and its program together (a
// runner that dies) after a random number of the run's writes, over SET_TRIALS trials (1 in CI,
// 10 in the full run), as trials.ts's setKillTrials runs them; test/native/setFaults.test.ts runs
// them on the native plugin's. After each: every process the run started is gone, and the user's
// recovery (`up --refresh`) converges, every user as declared.

import { seededRandom, startCognitoProxy, type CognitoProxy } from "../../harness/cognitoProxy";
import { startEmulator, type Emulator } from "../../harness/moto";
import { prepareTrials, setKillTrials } from "./trials";

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
        const trials = await prepareTrials(emulator, "set-interruptions", N, "set", proxy);
        await setKillTrials({ name: "set-interruptions", trials, proxy, count: TRIALS, random });
    });
});
