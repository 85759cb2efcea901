# Shared locations for the setup scripts. Everything built or installed lives in a per-user
# cache outside the source tree, keyed by version, so fresh clones reuse it and nothing is committed.
# shellcheck shell=bash
PROJECT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_ROOT="${PULUMI_COGNITO_MFA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-cognito-mfa}"
MOTO_VERSION="5.2.5"
MOTO_VENV="$CACHE_ROOT/moto-$MOTO_VERSION"
# The Pulumi CLI version follows the exact @pulumi/pulumi version pinned in package.json.
PULUMI_VERSION="$(node -p "require('$PROJECT_ROOT/package.json').dependencies['@pulumi/pulumi']")"
PULUMI_BUILD_DIR="$CACHE_ROOT/pulumi-v$PULUMI_VERSION"
export PROJECT_ROOT CACHE_ROOT MOTO_VERSION MOTO_VENV PULUMI_VERSION PULUMI_BUILD_DIR

# Makes (once) a virtualenv at $1 with the pip requirement $2. The marker file is written last,
# so an interrupted install is redone instead of half-reused.
ensure_venv() {
    local venv="$1" requirement="$2"
    if [ ! -f "$venv/.complete" ]; then
        echo "installing $requirement into $venv" >&2
        rm -rf "$venv"
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet --disable-pip-version-check "$requirement" >&2
        touch "$venv/.complete"
    fi
}
