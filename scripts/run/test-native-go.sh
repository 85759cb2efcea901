#!/usr/bin/env bash
# The native provider from Go (test/native/go): the generated Go SDK and the installed plugin,
# through the real CLI and engine, against the Cognito emulator. The program runs inline through
# the Automation API, so no Go language host is needed. Ends with the line
# "go: N passed, M failed"; the exit status is go test's.
set -euo pipefail
source "$(dirname "$0")/../setup/paths.sh"

use_module_proxy_only
# The CLI of the oldest supported version, as the other native legs use.
PATH="$(bash "$PROJECT_ROOT/scripts/setup/pulumi.sh" "$PULUMI_OLDEST"):$PATH"
MOTO_SERVER="${MOTO_SERVER:-$(bash "$PROJECT_ROOT/scripts/setup/moto.sh")}"
export PATH MOTO_SERVER

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
# pipefail: the pipeline's status is go test's, not tee's.
(cd "$PROJECT_ROOT/test/native/go" && go test -v -count=1 -timeout 15m ./...) 2>&1 | tee "$log" || status=$?

# Counts every "--- PASS:" / "--- FAIL:" line: the top-level test and each of its subtests (the
# steps), so a failure in the setup still counts. A build failure prints none: 0 and 0, status 1.
passed="$(grep -cE '^ *--- PASS:' "$log" || true)"
failed="$(grep -cE '^ *--- FAIL:' "$log" || true)"
echo "go: $passed passed, $failed failed"
exit "$status"
