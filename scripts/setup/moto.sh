#!/usr/bin/env bash
# Creates (once) a virtualenv with a pinned moto[server], the Cognito emulator used by the tests
# and the demo. Prints the path of the moto_server executable.
set -euo pipefail
source "$(dirname "$0")/paths.sh"
ensure_venv "$MOTO_VENV" "moto[server]==$MOTO_VERSION"
echo "$MOTO_VENV/bin/moto_server"
