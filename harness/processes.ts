// The processes a test started, found through /proc (Linux). A run marks itself with an
// environment variable that every process it starts inherits, whatever its parent becomes: the
// Pulumi CLI starts plugins in process groups of their own, and an orphan is re-parented to init,
// so neither the process group nor the parent chain finds everything a run left behind.

import * as fs from "node:fs";

export interface ProcessInfo {
    pid: number;
    ppid: number;
    /** The executable's name (comm). */
    name: string;
    /** The command line, arguments joined by spaces. */
    command: string;
    rssKb: number;
    /** Peak resident memory over the process's life (VmHWM). */
    peakRssKb: number;
    /** CPU time used so far, user and system (utime + stime). */
    cpuSeconds: number;
}

/** Clock ticks per second of /proc/<pid>/stat's times: 100 on Linux (USER_HZ). */
const TICKS_PER_SECOND = 100;

function readProcess(pid: number): ProcessInfo | undefined {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8").trim();
        const [, name, rest] = /^\d+ \((.*)\) (.*)$/s.exec(stat) ?? [];
        const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
        const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
        const command = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
        const fields = rest.split(" ");
        const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
        return { pid, ppid: Number(fields[1]), name, command, rssKb: kb("VmRSS"), peakRssKb: kb("VmHWM"), cpuSeconds };
    } catch {
        // The process ended between the listing and the read, or is not ours to read.
        return undefined;
    }
}

function allPids(): number[] {
    return fs
        .readdirSync("/proc")
        .filter((entry) => /^\d+$/.test(entry))
        .map(Number);
}

/** Live processes whose environment holds NAME=VALUE (a zombie's environment reads empty). */
export function processesMarked(name: string, value: string): ProcessInfo[] {
    const entry = `${name}=${value}`;
    return allPids()
        .filter((pid) => pid !== process.pid)
        .filter((pid) => {
            try {
                return fs.readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").includes(entry);
            } catch {
                return false;
            }
        })
        .map(readProcess)
        .filter((info): info is ProcessInfo => info !== undefined);
}

function parentOf(pid: number): number | undefined {
    try {
        return Number(/\) \S+ (\d+)/.exec(fs.readFileSync(`/proc/${pid}/stat`, "utf8"))?.[1]);
    } catch {
        return undefined;
    }
}

/** The live descendants of ROOT: its children, their children, and so on. */
export function descendantsOf(root: number): ProcessInfo[] {
    const parents = new Map(allPids().map((pid) => [pid, parentOf(pid)]));
    const found: number[] = [];
    let generation = [root];
    while (generation.length > 0) {
        const previous = new Set(generation);
        generation = [...parents].filter(([, parent]) => parent !== undefined && previous.has(parent)).map(([pid]) => pid);
        found.push(...generation);
    }
    return found.map(readProcess).filter((info): info is ProcessInfo => info !== undefined);
}

/** The Pulumi CLI itself (plugins have longer names). */
export const isPulumiCli = (info: ProcessInfo) => info.name === "pulumi";

/**
 * Is this the dynamic provider host of @pulumi/pulumi (not its `sh` launcher, nor the `node -e`
 * that finds its script)? By command line: Node.js 24 names its process "MainThread", not "node".
 */
export const isDynamicProviderHost = (info: ProcessInfo) => info.command.includes("cmd/dynamic-provider/index.js");
/**
 * The native plugin: the standalone executable installed from its archive, or node running the
 * bundled provider through the launcher on PATH (build/plugin/).
 */
export const isNativePlugin = (info: ProcessInfo) => /(^|\/)pulumi-resource-cognito-mfa(\.js)?( |$)/.test(info.command);

/** The OpenTofu CLI, and the Terraform provider it starts (its standalone executable, or the bundle run by node). */
export const isTofuCli = (info: ProcessInfo) => info.name === "tofu";
export const isTerraformProvider = (info: ProcessInfo) => /(^|\/)terraform-provider-cognitomfa(_v[^ /]+|\.js)?( |$)/.test(info.command);

/** The Pulumi YAML language host, which runs a YAML program. */
export const isYamlHost = (info: ProcessInfo) => /(^|\/)pulumi-language-yaml( |$)/.test(info.command);

/**
 * Samples the processes FIND returns every INTERVAL ms, keeping each one's peak resident memory,
 * until stopped: memory is read while a process lives, so a process that balloons while dying is
 * caught on its way out.
 */
export class ProcessWatch {
    private readonly seen = new Map<number, ProcessInfo>();
    private readonly timer: NodeJS.Timeout;

    constructor(
        private readonly find: () => ProcessInfo[],
        intervalMs = 100,
    ) {
        this.timer = setInterval(() => this.sample(), intervalMs);
        this.sample();
    }

    /** The processes alive now (and records them). */
    sample(): ProcessInfo[] {
        const alive = this.find();
        for (const info of alive) {
            const before = this.seen.get(info.pid);
            this.seen.set(info.pid, {
                ...info,
                // A process read as it exits has no address space left: an empty command line and
                // no memory. It is still the process it was, so it keeps its command (by which the
                // tests know a provider) and its peak.
                command: info.command || before?.command || "",
                peakRssKb: Math.max(info.peakRssKb, before?.peakRssKb ?? 0),
                cpuSeconds: Math.max(info.cpuSeconds, before?.cpuSeconds ?? 0),
            });
        }
        return alive;
    }

    /** Every process seen so far, with its peak memory. */
    get processes(): ProcessInfo[] {
        return [...this.seen.values()];
    }

    /** Waits until none of the processes FIND returns is alive; returns those still alive after TIMEOUT ms. */
    async untilGone(timeoutMs: number): Promise<ProcessInfo[]> {
        const deadline = Date.now() + timeoutMs;
        let alive = this.sample();
        while (alive.length > 0 && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 50));
            alive = this.sample();
        }
        return alive;
    }

    stop(): void {
        clearInterval(this.timer);
    }
}

/** Ends what a failed test left running, so that one failure does not leave load for the next. */
export function killAll(processes: ProcessInfo[]): void {
    for (const { pid } of processes) {
        try {
            process.kill(pid, "SIGKILL");
        } catch {
            // Already gone.
        }
    }
}
