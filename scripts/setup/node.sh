#!/usr/bin/env bash
# Makes Node.js $1 (default: the matrix's newest, $NODE_NEWEST) available from the npm registry's
# node-linux-<arch> package, which holds the official build, once, into the per-user cache.
# Prints the directory to put first on PATH (it holds `node`; npm stays the machine's).
set -euo pipefail
source "$(dirname "$0")/paths.sh"

version="${1:-$NODE_NEWEST}"
case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "setup-node: no node-linux package for $(uname -m)" >&2; exit 1 ;;
esac
dir="$CACHE_ROOT/node-v$version-linux-$arch"
if [ ! -f "$dir/.complete" ]; then
    echo "setup-node: installing Node.js $version (node-linux-$arch@$version) into $dir" >&2
    rm -rf "$dir"
    mkdir -p "$dir"
    tarball="$(cd "$dir" && npm pack --silent "node-linux-$arch@$version" 2>/dev/null | tail -n 1)"
    tar -xzf "$dir/$tarball" -C "$dir" --strip-components=1
    rm -f "$dir/$tarball"
    "$dir/bin/node" --version >/dev/null
    touch "$dir/.complete"
fi
echo "$dir/bin"
