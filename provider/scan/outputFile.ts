// Where a scan's text goes: standard output, or a file that appears only when the scan is
// complete. The file is written under a temporary name beside it and renamed at the end (a rename
// within a directory is atomic), so an interrupted or failed scan never leaves a file at the
// requested path, nor changes one already there.

import * as fs from "node:fs";
import * as path from "node:path";
import { once } from "node:events";
import type { Writable } from "node:stream";

export interface Output {
    write(text: string): Promise<void>;
    /** Makes the output complete: renames the file into place. */
    commit(): Promise<void>;
    /** Drops what was written to a file (standard output cannot take it back). */
    discard(): void;
}

export function standardOutput(): Output {
    return { write: (text) => writeTo(process.stdout, text), commit: async () => undefined, discard: () => undefined };
}

export function fileOutput(file: string): Output {
    const target = path.resolve(file);
    const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`);
    // Opened now, so that a directory that does not exist or cannot be written fails before any call.
    const stream = fs.createWriteStream("", { fd: fs.openSync(temporary, "wx") });
    // Ctrl-C or a CI job's cancellation: leave nothing behind, then end as the signal would.
    const onSignal = (signal: NodeJS.Signals) => {
        removeQuietly(temporary);
        process.exit(signal === "SIGINT" ? 130 : 143);
    };
    process.once("SIGINT", onSignal).once("SIGTERM", onSignal);
    const stopListening = () => process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
    return {
        write: (text) => writeTo(stream, text),
        commit: async () => {
            stream.end();
            await once(stream, "finish");
            fs.renameSync(temporary, target);
            stopListening();
        },
        discard: () => {
            stream.destroy();
            removeQuietly(temporary);
            stopListening();
        },
    };
}

async function writeTo(stream: Writable, text: string): Promise<void> {
    if (text !== "" && !stream.write(text)) {
        await once(stream, "drain");
    }
}

function removeQuietly(file: string): void {
    fs.rmSync(file, { force: true });
}
