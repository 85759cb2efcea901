// Starts the strict Cognito (this folder) in front of moto, as a process of its own, and
// drives its back door: its settings (quotas, the reported behaviours), reset and figures.

import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import * as readline from "node:readline";
import type { StrictSettings, Stats } from "./server";

export type { StrictSettings, Stats } from "./server";
export type { QuotaRates } from "./quotas";
export { COGNITO_RATES } from "./quotas";

export interface StrictCognito {
    endpoint: string;
    configure(change: Partial<StrictSettings>): Promise<StrictSettings>;
    reset(): Promise<void>;
    stats(): Promise<Stats>;
    stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once("exit", () => running.forEach((child) => child.kill("SIGKILL")));

async function request<T>(endpoint: string, route: string, body?: object): Promise<T> {
    const response = await fetch(`${endpoint}${route}`, body === undefined ? {} : { method: "POST", body: JSON.stringify(body) });
    if (!response.ok) {
        throw new Error(`strict Cognito ${route}: HTTP ${response.status} ${await response.text()}`);
    }
    return (await response.json()) as T;
}

export async function startStrictCognito(upstream: string, port = 0): Promise<StrictCognito> {
    const child = spawn(
        process.execPath,
        ["-r", require.resolve("ts-node/register/transpile-only"), path.join(__dirname, "main.ts"), "--upstream", upstream, "--port", String(port)],
        // Compiled alike wherever it is started: no tsconfig.json of the caller's.
        { stdio: ["pipe", "pipe", "inherit"], env: { ...process.env, TS_NODE_SKIP_PROJECT: "true", TS_NODE_COMPILER_OPTIONS: '{"module":"commonjs"}' } },
    );
    running.add(child);
    const exited = new Promise<never>((_, reject) => child.once("exit", (code) => reject(new Error(`the strict Cognito exited (${code}) before it listened`))));
    exited.catch(() => undefined);
    const lines = readline.createInterface({ input: child.stdout! });
    const listening = new Promise<number>((resolve) => lines.once("line", (line) => resolve(Number(line.split(" ")[1]))));
    const endpoint = `http://127.0.0.1:${await Promise.race([listening, exited])}`;
    return {
        endpoint,
        configure: (change) => request(endpoint, "/strict-api/settings", change),
        reset: async () => {
            await request(endpoint, "/strict-api/reset", {});
        },
        stats: () => request(endpoint, "/strict-api/stats"),
        stop: async () => {
            if (child.exitCode === null && child.signalCode === null) {
                const gone = new Promise((resolve) => child.once("exit", resolve));
                child.stdin!.end();
                await gone;
            }
            running.delete(child);
        },
    };
}
