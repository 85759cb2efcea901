# No process a command starts may outlive it. Sourced by the test commands: every process they
# start inherits the marker below, whatever its parent or process group becomes (the Pulumi CLI
# starts plugins in groups of their own; an orphan is re-parented to init), so /proc finds all.
# shellcheck shell=bash
export COGNITO_MFA_RUN="$$.$(date +%s%N)"

# The pids of live processes that carry the marker (the process that reads them does not), as
# the tests themselves find them (harness/processes.ts).
marked_pids() {
    local root
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
    env -u COGNITO_MFA_RUN node "$root/node_modules/ts-node/dist/bin.js" --transpile-only "$root/scripts/run/markedPids.ts" "$COGNITO_MFA_RUN" || true
}

# check_no_survivors: waits a few seconds for the command's processes to end, then lists and kills
# those that did not. Prints "processes left running: N"; returns 1 if N > 0.
check_no_survivors() {
    local pids waited=0 pid
    pids="$(marked_pids)"
    while [ -n "$pids" ] && [ "$waited" -lt 10 ]; do
        sleep 1
        waited=$((waited + 1))
        pids="$(marked_pids)"
    done
    for pid in $pids; do
        echo "left running: $pid $(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null)"
        kill -KILL "$pid" 2>/dev/null || true
    done
    echo "processes left running: $(printf '%s' "$pids" | grep -c . || true)"
    [ -z "$pids" ]
}
