#!/usr/bin/env bash
# The test command (`npm test`): typecheck, lint, unit and property tests, integration tests
# against the Cognito emulator, end-to-end tests through the real Pulumi CLI, and the CI-sized
# reliability tests (faults and interruptions). Installs what it needs. Ends with one line
# "tests: N passed, N failed" summing every suite.
set -euo pipefail
source "$(dirname "$0")/env.sh"

npx tsc -p tsconfig.check.json --noEmit
npx tsc -p examples/tsconfig.json
npx eslint .

passed=0
failed=0
status=0
for suite in unit property integration e2e reliability; do
    log="$(mktemp)"
    if ! npx mocha --config "test/.mocharc.$suite.json" 2>&1 | tee "$log"; then
        status=1
    fi
    passed=$((passed + $(grep -oE '^ +[0-9]+ passing' "$log" | grep -oE '[0-9]+' || echo 0)))
    failed=$((failed + $(grep -oE '^ +[0-9]+ failing' "$log" | grep -oE '[0-9]+' || echo 0)))
    rm -f "$log"
done
echo "tests: $passed passed, $failed failed"
exit "$status"
