#!/usr/bin/env bash
# The main job (`npm start`): the root Pulumi program against a local Cognito emulator.
set -euo pipefail
source "$(dirname "$0")/env.sh"
exec npx ts-node --transpile-only scripts/demo.ts
