#!/usr/bin/env bash
# Builds the Terraform provider into build/terraform/ (never committed):
#   tfplugin6.json                         Terraform's plugin protocol 6 as a JSON descriptor, made
#       from tfplugin6.proto of the Go module github.com/hashicorp/terraform-plugin-go (through the
#       Go module proxy, like the CLIs): the provider's gRPC services are loaded from it
#   terraform-provider-cognitomfa.js       the provider as one JavaScript file (provider/terraform,
#       the core, gRPC, msgpack and X.509 libraries and the AWS SDK, bundled)
#   terraform-provider-cognitomfa          a launcher that runs it with `node` from PATH, for development
# scripts/setup/build-plugin-archives.sh (PLUGIN_KIND=terraform) makes the standalone executables.
set -euo pipefail
source "$(dirname "$0")/paths.sh"
cd "$PROJECT_ROOT"

out=build/terraform
rm -rf "$out"
mkdir -p "$out"

# Version 0.31.0 declares protocol 6.11 (GetResourceIdentitySchemas, write-only attributes).
module=github.com/hashicorp/terraform-plugin-go@v0.31.0
use_module_proxy_only
module_dir="$(cd "$(mktemp -d)" && go mod download -json "$module" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const m=JSON.parse(s);if(m.Error){console.error(m.Error);process.exit(1)}console.log(m.Dir)})')"
node -e '
const protobuf = require("protobufjs");
const root = new protobuf.Root().loadSync(process.argv[1], { keepCase: true });
require("fs").writeFileSync(process.argv[2], JSON.stringify(root.toJSON()));
' "$module_dir/tfprotov6/internal/tfplugin6/tfplugin6.proto" "$out/tfplugin6.json"

npx esbuild provider/terraform/main.ts --bundle --platform=node --target=node20 --sourcemap \
    --outfile="$out/terraform-provider-cognitomfa.js" --log-level=warning
cat > "$out/terraform-provider-cognitomfa" <<'LAUNCHER'
#!/bin/sh
exec node "$(dirname "$0")/terraform-provider-cognitomfa.js" "$@"
LAUNCHER
chmod +x "$out/terraform-provider-cognitomfa"
