#!/usr/bin/env bash
# Builds (once) the SDK generator, scripts/setup/gen-sdk/main.go, against github.com/pulumi/pulumi/pkg/v3
# at the oldest supported CLI's version, into the per-user cache, and prints the binary's path.
set -euo pipefail
source "$(dirname "$0")/paths.sh"

want="v$PULUMI_OLDEST"
key="$(sha256sum "$PROJECT_ROOT/scripts/setup/gen-sdk/main.go" | cut -c1-12)"
build_dir="$CACHE_ROOT/gen-sdk-$want-$key"
build_gen_sdk() {
    echo "setup-gen-sdk: building the SDK generator on pkg/v3 $want into $build_dir" >&2
    cp "$PROJECT_ROOT/scripts/setup/gen-sdk/main.go" "$build_dir/"
    use_module_proxy_only
    cd "$build_dir"
    cat > go.mod <<GOMOD
module gen-sdk

go 1.25

require github.com/pulumi/pulumi/pkg/v3 $want

replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
GOMOD
    go mod tidy >&2
    go build -trimpath -o gen-sdk . >&2
}
cache_entry "$build_dir" build_gen_sdk
echo "$build_dir/gen-sdk"
