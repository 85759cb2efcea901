#!/usr/bin/env bash
# The native provider from Python (test/native/python): the generated Python SDK's wheel and the
# plugin installed from its archive, through the real CLI and engine, against the Cognito emulator.
# Prints pytest's summary line; exits with pytest's status.
set -euo pipefail
source "$(dirname "$0")/../setup/paths.sh"

requirements="$PROJECT_ROOT/test/native/python/requirements.txt"
# One virtualenv per set of pins, so a changed requirements.txt gets a new one.
venv="$CACHE_ROOT/native-python-$(sha256sum "$requirements" | cut -c1-12)"
ensure_venv "$venv" -r "$requirements"

# The SDK's wheel from the release directory (scripts/run/release.sh), as pip installs it from
# PyPI; reinstalled every run, so the one tested is the one just built. Its dependencies are pinned
# in requirements.txt.
wheel="$PROJECT_ROOT/build/release/pulumi_cognito_mfa-$PACKAGE_VERSION-py3-none-any.whl"
[ -f "$wheel" ] || { echo "test-native-python: no $wheel; run scripts/run/release.sh first" >&2; exit 1; }
"$venv/bin/pip" install --no-deps --force-reinstall --quiet --disable-pip-version-check "$wheel" >&2

export MOTO_SERVER="${MOTO_SERVER:-$(bash "$PROJECT_ROOT/scripts/setup/moto.sh")}"
# The CLI the generated SDK is tested with: the newest (scripts/setup/paths.sh), beside the newest
# Python SDK that requirements.txt pins, as a user installing both today gets them.
PATH="$(bash "$PROJECT_ROOT/scripts/setup/pulumi.sh" "$PULUMI_NEWEST_CLI"):$PATH"
export PATH

cd "$PROJECT_ROOT"
# Nothing written into the source tree: no .pytest_cache, no __pycache__.
export PYTHONDONTWRITEBYTECODE=1
"$venv/bin/pytest" -v -p no:cacheprovider test/native/python
