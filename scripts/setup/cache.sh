# The per-user cache (CACHE_ROOT, paths.sh) is shared by every checkout on the machine, so two
# builds may want the same entry at once: two worktrees, two CI jobs on one runner. Each entry is
# built by one process at a time, under a lock, and marked complete last: no build removes or
# writes into an entry that another is building, and an entry without its marker is never used.
# shellcheck shell=bash

# cache_entry DIR COMMAND...: makes the cache entry DIR once. Unless DIR/.complete exists, runs
# COMMAND (in a subshell) with DIR empty, then writes DIR/.complete. A second build of DIR waits
# for the first, then finds DIR complete.
cache_entry() {
    local dir="$1" lock previous_exit_trap
    shift
    [ ! -f "$dir/.complete" ] || return 0
    mkdir -p "$(dirname "$dir")"
    # Beside the entry, hidden: the plugin archives' clean-up lists the entries with a glob.
    lock="$(dirname "$dir")/.$(basename "$dir").lock"
    take_lock "$lock"
    previous_exit_trap="$(trap -p EXIT)"
    # shellcheck disable=SC2064 # the path is fixed now: the trap may run outside this function
    trap "rm -f $(printf %q "$lock")" EXIT
    if [ ! -f "$dir/.complete" ]; then
        rm -rf "$dir"
        mkdir -p "$dir"
        ("$@")
        touch "$dir/.complete"
    fi
    rm -f "$lock"
    eval "${previous_exit_trap:-trap - EXIT}"
}

# take_lock LOCK: waits until this process makes LOCK, a symbolic link whose target is
# "HOST:PID" of its holder. `ln -s` makes it whole or fails if it exists, on Linux and macOS alike.
# A holder that was killed before it could remove its lock (SIGKILL) is found dead here and its lock
# removed: by one process at a time (the LOCK.breaking lock), after checking again that the lock is
# still the dead holder's, as another process may have removed it and taken it meanwhile. A holder
# on another host (a container sharing the cache) cannot be checked, so its lock is waited for.
take_lock() {
    local lock="$1" holder said_so=""
    until ln -s "$HOSTNAME:$$" "$lock" 2>/dev/null; do
        holder="$(readlink "$lock" 2>/dev/null)" || continue
        if [ "${holder%:*}" = "$HOSTNAME" ] && ! kill -0 "${holder##*:}" 2>/dev/null; then
            take_lock "$lock.breaking"
            [ "$(readlink "$lock" 2>/dev/null)" != "$holder" ] || rm -f "$lock"
            rm -f "$lock.breaking"
            continue
        fi
        [ -n "$said_so" ] || echo "cache: waiting for process $holder, which holds $lock" >&2
        said_so=1
        sleep 1
    done
}

# install_executable SOURCE DEST: DEST becomes an executable copy of SOURCE through a rename, so a
# process of another checkout that runs DEST meanwhile finds the old file or the new one, whole.
install_executable() {
    if ! cmp -s "$1" "$2" || [ ! -x "$2" ]; then
        install -m 0755 "$1" "$2.$$"
        mv -f "$2.$$" "$2"
    fi
}
