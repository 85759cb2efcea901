// One `pulumi` command of a benchmark, timed, with the processes it starts watched: its output,
// its wall time, and each watched process's peak memory and CPU time.

import { spawn } from "node:child_process";
import { descendantsOf, ProcessWatch, type ProcessInfo } from "../../harness/processes";

export interface WatchedRun {
    seconds: number;
    output: string;
    /** Every process WATCHED selected while the command ran. */
    processes: ProcessInfo[];
}

/** Runs `pulumi ARGS` in DIR; fails with the end of its output unless it exits 0. */
export function watchedCli(args: string[], dir: string, env: NodeJS.ProcessEnv, watched: (info: ProcessInfo) => boolean): Promise<WatchedRun> {
    const watch = new ProcessWatch(() => descendantsOf(process.pid).filter(watched), 100);
    const started = process.hrtime.bigint();
    const child = spawn("pulumi", args, { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    return new Promise((resolve, reject) =>
        child.on("close", (status) => {
            const seconds = Number(process.hrtime.bigint() - started) / 1e9;
            watch.sample();
            watch.stop();
            if (status !== 0) {
                reject(new Error(`pulumi ${args.join(" ")} exited ${status}:\n${output.slice(-3000)}`));
                return;
            }
            resolve({ seconds, output, processes: watch.processes });
        }),
    );
}

export const peakMb = (infos: ProcessInfo[]) => Math.max(0, ...infos.map((info) => info.peakRssKb)) / 1024;
export const cpuSeconds = (infos: ProcessInfo[]) => infos.reduce((total, info) => total + info.cpuSeconds, 0);
