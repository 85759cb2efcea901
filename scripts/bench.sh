#!/usr/bin/env bash
# The benchmark: `npm run bench -- --n 100,500,1000 --runs 3 --quota-n 1000`. Not part of npm test.
# Runs in a program that installs the packed tarball; results go to .cache/bench-results*.json.
set -euo pipefail
source "$(dirname "$0")/env.sh"
AWS_CLI="$(bash scripts/setup-awscli.sh)"
export BENCH_RESULTS_DIR="$PROJECT_ROOT/.cache"
run_in_program bench.ts --aws "$AWS_CLI" "$@"
