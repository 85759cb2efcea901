// The native plugin in the large-pool configuration (PULUMI_SKIP_CHECKPOINTS=true), through the
// generated Node.js SDK and the plugin installed from its archive: runs killed during an up of
// every user and during a destroy converge with the next `up --refresh`, on a file backend and on
// S3 (test/reliability/skippedCheckpoints.ts, which says how many trials on how many users).

import { describeSkippedCheckpointTrials } from "../reliability/skippedCheckpoints";

describeSkippedCheckpointTrials("native", 2028);
