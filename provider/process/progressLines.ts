// How a plugin shows the pool resource's progress: a line every few seconds, so that a run over
// thousands of users says how far it is, at what rate and how long is left, instead of minutes of
// a silent "updating...". By default the line goes to stderr, which the engine prints in the CLI's
// output for the dynamic provider host (in `pulumi up` and in the Automation API's output alike);
// the native plugin, whose stderr the engine hides, gives a writer that sends it through the
// engine's log (native/engineLog.ts).

import type { ProgressListener } from "../core/eachUser";
import type { SetRunOptions } from "../core/setOperations";

/** Time between lines; a run that lasts longer also gets one when its last user is done. */
export const PROGRESS_INTERVAL_MS = 5_000;

/** Users a second: whole from 10 on; below, one decimal, so that a slow or throttled run never reads 0/s. */
function rateText(rate: number): string {
    return rate >= 10 ? rate.toFixed(0) : rate.toFixed(1);
}

export function progressLine(label: string, action: string, done: number, total: number, elapsedMs: number): string {
    const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
    const left = rate > 0 ? Math.ceil((total - done) / rate) : undefined;
    const timing = done === total ? `in ${Math.round(elapsedMs / 1000)} s` : `${rateText(rate)}/s, ${left === undefined ? "?" : left} s left`;
    return `${label}: ${action} users: ${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")}, ${timing}`;
}

/** Progress for the resource LABEL (its type and name, or its pool), as lines given to WRITE. */
export function progressLines(label: string, write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): SetRunOptions {
    return {
        log: (line) => write(`${label}: ${line}`),
        onProgress(action: string): ProgressListener {
            const started = Date.now();
            let lastLine = started;
            return (done, total) => {
                const now = Date.now();
                if (done === total ? total > 0 && now - started >= PROGRESS_INTERVAL_MS : now - lastLine >= PROGRESS_INTERVAL_MS) {
                    lastLine = now;
                    write(progressLine(label, action, done, total, now - started));
                }
            };
        },
    };
}
