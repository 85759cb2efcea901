# Environment shared by the project's commands: dependencies installed, the provider built, the
# Pulumi CLI and the emulator ready, and every Pulumi run offline and self-contained.
# shellcheck shell=bash
source "$(dirname "${BASH_SOURCE[0]}")/paths.sh"
cd "$PROJECT_ROOT"

# Install exactly the locked dependencies when they are missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund
fi
npx tsc -p tsconfig.json
bash scripts/install-build.sh

PULUMI_BIN="$(bash scripts/setup-pulumi.sh)"
MOTO_SERVER="$(bash scripts/setup-moto.sh)"
export PATH="$PULUMI_BIN:$PATH" MOTO_SERVER
# No update checks and no plugin downloads: everything a run needs is here already.
export PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
# The emulator and tests run on this machine's Node.js 20; the SDK's notice about Node 22 is not news here.
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
