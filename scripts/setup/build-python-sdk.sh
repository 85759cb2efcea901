#!/usr/bin/env bash
# Builds the generated Python SDK (build/sdk/python, from scripts/setup/build-native.sh) into the
# packages pip installs, in directory $1:
#   pulumi_cognito_mfa-<version>.tar.gz            the sdist
#   pulumi_cognito_mfa-<version>-py3-none-any.whl  the wheel, built from that sdist (so the sdist is
#                                                  known to be complete)
# With the pinned build frontend and setuptools (scripts/setup/python-packages.txt), in a virtualenv
# of the per-user cache, without build isolation: nothing is fetched once that exists.
set -euo pipefail
source "$(dirname "$0")/paths.sh"

out="$(mkdir -p "$1" && cd "$1" && pwd)"
requirements="$PROJECT_ROOT/scripts/setup/python-packages.txt"
venv="$CACHE_ROOT/python-build-$(sha256sum "$requirements" | cut -c1-12)"
ensure_venv "$venv" -r "$requirements"

# From a copy: a build in place would leave build/ and egg-info files in the generated SDK. The
# pyproject's readme is README.md beside it, which the generator writes into the package directory.
source_copy="$(mktemp -d)"
trap 'rm -rf "$source_copy"' EXIT
cp -r "$NATIVE_SDK_DIR/python/." "$source_copy"
cp "$source_copy/pulumi_cognito_mfa/README.md" "$source_copy/README.md"
"$venv/bin/python" -m build --no-isolation --outdir "$out" "$source_copy" >"$source_copy.log" 2>&1 ||
    { cat "$source_copy.log" >&2; rm -f "$source_copy.log"; exit 1; }
rm -f "$source_copy.log"
ls "$out"/pulumi_cognito_mfa-"$PACKAGE_VERSION"*
