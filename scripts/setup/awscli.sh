#!/usr/bin/env bash
# Creates (once) a virtualenv with a pinned AWS CLI, for the benchmark's baseline: the usual
# workaround runs `aws cognito-idp admin-set-user-mfa-preference` once per user.
# Prints the path of the aws executable.
set -euo pipefail
source "$(dirname "$0")/paths.sh"
AWSCLI_VERSION="1.46.3"
ensure_venv "$CACHE_ROOT/awscli-$AWSCLI_VERSION" "awscli==$AWSCLI_VERSION"
echo "$CACHE_ROOT/awscli-$AWSCLI_VERSION/bin/aws"
