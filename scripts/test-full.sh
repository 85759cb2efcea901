#!/usr/bin/env bash
# The slower, full-count run of the reliability and property tests (CI runs smaller counts):
# 50 resources per fault case, 20 interruption trials, 100,000 property cases.
set -euo pipefail
source "$(dirname "$0")/env.sh"
export RELIABILITY_N="${RELIABILITY_N:-50}" INTERRUPT_TRIALS="${INTERRUPT_TRIALS:-20}" CASES="${CASES:-100000}"
npx mocha --config test/.mocharc.property.json
dir="$(bash scripts/program.sh oldest npm "$PULUMI_OLDEST")"
(cd "$dir" && node node_modules/mocha/bin/mocha.js --config "$PROJECT_ROOT/test/.mocharc.reliability.json")
