#!/usr/bin/env bash
# Makes the Pulumi YAML language host (pulumi-language-yaml) available and prints the directory to
# put on PATH beside the CLI. Built once from its Go module through the module proxy into the
# per-user cache (a cache entry, cache.sh: an interrupted build is redone).
set -euo pipefail
source "$(dirname "$0")/paths.sh"

build_dir="$CACHE_ROOT/pulumi-language-yaml-v$PULUMI_YAML_VERSION"
build_yaml() {
    echo "setup-yaml: building pulumi-language-yaml v$PULUMI_YAML_VERSION into $build_dir (a few minutes)" >&2
    started=$(date +%s)
    mkdir -p "$build_dir/bin"
    use_module_proxy_only
    GOBIN="$build_dir/bin" \
        go install -trimpath "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v$PULUMI_YAML_VERSION" >&2
    echo "setup-yaml: built in $(( $(date +%s) - started ))s" >&2
}
cache_entry "$build_dir" build_yaml
echo "$build_dir/bin"
