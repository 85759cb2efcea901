#!/usr/bin/env bash
# Serves the generated Go SDK (build/sdk, from scripts/setup/build-native.sh) as a module version,
# the way a module proxy serves a tagged release: writes a file GOPROXY directory at $1 holding
# <module>/@v/{list, v<version>.info, .mod, .zip}, so that `GOPROXY=file://$1,<proxy>` resolves
# `require <module> v<version>` with no `replace`. The zip is laid out as the go command requires:
# every file under <module>@v<version>/, no directory entries.
set -euo pipefail
source "$(dirname "$0")/paths.sh"

proxy="$(mkdir -p "$1" && cd "$1" && pwd)"
module="$(sed -n 's/^module //p' "$NATIVE_SDK_DIR/go.mod")"
version="v$PACKAGE_VERSION"
versions="$proxy/$module/@v"
rm -rf "$versions"
mkdir -p "$versions"

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
mkdir -p "$staging/$module@$version"
cp -r "$NATIVE_SDK_DIR/go.mod" "$NATIVE_SDK_DIR/go" "$PROJECT_ROOT/LICENSE" "$staging/$module@$version/"
(cd "$staging" && zip -q -r -D -X "$versions/$version.zip" "$module@$version")
cp "$NATIVE_SDK_DIR/go.mod" "$versions/$version.mod"
printf '{"Version":"%s","Time":"%s"}\n' "$version" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$versions/$version.info"
echo "$version" >"$versions/list"
echo "$proxy"
