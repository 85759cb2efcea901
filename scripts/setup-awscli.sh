#!/usr/bin/env bash
# Creates (once) a virtualenv with a pinned AWS CLI, for the benchmark's baseline: the usual
# workaround runs `aws cognito-idp admin-set-user-mfa-preference` once per user.
# Prints the path of the aws executable.
set -euo pipefail
source "$(dirname "$0")/paths.sh"

AWSCLI_VERSION="1.46.3"
venv="$CACHE_ROOT/awscli-$AWSCLI_VERSION"
if [ ! -f "$venv/.complete" ]; then
    echo "setup-awscli: installing awscli==$AWSCLI_VERSION into $venv" >&2
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "awscli==$AWSCLI_VERSION" >&2
    touch "$venv/.complete"
fi
echo "$venv/bin/aws"
