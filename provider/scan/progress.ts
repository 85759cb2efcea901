// Progress of a scan on standard error: a bar redrawn in place when stderr is a terminal, and a
// plain line every few seconds otherwise (CI logs, files), both by cli-progress.

import { SingleBar } from "cli-progress";

export interface Progress {
    /** `done` users read of `listed` so far; `complete` once the listing has ended. */
    update(done: number, listed: number, complete: boolean): void;
    stop(): void;
}

const PLAIN_LINE_INTERVAL_MS = 5_000;

export function progressOnStderr(): Progress {
    const terminal = process.stderr.isTTY === true;
    const bar = new SingleBar({
        stream: process.stderr,
        format: terminal
            ? "scanning [{bar}] {value}/{total}{more} users | {rate} users/s | {eta_formatted} left"
            : "scan: {value}/{total}{more} users read, {rate} users/s, {eta_formatted} left",
        noTTYOutput: true,
        notTTYSchedule: PLAIN_LINE_INTERVAL_MS,
        etaBuffer: 200,
        // The command removes its temporary file on a signal, and exits itself.
        gracefulExit: false,
        hideCursor: null,
    });
    const started = Date.now();
    let running = false;
    return {
        update(done, listed, complete) {
            const seconds = (Date.now() - started) / 1000;
            const payload = { more: complete ? "" : "+", rate: seconds > 0 ? Math.round(done / seconds) : 0 };
            if (!running) {
                bar.start(listed, done, payload);
                running = true;
            }
            bar.setTotal(listed);
            bar.update(done, payload);
        },
        stop() {
            if (running) {
                bar.stop();
            }
        },
    };
}
