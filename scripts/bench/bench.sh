#!/usr/bin/env bash
# The benchmark: `npm run bench -- --n 100,500,1000 --runs 3 --quota-n 1000`. Not part of npm test.
# Runs in a program of its own that installs the packed tarball and the native provider's Node.js
# SDK (the plugin is installed into each stack's PULUMI_HOME); results go to .cache/bench-results*.json.
set -euo pipefail
source "$(dirname "$0")/../setup/env.sh"
AWS_CLI="$(bash scripts/setup/awscli.sh)"
bash scripts/run/release.sh "$PLUGIN_PLATFORM" >&2
export BENCH_RESULTS_DIR="$PROJECT_ROOT/.cache"
dir="$(NATIVE_SDK_TARBALL="$NATIVE_SDK_PACKED" bash scripts/setup/program.sh bench npm "$PULUMI_OLDEST")"
cd "$dir" && node_modules/.bin/ts-node --transpile-only scripts/bench/bench.ts --aws "$AWS_CLI" "$@"
