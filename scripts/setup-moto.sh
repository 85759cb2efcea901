#!/usr/bin/env bash
# Creates (once) a virtualenv with a pinned moto[server], the Cognito emulator used by the tests
# and the demo. Prints the path of the moto_server executable.
set -euo pipefail
source "$(dirname "$0")/paths.sh"

# The marker is written last, so an interrupted install is redone instead of half-reused.
if [ ! -f "$MOTO_VENV/.complete" ]; then
    echo "setup-moto: installing moto[server]==$MOTO_VERSION into $MOTO_VENV" >&2
    rm -rf "$MOTO_VENV"
    python3 -m venv "$MOTO_VENV"
    "$MOTO_VENV/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION" >&2
    touch "$MOTO_VENV/.complete"
fi
echo "$MOTO_VENV/bin/moto_server"
