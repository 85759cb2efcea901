#!/usr/bin/env bash
# The virtualenv that runs Python programs of the native provider: the Python SDK and test pins
# (test/native/python/requirements.txt; one virtualenv per set of pins), and the generated SDK's
# wheel from scripts/run/release.sh, installed fresh. Prints the virtualenv's directory.
set -euo pipefail
source "$(dirname "$0")/paths.sh"

requirements="$PROJECT_ROOT/test/native/python/requirements.txt"
venv="$CACHE_ROOT/native-python-$(sha256sum "$requirements" | cut -c1-12)"
ensure_venv "$venv" -r "$requirements"
wheel="$PROJECT_ROOT/build/release/pulumi_cognito_mfa-$PACKAGE_VERSION-py3-none-any.whl"
[ -f "$wheel" ] || { echo "native-python: no $wheel; run scripts/run/release.sh first" >&2; exit 1; }
"$venv/bin/pip" install --no-deps --force-reinstall --quiet --disable-pip-version-check "$wheel" >&2
echo "$venv"
