#!/usr/bin/env bash
# Writes this version's state fixtures into test/state-fixtures (see make-state-fixtures.ts).
set -euo pipefail
source "$(dirname "$0")/../setup/env.sh"
export STATE_FIXTURES_DIR="$PROJECT_ROOT/test/state-fixtures"
run_in_program run/make-state-fixtures.ts
