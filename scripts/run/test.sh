#!/usr/bin/env bash
# The test command (`npm test`, also CI's): typecheck and lint, then the compatibility matrix
# (docs/installation-configuration.md, "Compatibility"), each leg a set of mocha suites:
#   source   unit, property and integration tests of the source (Node.js 20, SDK 3.248), and the
#            packed tarball's: contents, type resolution, prepack
#   oldest   Node.js 20, @pulumi/pulumi and CLI 3.248.0, npm: end-to-end and reliability
#   newest   Node.js 24, @pulumi/pulumi 3.276.0 (the newest on npm) with the CLI of that release,
#            npm: end-to-end, and the CLI killed alone
#   npm, pnpm, yarn   the tarball installed by each manager on the newest leg: lifecycle
#   node22   Node.js 22 (the oldest that @pulumi/pulumi supports since 3.249), @pulumi/pulumi
#            and CLI 3.276.0, npm: the lifecycle suite only (one SDK copy; up, preview
#            --refresh --expect-no-changes, destroy), under half a minute once installed
#   native   the native provider plugin, installed from its archive, through its generated SDKs:
#            TypeScript (npm) and Go programs on SDK and CLI 3.248.0; Python (pip) on the newest
#            `pulumi` on PyPI, 3.272.0, with CLI 3.276.0
#   yaml     the standalone native plugin (this machine's, linux-amd64) from its archive in a Pulumi YAML project,
#            with no Node.js on PATH, run by CLI 3.248.0 and pulumi-language-yaml
#            (scripts/setup/yaml.sh) with `pulumi up`, `import`, `destroy`
#   terraform the Terraform provider (this machine's standalone executable) from its release zip,
#            installed through a filesystem mirror into OpenTofu (built by scripts/setup/tofu.sh),
#            with no Node.js on PATH: init, plan, apply, drift, import, Ctrl-C, destroy, against the
#            strict Cognito
# `bash scripts/run/test.sh LEG...` runs only those legs, and SUITES="e2e ..." only those suites of
# them (npm run test:e2e, test:reliability). Installs what it needs. A pending (skipped) test fails
# its suite unless test/allowed-pending.txt names it (scripts/run/pending.sh). Ends with the failure
# report of every suite that failed (again: it is also in that suite's output above), a table of the
# legs with their pending counts, the count of processes the tests left running (none may be), and
# the line "tests: N passed, N failed, N skipped".
set -euo pipefail
source "$(dirname "$0")/survivors.sh"
source "$(dirname "$0")/pending.sh"
source "$(dirname "$0")/../setup/env.sh"

# The release directory first (npm run release: the plugin archives of every platform this machine
# can build, the SDK packages, the dynamic package, SHA256SUMS): the typecheck resolves the generated
# Node.js SDK, the package suite checks the directory, and the native and yaml legs install from it.
bash scripts/run/release.sh

npx tsc -p tsconfig.check.json --noEmit
npx tsc -p examples/tsconfig.json
npx eslint .

NODE_OLDEST_BIN="$(dirname "$(command -v node)")"
NODE_NEWEST_BIN="$(bash scripts/setup/node.sh "$NODE_NEWEST")"
NODE_22_BIN="$(bash scripts/setup/node.sh "$NODE_22")"
CLI_OLDEST_BIN="$PULUMI_BIN"
CLI_NEWEST_BIN="$(bash scripts/setup/pulumi.sh "$PULUMI_NEWEST_CLI")"
# The Python SDK of the native leg's Python program: the pin of its requirements.
PYTHON_SDK_NEWEST="$(sed -n 's/^pulumi==//p' test/native/python/requirements.txt)"

passed=0
failed=0
skipped=0
status=0
rows=()
# What failed, gathered from each failed suite's output and printed again beside the table: a
# reader of only the end of the output (CI keeps the tail) still sees which test failed and why.
failures="$(mktemp)"
trap 'rm -f "$failures"' EXIT

# keep_failure NAME SUITE LOG: mocha's failure report from LOG (its "N failing" section), or the
# end of LOG when there is none (a crash, another language's runner).
keep_failure() {
    local name="$1" suite="$2" log="$3"
    {
        echo "-- $name: $suite"
        if grep -qE '^ +[0-9]+ failing' "$log"; then
            # Its first 150 lines; awk alone, as a pipe into head could end the script (pipefail).
            awk '/^ +[0-9]+ failing/ { from = 1 } from && shown++ < 150' "$log"
        else
            tail -n 40 "$log"
        fi
    } >>"$failures"
}

