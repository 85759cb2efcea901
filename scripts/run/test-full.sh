#!/usr/bin/env bash
# The slower, full-count run of the reliability and property tests (CI runs smaller counts):
# 50 resources per fault case, 20 interruption trials, 10 trials that kill the CLI alone (50
# resources each), 50 runs of each form of two resources for one user, 100,000 property cases,
# 20 trials per front end and backend of runs killed with PULUMI_SKIP_CHECKPOINTS (200 users);
# the release directory, checked (test/package/pluginArchives.test.ts, release.test.ts); then no
# process it started may be left running. Every mocha run uses its config, and a pending test that
# test/allowed-pending.txt does not name fails the run, as in the test command.
set -euo pipefail
source "$(dirname "$0")/survivors.sh"
source "$(dirname "$0")/pending.sh"
source "$(dirname "$0")/../setup/env.sh"
export RELIABILITY_N="${RELIABILITY_N:-50}" INTERRUPT_TRIALS="${INTERRUPT_TRIALS:-20}" ORPHAN_TRIALS="${ORPHAN_TRIALS:-10}" SET_TRIALS="${SET_TRIALS:-10}" DUPLICATE_TRIALS="${DUPLICATE_TRIALS:-50}" CASES="${CASES:-100000}"
export SKIPPED_CHECKPOINT_TRIALS="${SKIPPED_CHECKPOINT_TRIALS:-20}" SKIPPED_CHECKPOINT_N="${SKIPPED_CHECKPOINT_N:-200}"
MOCHA_PENDING_FILE="$(mktemp)"
export MOCHA_PENDING_FILE
trap 'rm -f "$MOCHA_PENDING_FILE"' EXIT

# suite DIR CONFIG: mocha in DIR with test/.mocharc.CONFIG.json.
suite() {
    (cd "$1" && node node_modules/mocha/bin/mocha.js --config "$PROJECT_ROOT/test/.mocharc.$2.json")
}
suite "$PROJECT_ROOT" property
bash scripts/run/release.sh
suite "$PROJECT_ROOT" release
suite "$(bash scripts/setup/program.sh oldest npm "$PULUMI_OLDEST")" reliability
suite "$(NATIVE_SDK_TARBALL="$NATIVE_SDK_PACKED" bash scripts/setup/program.sh native npm "$PULUMI_OLDEST")" native-skipped-checkpoints
status=0
check_pending "test:full" "$MOCHA_PENDING_FILE" || status=1
check_no_survivors || status=1
exit "$status"
