#!/usr/bin/env bash
# The large-stack benchmark: `npm run bench:large -- --n 1000,2000,5000,10000 --checkpoints on,off
# [--fronts native,dynamic,yaml] [--backend file|s3] [--stack-trace-limit 10,0]` (BENCHMARKS.md, "Large
# stacks"). Not part of npm test. Runs in the benchmark's program (the packed tarball and the
# native SDK installed) with the CLI on PATH (PULUMI_CLI_VERSION, default the newest the project
# builds); results go to .cache/bench-large-<backend>-<sizes>-<checkpoints>[-stack-traces-…].json.
set -euo pipefail
source "$(dirname "$0")/../setup/env.sh"
[ -f "$NATIVE_PLUGIN_TARBALL" ] && [ -f "$NATIVE_SDK_PACKED" ] || bash scripts/run/release.sh "$PLUGIN_PLATFORM" >&2
export BENCH_RESULTS_DIR="$PROJECT_ROOT/.cache"
# The YAML language host too, for `--fronts yaml`.
PATH="$(bash scripts/setup/pulumi.sh "${PULUMI_CLI_VERSION:-$PULUMI_NEWEST_CLI}"):$(bash scripts/setup/yaml.sh):$PATH"
dir="$(NATIVE_SDK_TARBALL="$NATIVE_SDK_PACKED" bash scripts/setup/program.sh bench npm "$PULUMI_OLDEST")"
# The plugin archive from a copy: a long run must not depend on build/ staying as it was.
cp "$NATIVE_PLUGIN_TARBALL" "$dir/"
# The Python and Go programs, prepared only when a front end asks for them.
if [[ "$*" == *set-python* ]]; then BENCH_PYTHON="$(bash scripts/bench/programs/setup.sh python)" && export BENCH_PYTHON; fi
if [[ "$*" == *set-go* ]]; then BENCH_GO_PROGRAM="$(bash scripts/bench/programs/setup.sh go)" && export BENCH_GO_PROGRAM; fi
export NATIVE_PLUGIN_TARBALL="$dir/$(basename "$NATIVE_PLUGIN_TARBALL")"
# The Terraform provider's zip and OpenTofu, for `--fronts set-terraform`.
if [[ "$*" == *set-terraform* ]]; then
    TOFU_BIN="$(bash scripts/setup/tofu.sh)" && export TOFU_BIN
    zip="build/release/terraform-provider-cognitomfa_${PACKAGE_VERSION}_${PLUGIN_PLATFORM/-/_}.zip"
    [ -f "$zip" ] || bash scripts/run/release.sh "$PLUGIN_PLATFORM" >&2
    cp "$zip" "$dir/"
    export TERRAFORM_PROVIDER_ZIP="$dir/$(basename "$zip")"
fi
cd "$dir" && node_modules/.bin/ts-node --transpile-only scripts/bench/benchLarge.ts "$@"
