#!/usr/bin/env bash
# Makes the OpenTofu CLI (`tofu`) available at $TOFU_VERSION and prints the directory to put on
# PATH. Built once from its Go module through the module proxy into the per-user cache (a cache
# entry, cache.sh), like the Pulumi CLI. `go install github.com/opentofu/opentofu/cmd/tofu@V` is
# refused because upstream's go.mod has a `replace`, so a wrapper module requires OpenTofu and
# repeats that replace. (terraform's own module zip on the proxy lacks nested backend modules its
# main package imports, so `terraform` cannot be built this way: docs/development.md, "Terraform and OpenTofu".)
set -euo pipefail
source "$(dirname "$0")/paths.sh"

build_dir="$CACHE_ROOT/tofu-v$TOFU_VERSION"
build_tofu() {
    echo "setup-tofu: building OpenTofu v$TOFU_VERSION from its Go modules into $build_dir (a few minutes)" >&2
    started=$(date +%s)
    src="$build_dir/src"
    mkdir -p "$src" "$build_dir/bin"
    use_module_proxy_only
    cd "$src"
    cat > go.mod <<GOMOD
module tofu-cli-build

go 1.25

require github.com/opentofu/opentofu v$TOFU_VERSION

replace github.com/hashicorp/hcl/v2 v2.20.1 => github.com/opentofu/hcl/v2 v2.20.2-0.20251021132045-587d123c2828
GOMOD
    printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/opentofu/opentofu/cmd/tofu"\n' > tools.go
    go mod tidy >&2
    go build -trimpath -o "$build_dir/bin/tofu" \
        -ldflags "-X 'github.com/opentofu/opentofu/version.dev=no'" \
        github.com/opentofu/opentofu/cmd/tofu >&2
    "$build_dir/bin/tofu" version >&2
    echo "setup-tofu: built in $(( $(date +%s) - started ))s" >&2
}
cache_entry "$build_dir" build_tofu
echo "$build_dir/bin"
