#!/usr/bin/env bash
# The scan benchmark: `npm run bench:scan -- --n 1000,10000 --runs 3`. Not part of npm test. Runs in
# a program of its own that installs the packed tarball, so it times the command users run.
set -euo pipefail
source "$(dirname "$0")/../setup/env.sh"
dir="$(bash scripts/setup/program.sh bench-scan npm "$PULUMI_OLDEST")"
cd "$dir" && node_modules/.bin/ts-node --transpile-only scripts/bench/benchScan.ts "$@"
