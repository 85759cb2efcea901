#!/usr/bin/env bash
# The slower, full-count run of the reliability and property tests (CI runs smaller counts):
# 50 resources per fault case, 20 interruption trials, 10 trials that kill the CLI alone (50
# resources each), 50 runs of each form of two resources for one user, 100,000 property cases,
# 20 trials per front end and backend of runs killed with PULUMI_SKIP_CHECKPOINTS (200 users);
# the release directory, checked (test/package/release.test.ts, pluginArchives.test.ts); then no
# process it started may be left running.
set -euo pipefail
source "$(dirname "$0")/survivors.sh"
source "$(dirname "$0")/../setup/env.sh"
export RELIABILITY_N="${RELIABILITY_N:-50}" INTERRUPT_TRIALS="${INTERRUPT_TRIALS:-20}" ORPHAN_TRIALS="${ORPHAN_TRIALS:-10}" DUPLICATE_TRIALS="${DUPLICATE_TRIALS:-50}" CASES="${CASES:-100000}"
export SKIPPED_CHECKPOINT_TRIALS="${SKIPPED_CHECKPOINT_TRIALS:-20}" SKIPPED_CHECKPOINT_N="${SKIPPED_CHECKPOINT_N:-200}"
npx mocha --config test/.mocharc.property.json
bash scripts/run/release.sh
npx mocha --require ts-node/register/transpile-only test/package/pluginArchives.test.ts test/package/release.test.ts
dir="$(bash scripts/setup/program.sh oldest npm "$PULUMI_OLDEST")"
(cd "$dir" && node node_modules/mocha/bin/mocha.js --config "$PROJECT_ROOT/test/.mocharc.reliability.json")
dir="$(NATIVE_SDK_TARBALL="$NATIVE_SDK_PACKED" bash scripts/setup/program.sh native npm "$PULUMI_OLDEST")"
(cd "$dir" && node node_modules/mocha/bin/mocha.js --require ts-node/register/transpile-only --timeout 7200000 test/native/skippedCheckpoints.test.ts)
check_no_survivors