# refuse_pending NAME SUITE PENDING_FILE: fails the suite (and the run) for each pending test of
# PENDING_FILE that is not allowed; returns 1 if there was one.
refuse_pending() {
    local name="$1" suite="$2" refused
    if refused="$(check_pending "$name: $suite" "$3")"; then
        return 0
    fi
    printf '%s\n' "$refused"
    printf '%s\n' "$refused" >>"$failures"
    status=1
    return 1
}

# run_leg NAME MANAGER NODE_BIN CLI_BIN DIR SUITE...: mocha in DIR with that Node.js and CLI first
# on PATH (the CLI starts the dynamic provider host with `node` from PATH).
run_leg() {
    local name="$1" manager="$2" node_bin="$3" cli_bin="$4" dir="$5"
    shift 5
    local leg_passed=0 leg_failed=0 leg_pending=0 result=passed started log pending suite
    started=$(date +%s)
    for suite in "$@"; do
        if [ -n "${SUITES:-}" ] && [[ " $SUITES " != *" $suite "* ]]; then
            continue
        fi
        log="$(mktemp)"
        pending="$(mktemp)"
        echo "== $name: $suite"
        if ! (cd "$dir" && PATH="$node_bin:$cli_bin:$PATH" MOCHA_PENDING_FILE="$pending" node node_modules/mocha/bin/mocha.js --config "$PROJECT_ROOT/test/.mocharc.$suite.json") 2>&1 | tee "$log"; then
            result=FAILED
            status=1
            keep_failure "$name" "$suite" "$log"
        fi
        refuse_pending "$name" "$suite" "$pending" || result=FAILED
        leg_passed=$((leg_passed + $(grep -oE '^ +[0-9]+ passing' "$log" | grep -oE '[0-9]+' || echo 0)))
        leg_failed=$((leg_failed + $(grep -oE '^ +[0-9]+ failing' "$log" | grep -oE '[0-9]+' || echo 0)))
        leg_pending=$((leg_pending + $(grep -c . "$pending" || true)))
        rm -f "$log" "$pending"
    done
    passed=$((passed + leg_passed))
    failed=$((failed + leg_failed))
    skipped=$((skipped + leg_pending))
    local node_version pulumi_version cli_version
    node_version="$("$node_bin/node" --version)"
    pulumi_version="$(cd "$dir" && "$node_bin/node" -p 'require("@pulumi/pulumi/package.json").version')"
    cli_version="${LEG_CLI_VERSION:-$("$cli_bin/pulumi" version)}"
    rows+=("$(printf '| %-7s | %-8s | %-8s | %-8s | %-4s | %-34s | %3d | %3d | %4d | %4ss | %-6s |' \
        "$name" "$node_version" "$pulumi_version" "$cli_version" "$manager" "$*" "$leg_passed" "$leg_failed" "$leg_pending" "$(($(date +%s) - started))" "$result")")
}

# program_leg NAME MANAGER NODE_BIN CLI_BIN PULUMI_VERSION SUITE...: a program that installs the
# tarball with MANAGER beside @pulumi/pulumi PULUMI_VERSION (scripts/setup/program.sh), then its suites.
program_leg() {
    local name="$1" manager="$2" node_bin="$3" cli_bin="$4" pulumi_version="$5" dir
    shift 5
    if dir="$(PATH="$node_bin:$PATH" bash scripts/setup/program.sh "$name" "$manager" "$pulumi_version")"; then
        run_leg "$name" "$manager" "$node_bin" "$cli_bin" "$dir" "$@"
    else
        status=1
        rows+=("$(printf '| %-7s | %-8s | %-8s | %-8s | %-4s | %-34s |   - |   - |    - |     - | %-6s |' "$name" "" "$pulumi_version" "" "$manager" "$*" "NOT INSTALLED")")
    fi
}

