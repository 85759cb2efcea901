#!/usr/bin/env bash
# The native provider from Go (test/native/go): the generated Go SDK, as a module version from a
# proxy, and the plugin installed from its archive,
# through the real CLI and engine, against the Cognito emulator. The program runs inline through
# the Automation API, so no Go language host is needed. Ends with the line
# "go: N passed, M failed"; the exit status is go test's.
set -euo pipefail
source "$(dirname "$0")/../setup/paths.sh"

use_module_proxy_only
# The CLI of the oldest supported version, as the other native legs use.
PATH="$(bash "$PROJECT_ROOT/scripts/setup/pulumi.sh" "$PULUMI_OLDEST"):$PATH"
MOTO_SERVER="${MOTO_SERVER:-$(bash "$PROJECT_ROOT/scripts/setup/moto.sh")}"
export PATH MOTO_SERVER

# The SDK as a Go user gets it: `require <module> v<version>` in go.mod, no `replace`, resolved
# through a module proxy. Here a file proxy holds the SDK just built (scripts/setup/go-proxy.sh),
# before the module proxy for everything else. The module cache keeps a version once fetched, so
# the SDK's earlier copy goes first: the one tested is the one just built.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sdk_module="$(sed -n 's/^module //p' "$NATIVE_SDK_DIR/go.mod")"
proxy="$(bash "$PROJECT_ROOT/scripts/setup/go-proxy.sh" "$work/goproxy")"
modcache="$(go env GOMODCACHE)"
for stale in "$modcache/$sdk_module@v$PACKAGE_VERSION" "$modcache/cache/download/$sdk_module"; do
    [ ! -e "$stale" ] || { chmod -R u+w "$stale" && rm -rf "$stale"; }
done
export GOPROXY="file://$proxy,$(go env GOPROXY)"
# The go command also indexes each module version's files once, in GOCACHE (its module index),
# and trusts that index for as long as the version exists: the SDK rebuilt in place at the same
# version would be compiled from its first copy's file list (a new file left out). No index here.
export GODEBUG="${GODEBUG:+$GODEBUG,}goindex=0"
# From a copy of the test module: go.sum gets the just-built SDK's hash, which is not committed.
cp -r "$PROJECT_ROOT/test/native/go" "$work/test"

log="$work/go-test.log"
status=0
# pipefail: the pipeline's status is go test's, not tee's.
(cd "$work/test" && PROJECT_ROOT="$PROJECT_ROOT" go test -v -count=1 -timeout 15m ./...) 2>&1 | tee "$log" || status=$?

# Counts every "--- PASS:" / "--- FAIL:" line: the top-level test and each of its subtests (the
# steps), so a failure in the setup still counts. A build failure prints none: 0 and 0, status 1.
passed="$(grep -cE '^ *--- PASS:' "$log" || true)"
failed="$(grep -cE '^ *--- FAIL:' "$log" || true)"
echo "go: $passed passed, $failed failed"
exit "$status"
