// The dynamic resource in the large-pool configuration (PULUMI_SKIP_CHECKPOINTS=true): runs killed
// during an up of every user and during a destroy converge with the next `up --refresh`, on a file
// backend and on S3 (skippedCheckpoints.ts, which says how many trials on how many users).

import { describeSkippedCheckpointTrials } from "./skippedCheckpoints";

describeSkippedCheckpointTrials("dynamic", 2027);
