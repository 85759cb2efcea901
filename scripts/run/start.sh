#!/usr/bin/env bash
# The main job (`npm start`): the root Pulumi program, installed from the packed tarball, against a
# local Cognito emulator.
set -euo pipefail
source "$(dirname "$0")/../setup/env.sh"
run_in_program run/demo.ts
