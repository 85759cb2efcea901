# Environment shared by the project's commands: dependencies installed, the package packed as
# users get it, the Pulumi CLI and the emulator ready, and every Pulumi run offline and
# self-contained.
# shellcheck shell=bash
source "$(dirname "${BASH_SOURCE[0]}")/paths.sh"
cd "$PROJECT_ROOT"

# Install exactly the locked dependencies when they are missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund
fi
# The tarball users install (prepack builds it); programs install it (scripts/setup/program.sh).
rm -rf .cache/pack
mkdir -p .cache/pack
PACKED_TARBALL="$PROJECT_ROOT/.cache/pack/$(npm pack --silent --pack-destination .cache/pack | tail -n 1)"

PULUMI_BIN="$(bash scripts/setup/pulumi.sh "$PULUMI_OLDEST")"
MOTO_SERVER="$(bash scripts/setup/moto.sh)"
export PATH="$PULUMI_BIN:$PATH" PACKED_TARBALL MOTO_SERVER
# No update checks and no plugin downloads: everything a run needs is here already.
export PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
# The AWS SDK's notice that its support for Node.js 20 ends (docs/installation-configuration.md, "Compatibility") is not news here.
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true

# run_in_program KIND/SCRIPT.ts ARGS...: runs a TypeScript script of scripts/ in the oldest leg's program
# (Node.js 20, @pulumi/pulumi 3.248.0, npm), where the packed package is installed as users install it.
run_in_program() {
    local dir
    dir="$(bash scripts/setup/program.sh oldest npm "$PULUMI_OLDEST")"
    (cd "$dir" && node_modules/.bin/ts-node --transpile-only "scripts/$1" "${@:2}")
}
