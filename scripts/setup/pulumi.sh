#!/usr/bin/env bash
# Makes the Pulumi CLI available at version $1 (default: the oldest supported, $PULUMI_OLDEST)
# and prints the directory to put first on PATH. Uses `pulumi` from PATH when it is that version;
# otherwise builds it from its Go modules through the Go module proxy, once, into a per-user cache.
set -euo pipefail
source "$(dirname "$0")/paths.sh"

version="${1:-$PULUMI_OLDEST}"
want="v$version"
build_dir="$CACHE_ROOT/pulumi-$want"
shim="$PROJECT_ROOT/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
[ -f "$shim" ] || { echo "setup-pulumi: run npm install first ($shim is missing)" >&2; exit 1; }

if command -v pulumi >/dev/null 2>&1 && [ "$(pulumi version 2>/dev/null)" = "$want" ]; then
    dirname "$(command -v pulumi)"
    exit 0
fi

bin="$build_dir/bin"
build_pulumi() {
    echo "setup-pulumi: building the Pulumi CLI $want from its Go modules into $build_dir (a few minutes)" >&2
    started=$(date +%s)
    src="$build_dir/src"
    mkdir -p "$src" "$bin"
    use_module_proxy_only
    cd "$src"
    # The clipboard replacement is the one non-local `replace` of upstream's go.mod.
    cat > go.mod <<GOMOD
module pulumi-cli-build

go 1.25

require (
	github.com/pulumi/pulumi/pkg/v3 $want
	github.com/pulumi/pulumi/sdk/v3 $want
)

replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
GOMOD
    printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"\n' > tools.go
    go mod tidy >&2
    go build -trimpath -o "$bin/pulumi" \
        -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$want" \
        github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2

    # The nodejs language host has no tags of its own: ask for it at the release commit. The
    # module proxy reachable here may refuse it; the project then runs its programs through the
    # Automation API's inline programs, which need no language host (see README).
    commit=$(go mod download -json "github.com/pulumi/pulumi/pkg/v3@$want" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log((JSON.parse(s).Origin||{}).Hash||""))')
    langhost=github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3
    if [ -n "$commit" ] && go get "$langhost@$commit" >&2 2>"$build_dir/language-host.log"; then
        go build -trimpath -o "$bin/pulumi-language-nodejs" "$langhost" >&2
    else
        echo "setup-pulumi: the module proxy did not serve $langhost at $commit; continuing without the language host" >&2
    fi
    echo "setup-pulumi: built in $(( $(date +%s) - started ))s" >&2
}
cache_entry "$build_dir" build_pulumi
# The dynamic provider plugin ships inside @pulumi/pulumi; the CLI looks for it beside itself. It is
# the same few lines in every release: it runs the program's own @pulumi/pulumi with `node` from PATH.
install_executable "$shim" "$bin/pulumi-resource-pulumi-nodejs"
# Node.js policy packs (`--policy-pack`, docs/mfa-rules.md): the CLI built here has no Node.js language
# host, so a CLI that still falls back to an analyzer plugin (3.248) looks for this launcher beside
# itself. One without that fallback (3.276) takes an executable analyzer that runs it
# (harness/policyPack.ts).
install_executable "$PROJECT_ROOT/scripts/setup/pulumi-analyzer-policy-nodejs" "$bin/pulumi-analyzer-policy-nodejs"
echo "$bin"
