#!/usr/bin/env bash
# The quota benchmark: `npm run bench:quota -- --n 2000 [--runs 3]` (BENCHMARKS.md, "Under the
# account's quota"). Not part of npm test. Runs in a program of its own that installs the packed
# tarball, with the oldest CLI on PATH; results go to .cache/bench-quota-<sizes>.json.
set -euo pipefail
source "$(dirname "$0")/../setup/env.sh"
export BENCH_RESULTS_DIR="$PROJECT_ROOT/.cache"
dir="$(bash scripts/setup/program.sh bench-quota npm "$PULUMI_OLDEST")"
cd "$dir" && node_modules/.bin/ts-node --transpile-only scripts/bench/benchQuota.ts "$@"
