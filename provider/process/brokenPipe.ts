// A process whose reader is gone ends quietly. Node.js ignores SIGPIPE, so a write to a closed
// pipe raises EPIPE on the stream instead; with no listener that becomes an uncaught exception,
// printed (to the same broken pipe, if it is stderr) with a stack trace.

/**
 * Ends the process, with status 0 and nothing printed, at the first EPIPE on stdout or stderr:
 * the one reading them (a user's `| head`, or the engine that relays a plugin's output) is gone.
 * Other errors on these streams are left as they were.
 */
export function exitOnBrokenPipe(): void {
    for (const stream of [process.stdout, process.stderr]) {
        stream.on("error", (error: NodeJS.ErrnoException) => {
            if (error.code !== "EPIPE") {
                throw error;
            }
            process.exit(0);
        });
    }
}
