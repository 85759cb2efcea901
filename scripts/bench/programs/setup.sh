#!/usr/bin/env bash
# Prepares a large-stack benchmark program in another language and prints how to run it:
#   python: a virtualenv with the Python SDK and the plugin's generated SDK (the wheel of
#           scripts/run/release.sh); prints its python.
#   go:     the Go program built against the generated Go SDK, served as a module version; prints
#           the executable.
set -euo pipefail
source "$(dirname "$0")/../../setup/paths.sh"
here="$PROJECT_ROOT/scripts/bench/programs"

case "${1:-}" in
python)
    venv="$(bash "$PROJECT_ROOT/scripts/setup/native-python.sh")"
    echo "$venv/bin/python"
    ;;
go)
    use_module_proxy_only
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    sdk_module="$(sed -n 's/^module //p' "$NATIVE_SDK_DIR/go.mod")"
    modcache="$(go env GOMODCACHE)"
    # The SDK's version is the package's, rebuilt with each build: the module cache's copy is stale.
    for stale in "$modcache/$sdk_module@v$PACKAGE_VERSION" "$modcache/cache/download/$sdk_module"; do
        [ ! -e "$stale" ] || { chmod -R u+w "$stale" && rm -rf "$stale"; }
    done
    GOPROXY="file://$(bash "$PROJECT_ROOT/scripts/setup/go-proxy.sh" "$work/goproxy"),$(go env GOPROXY)"
    export GOPROXY GODEBUG="${GODEBUG:+$GODEBUG,}goindex=0"
    # The native Go tests' module requirements (go.mod, go.sum) resolve the same SDKs.
    cp "$here/go/main.go" "$PROJECT_ROOT/test/native/go/go.mod" "$PROJECT_ROOT/test/native/go/go.sum" "$work/"
    out="$CACHE_ROOT/bench-programs/large-set"
    mkdir -p "$(dirname "$out")"
    (cd "$work" && go build -o "$out" .) >&2
    echo "$out"
    ;;
*)
    echo "usage: programs/setup.sh python|go" >&2
    exit 2
    ;;
esac