# command_leg NAME PM SDK_VERSION CLI_BIN SUITE COMMAND...: a test command of another language, with
# that CLI first on PATH, whose last line that counts passes says "N passed" (and "M failed" when
# some did), run verbosely: its skipped tests are read from pytest's "SKIPPED" and go test's
# "--- SKIP:" lines.
command_leg() {
    local name="$1" manager="$2" sdk_version="$3" cli_bin="$4" suite="$5" started log pending counts leg_passed leg_failed leg_pending result=passed
    shift 5
    started=$(date +%s)
    log="$(mktemp)"
    pending="$(mktemp)"
    echo "== $name: $suite"
    if ! PATH="$NODE_OLDEST_BIN:$cli_bin:$PATH" "$@" 2>&1 | tee "$log"; then
        result=FAILED
        status=1
        keep_failure "$name" "$suite" "$log"
    fi
    sed -nE -e 's/^([^ ]+::[^ ]+) SKIPPED.*/\1/p' -e 's/^ *--- SKIP: ([^ ]+).*/\1/p' "$log" >"$pending"
    refuse_pending "$name" "$suite" "$pending" || result=FAILED
    counts="$(grep -E '[0-9]+ passed' "$log" | tail -n 1 || true)"
    leg_passed="$(grep -oE '[0-9]+ passed' <<<"$counts" | grep -oE '[0-9]+' || echo 0)"
    leg_failed="$(grep -oE '[0-9]+ failed' <<<"$counts" | grep -oE '[0-9]+' || echo 0)"
    leg_pending="$(grep -c . "$pending" || true)"
    rm -f "$log" "$pending"
    passed=$((passed + leg_passed))
    failed=$((failed + leg_failed))
    skipped=$((skipped + leg_pending))
    rows+=("$(printf '| %-7s | %-8s | %-8s | %-8s | %-4s | %-34s | %3d | %3d | %4d | %4ss | %-6s |' \
        "$name" "$(node --version)" "$sdk_version" "$("$cli_bin/pulumi" version)" "$manager" "$suite" "$leg_passed" "$leg_failed" "$leg_pending" "$(($(date +%s) - started))" "$result")")
}

legs=("$@")
[ ${#legs[@]} -gt 0 ] || legs=(source oldest newest npm pnpm yarn node22 native yaml terraform)
for leg in "${legs[@]}"; do
    case "$leg" in
        source) run_leg source npm "$NODE_OLDEST_BIN" "$CLI_OLDEST_BIN" "$PROJECT_ROOT" unit property integration package ;;
        oldest) program_leg oldest npm "$NODE_OLDEST_BIN" "$CLI_OLDEST_BIN" "$PULUMI_OLDEST" e2e reliability ;;
        newest) program_leg newest npm "$NODE_NEWEST_BIN" "$CLI_NEWEST_BIN" "$PULUMI_NEWEST_SDK" e2e orphans ;;
        npm | pnpm | yarn) program_leg "$leg" "$leg" "$NODE_NEWEST_BIN" "$CLI_NEWEST_BIN" "$PULUMI_NEWEST_SDK" managers ;;
        node22) program_leg node22 npm "$NODE_22_BIN" "$CLI_NEWEST_BIN" "$PULUMI_NEWEST_SDK" managers ;;
        native)
            NATIVE_SDK_TARBALL="$NATIVE_SDK_PACKED" program_leg native npm "$NODE_OLDEST_BIN" "$CLI_OLDEST_BIN" "$PULUMI_OLDEST" native
            command_leg native pip "$PYTHON_SDK_NEWEST" "$CLI_NEWEST_BIN" "native python" bash scripts/run/test-native-python.sh
            command_leg native go "$PULUMI_OLDEST" "$CLI_OLDEST_BIN" "native go" bash scripts/run/test-native-go.sh
            ;;
        yaml)
            if yaml_bin="$(bash scripts/setup/yaml.sh)"; then
                PULUMI_YAML_BIN="$yaml_bin" run_leg yaml - "$NODE_OLDEST_BIN" "$CLI_OLDEST_BIN" "$PROJECT_ROOT" yaml
            else
                status=1
                rows+=("$(printf '| %-7s | %-8s | %-8s | %-8s | %-4s | %-34s |   - |   - |    - |     - | %-6s |' yaml "" "" "" - yaml "NOT BUILT")")
            fi
            ;;
        terraform)
            if tofu_bin="$(bash scripts/setup/tofu.sh)"; then
                TOFU_BIN="$tofu_bin" LEG_CLI_VERSION="tofu $TOFU_VERSION" run_leg terraform - "$NODE_OLDEST_BIN" "$CLI_OLDEST_BIN" "$PROJECT_ROOT" terraform
            else
                status=1
                rows+=("$(printf '| %-7s | %-8s | %-8s | %-8s | %-4s | %-34s |   - |   - |    - |     - | %-6s |' terraform "" "" "" - terraform "NOT BUILT")")
            fi
            ;;
        *) echo "test.sh: unknown leg $leg (source, oldest, newest, npm, pnpm, yarn, node22, native, yaml, terraform)" >&2; exit 2 ;;
    esac
done

if [ -s "$failures" ]; then
    echo
    echo "== what failed (again; the whole output of each suite is above)"
    cat "$failures"
fi
echo
echo "| leg     | Node.js  | SDK      | CLI      | pm   | suites                             | ok  | bad | skip | time  | result |"
echo "|---------|----------|----------|----------|------|------------------------------------|-----|-----|------|-------|--------|"
printf '%s\n' "${rows[@]}"
echo
check_no_survivors || status=1
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
