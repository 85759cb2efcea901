#!/usr/bin/env bash
# The benchmark: `npm run bench -- --n 100,500,1000 --runs 3 --quota-n 1000`. Not part of npm test.
set -euo pipefail
source "$(dirname "$0")/env.sh"
AWS_CLI="$(bash scripts/setup-awscli.sh)"
exec npx ts-node --transpile-only scripts/bench.ts --aws "$AWS_CLI" "$@"
