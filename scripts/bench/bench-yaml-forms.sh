#!/usr/bin/env bash
# Where a Pulumi YAML program of the pool resource holds its users: `npm run bench:yaml-forms --
# --n 1000,2000,4000 [--forms literal,config] [--runs 3]` (BENCHMARKS.md, "The pool resource from
# Pulumi YAML"). Not part of npm test. The native plugin from its archive, the newest CLI the
# project builds (PULUMI_CLI_VERSION to choose) and pulumi-language-yaml.
set -euo pipefail
source "$(dirname "$0")/../setup/env.sh"
[ -f "$NATIVE_PLUGIN_TARBALL" ] || bash scripts/run/release.sh "$PLUGIN_PLATFORM" >&2
export PULUMI_CLI_VERSION="${PULUMI_CLI_VERSION:-$PULUMI_NEWEST_CLI}"
PATH="$(bash scripts/setup/pulumi.sh "$PULUMI_CLI_VERSION"):$(bash scripts/setup/yaml.sh):$PATH"
dir="$(bash scripts/setup/program.sh bench-yaml npm "$PULUMI_OLDEST")"
cd "$dir" && node_modules/.bin/ts-node --transpile-only scripts/bench/benchYamlForms.ts "$@"
