#!/usr/bin/env bash
# Makes actionlint (the GitHub Actions workflow checker) available and prints the binary's path.
# Built once from its Go module through the module proxy into the per-user cache (a cache entry,
# cache.sh: an interrupted build is redone). actionlint also runs shellcheck on `run:`
# scripts when `shellcheck` is on PATH (test/package/releaseWorkflow.test.ts says whether it did).
set -euo pipefail
source "$(dirname "$0")/paths.sh"

ACTIONLINT_VERSION="1.7.12"
build_dir="$CACHE_ROOT/actionlint-v$ACTIONLINT_VERSION"
build_actionlint() {
    echo "setup-actionlint: building actionlint v$ACTIONLINT_VERSION into $build_dir" >&2
    started=$(date +%s)
    mkdir -p "$build_dir/bin"
    use_module_proxy_only
    GOBIN="$build_dir/bin" \
        go install -trimpath "github.com/rhysd/actionlint/cmd/actionlint@v$ACTIONLINT_VERSION" >&2
    echo "setup-actionlint: built in $(($(date +%s) - started))s" >&2
}
cache_entry "$build_dir" build_actionlint
echo "$build_dir/bin/actionlint"
