#!/usr/bin/env bash
# The native provider from Python (test/native/python): the generated Python SDK's wheel and the
# plugin installed from its archive, through the real CLI and engine, against the Cognito emulator.
# Prints pytest's summary line; exits with pytest's status.
set -euo pipefail
source "$(dirname "$0")/../setup/paths.sh"

venv="$(bash "$PROJECT_ROOT/scripts/setup/native-python.sh")"

export MOTO_SERVER="${MOTO_SERVER:-$(bash "$PROJECT_ROOT/scripts/setup/moto.sh")}"
# The CLI the generated SDK is tested with: the newest (scripts/setup/paths.sh), beside the newest
# Python SDK that requirements.txt pins, as a user installing both today gets them.
PATH="$(bash "$PROJECT_ROOT/scripts/setup/pulumi.sh" "$PULUMI_NEWEST_CLI"):$PATH"
export PATH

cd "$PROJECT_ROOT"
# Nothing written into the source tree: no .pytest_cache, no __pycache__.
export PYTHONDONTWRITEBYTECODE=1
"$venv/bin/pytest" -v -p no:cacheprovider test/native/python
