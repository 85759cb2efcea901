#!/usr/bin/env bash
# Builds the native provider and its SDKs into build/ (never committed):
#   build/schema.json                                     the schema, for the SDK generators
#   build/plugin/                                         the plugin as one JavaScript file (the
#       provider, @pulumi/pulumi's provider server and the AWS SDK, bundled) and a launcher that
#       runs it with `node` from PATH: what scripts/setup/build-plugin-archives.sh makes the
#       standalone executables of, and what a developer puts on PATH
#   build/sdk/{nodejs,python,go}                          the generated SDKs, and build/sdk/go.mod
#   build/pulumi-cognito-mfa-native-<version>.tgz         the Node.js SDK, packed for npm
# scripts/run/release.sh makes the release directory from these.
set -euo pipefail
source "$(dirname "$0")/paths.sh"
cd "$PROJECT_ROOT"

rm -rf build
mkdir -p build/plugin

# The schema, made from the resource's definition (provider/native/schema.ts), as the plugin serves it.
node_modules/.bin/ts-node --transpile-only scripts/setup/write-schema.ts build/schema.json
schema_version="$(node -p 'require("./build/schema.json").version')"
[ "$PACKAGE_VERSION" = "$schema_version" ] || { echo "build-native: package.json is $PACKAGE_VERSION but the plugin's version (PLUGIN_VERSION in provider/native/schema.ts) is $schema_version" >&2; exit 1; }

# The plugin. `exec` makes node the process the engine started, so signals reach it.
npx esbuild provider/native/main.ts --bundle --platform=node --target=node20 --sourcemap \
    --outfile=build/plugin/pulumi-resource-cognito-mfa.js --log-level=warning
cat > build/plugin/pulumi-resource-cognito-mfa <<'LAUNCHER'
#!/bin/sh
exec node "$(dirname "$0")/pulumi-resource-cognito-mfa.js" "$@"
LAUNCHER
chmod +x build/plugin/pulumi-resource-cognito-mfa
cp LICENSE build/plugin/

# The SDKs, from the schema.
gen_sdk="$(bash scripts/setup/gen-sdk.sh)"
for language in nodejs python go; do
    "$gen_sdk" build/schema.json "$language" "build/sdk/$language"
done
# The Go SDK's module: its path is the schema's importBasePath without /go/cognitomfa.
go_module="$(node -p 'require("./build/schema.json").language.go.importBasePath.replace(/\/go\/cognitomfa$/, "")')"
cat > build/sdk/go.mod <<GOMOD
module $go_module

go 1.23

require github.com/pulumi/pulumi/sdk/v3 v$PULUMI_OLDEST
GOMOD

# The Node.js SDK, compiled and packed the way Pulumi's providers publish theirs: from bin/.
(
    cd build/sdk/nodejs
    "$PROJECT_ROOT/node_modules/.bin/tsc" -p tsconfig.json
    cp package.json README.md "$PROJECT_ROOT/LICENSE" bin/
    npm pack --silent --pack-destination "$PROJECT_ROOT/build" ./bin >/dev/null
)
ls build/*.tgz
