// The pool resource's progress as the CLI prints it (provider/process/progressLines.ts), for the
// suites that run it through the real CLI. A line of a run still under way says how many users are
// done of how many, at what rate, and how long is left; the last line of a run says only its time.

/** A line of LABEL's run still under way, doing ACTION to TOTAL users, whatever its counts. */
export function progressUnderWay(label: string, action: string, total: number): RegExp {
    const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(`${escaped}: ${action} users: \\d+ of ${total}, \\d+(\\.\\d)?/s, \\d+ s left`);
}

/**
 * The delay per call, at the proxy, that makes a run outlast one progress interval of INTERVAL_MS:
 * a create that adopts users as they are reads each once, all at the same time, so every user is
 * done past the interval, the first while the others are still under way.
 */
export const latencyPastInterval = (intervalMs: number) => intervalMs + 1_000;
