#!/usr/bin/env bash
# The test command (`npm test`): typecheck, lint, unit tests, integration tests against the
# Cognito emulator, and end-to-end tests through the real Pulumi CLI. Installs what it needs.
set -euo pipefail
source "$(dirname "$0")/env.sh"

npx tsc -p tsconfig.check.json --noEmit
npx tsc -p examples/tsconfig.json
npx eslint .
npx mocha --config test/.mocharc.unit.json
npx mocha --config test/.mocharc.property.json
npx mocha --config test/.mocharc.integration.json
npx mocha --config test/.mocharc.e2e.json
