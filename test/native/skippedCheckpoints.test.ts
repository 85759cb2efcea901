// The native plugin in the large-pool configuration (PULUMI_SKIP_CHECKPOINTS=true), through the
// generated Node.js SDK and the plugin installed from its archive: runs killed during an up of
// every user and during a destroy converge with the next `up --refresh`, on a file backend and on
// S3 (test/reliability/skippedCheckpoints.ts). SKIPPED_CHECKPOINT_TRIALS per backend (CI: 4 on the
// file backend, each operation with each kill once, and 2 on S3; the full run: 20 each), on
// SKIPPED_CHECKPOINT_N users (50, two seconds of writes at Cognito's quota; the full run: 200).

import { seededRandom } from "../../harness/cognitoProxy";
import { startEmulator, type Emulator } from "../../harness/moto";
import { skippedCheckpointTrials, type Backend } from "../reliability/skippedCheckpoints";

const N = Number(process.env.SKIPPED_CHECKPOINT_N ?? 50);
/** Per backend: in CI each operation with each kill on the file backend, two of those on S3. */
const TRIALS: Record<Backend, number> = {
    file: Number(process.env.SKIPPED_CHECKPOINT_TRIALS ?? 4),
    s3: Number(process.env.SKIPPED_CHECKPOINT_TRIALS ?? 2),
};

describe(`native plugin with PULUMI_SKIP_CHECKPOINTS: killed runs (${TRIALS.file} trials on a file backend, ${TRIALS.s3} on S3, ${N} resources)`, function () {
    this.timeout(1_800_000);
    let emulator: Emulator;
    const random = seededRandom(2028);

    before(async () => {
        emulator = await startEmulator();
    });

    after(async () => {
        await emulator?.stop();
    });

    for (const backend of ["file", "s3"] as Backend[]) {
        it(`${backend} backend: every killed up or destroy converges with the next up --refresh, leaving no process`, async () => {
            await skippedCheckpointTrials({ emulator, name: `native-skipped-checkpoints-${backend}`, kind: "native", backend, n: N, trials: TRIALS[backend], random });
        });
    }
});
