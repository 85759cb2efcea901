#!/usr/bin/env bash
# The policy pack's benchmark: `npm run bench:policy -- --n 1000,10000 --resources set,user --runs 3`.
# Not part of npm test. A YAML program through the native plugin, run by the oldest CLI (whose
# fallback runs the pack: docs/mfa-rules.md, "The CLI it needs"), the pack from a program that
# installs the packed tarball beside @pulumi/policy, as a user's does.
set -euo pipefail
source "$(dirname "$0")/../setup/env.sh"
[ -f "$NATIVE_PLUGIN_TARBALL" ] || bash scripts/run/release.sh "$PLUGIN_PLATFORM" >&2
PATH="$PULUMI_BIN:$(bash scripts/setup/yaml.sh):$PATH"
export PULUMI_CLI_VERSION="$PULUMI_OLDEST"
dir="$(bash scripts/setup/program.sh bench-policy npm "$PULUMI_OLDEST")"
cd "$dir" && node_modules/.bin/ts-node --transpile-only scripts/bench/benchPolicy.ts "$@"
