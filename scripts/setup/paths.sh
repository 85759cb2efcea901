# Shared locations for the setup scripts. Everything built or installed lives in a per-user
# cache outside the source tree, keyed by version, so fresh clones reuse it and nothing is committed.
# shellcheck shell=bash
PROJECT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE_ROOT="${PULUMI_COGNITO_MFA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-cognito-mfa}"
MOTO_VERSION="5.2.5"
MOTO_VENV="$CACHE_ROOT/moto-$MOTO_VERSION"
# The compatibility matrix (docs/installation-configuration.md, "Compatibility").
# Oldest: the lowest @pulumi/pulumi that package.json accepts, on this machine's Node.js (20), with
# the CLI of the same version.
PULUMI_OLDEST="3.248.0"
# Newest: what a user installing today gets. The newest @pulumi/pulumi on npm with the CLI of the
# same release, built from its Go modules like the oldest. The newest Python SDK, `pulumi` on PyPI
# (older than the CLI), is pinned in test/native/python/requirements.txt and runs with this CLI.
PULUMI_NEWEST_SDK="3.276.0"
PULUMI_NEWEST_CLI="3.276.0"
# Node.js 24 LTS runs the newest leg; Node.js 22, the oldest that @pulumi/pulumi supports since
# 3.249 (engines ">=22"), runs the newest SDK in the node22 leg.
NODE_NEWEST="24.21.0"
NODE_22="22.23.3"
# The Pulumi YAML language host (scripts/setup/yaml.sh): the one language host the module proxy
# serves here, so YAML programs run as plain projects with `pulumi up` (test/yaml).
PULUMI_YAML_VERSION="1.25.0"
# OpenTofu, the Terraform-compatible CLI the Terraform provider is tested under (scripts/setup/tofu.sh).
TOFU_VERSION="1.12.6"
# Programs that install the packed package (scripts/setup/program.sh): outside the repository, one set
# per checkout.
PROGRAMS_ROOT="$CACHE_ROOT/programs/$(printf '%s' "$PROJECT_ROOT" | sha256sum | cut -c1-8)"
# What scripts/run/release.sh and scripts/setup/build-native.sh make, named by the package's
# version: the plugin archive, the packed Node.js SDK, and the generated SDKs. The first and last
# may be pointed elsewhere.
PACKAGE_VERSION="$(node -p 'require(process.argv[1]).version' "$PROJECT_ROOT/package.json")"
# The plugin archive is this machine's standalone one from the release directory (scripts/run/release.sh).
case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) PLUGIN_PLATFORM=linux-amd64 ;;
    Linux-aarch64) PLUGIN_PLATFORM=linux-arm64 ;;
    Darwin-x86_64) PLUGIN_PLATFORM=darwin-amd64 ;;
    *) PLUGIN_PLATFORM=darwin-arm64 ;;
esac
NATIVE_PLUGIN_TARBALL="${NATIVE_PLUGIN_TARBALL:-$PROJECT_ROOT/build/release/pulumi-resource-cognito-mfa-v$PACKAGE_VERSION-$PLUGIN_PLATFORM.tar.gz}"
NATIVE_SDK_PACKED="$PROJECT_ROOT/build/pulumi-cognito-mfa-native-$PACKAGE_VERSION.tgz"
NATIVE_SDK_DIR="${NATIVE_SDK_DIR:-$PROJECT_ROOT/build/sdk}"
export PROJECT_ROOT CACHE_ROOT MOTO_VERSION MOTO_VENV PULUMI_OLDEST PULUMI_NEWEST_SDK PULUMI_NEWEST_CLI NODE_NEWEST NODE_22 PULUMI_YAML_VERSION TOFU_VERSION PROGRAMS_ROOT PACKAGE_VERSION PLUGIN_PLATFORM NATIVE_PLUGIN_TARBALL NATIVE_SDK_PACKED NATIVE_SDK_DIR

source "$(dirname "${BASH_SOURCE[0]}")/cache.sh"

# Makes (once) a virtualenv at $1 with what pip installs from the rest of the arguments (a
# requirement, or -r FILE), as a cache entry (cache.sh): an interrupted install is redone instead
# of half-reused.
ensure_venv() {
    cache_entry "$1" make_venv "$@"
}
make_venv() {
    echo "installing ${*:2} into $1" >&2
    python3 -m venv "$1"
    "$1/bin/pip" install --quiet --disable-pip-version-check "${@:2}" >&2
}

# Go builds and tests take modules from the module proxy alone, with this machine's Go: the
# checksum database is not reachable from every network that reaches the proxy, so the proxy is
# the one source, and each module's go.sum pins what was resolved.
use_module_proxy_only() {
    export GOTOOLCHAIN=local GOSUMDB=off GOFLAGS=-mod=mod
}
