# No silent skip. Sourced by the test commands: a suite's pending tests (mocha's, through
# test/support/pendingReporter.ts; pytest's SKIPPED and go test's SKIP) are counted, and each must
# be on test/allowed-pending.txt, the short list of tests that may not run here, each with why.
# shellcheck shell=bash
ALLOWED_PENDING="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/test/allowed-pending.txt"

# pending_not_allowed FILE: the titles in FILE (one a line) that the allowed list does not name.
pending_not_allowed() {
    local title
    while IFS= read -r title; do
        [ -n "$title" ] || continue
        grep -qxF -- "$title" <(grep -v '^#' "$ALLOWED_PENDING") || printf '%s\n' "$title"
    done <"$1"
}

# check_pending LABEL FILE: prints the pending tests of FILE that are not allowed, under LABEL,
# and returns 1 if there are any.
check_pending() {
    local label="$1" file="$2" refused
    refused="$(pending_not_allowed "$file")"
    [ -n "$refused" ] || return 0
    echo "-- $label: pending, and not on test/allowed-pending.txt (run it, or add it there with why):"
    printf '   %s\n' "$refused"
    return 1
}
