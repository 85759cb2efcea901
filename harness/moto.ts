// A real Cognito emulator for tests and the demo: moto's server, from the virtualenv that
// scripts/setup/moto.sh makes, on a free loopback port, behind the strict Cognito
// (strictCognito/), which answers as Cognito does where moto is laxer. One harness for every suite.

import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { startStrictCognito, type StrictCognito } from "./strictCognito/start";

const PROJECT_ROOT = path.resolve(__dirname, "..");
const STARTUP_TIMEOUT_MS = 60_000;

export interface Emulator {
    /** http://127.0.0.1:PORT: the strict Cognito, in front of moto. */
    endpoint: string;
    /**
     * moto itself, without the strict layer: the back door for a test that needs moto's laxness
     * (a preferred factor that is off, say), and the S3 server of the state backends.
     */
    motoEndpoint: string;
    /** The strict layer's settings (quotas, the reported behaviours) and figures. */
    strict: StrictCognito;
    /** Environment for anything that talks to the emulator through the AWS SDK or CLI. */
    env: Record<string, string>;
    /** Forgets every pool and user. */
    reset(): Promise<void>;
    stop(): Promise<void>;
    /** Stops the server as if it crashed, and starts it again on the same port (state is lost). */
    restart(): Promise<void>;
}

/** Dummy credentials: moto accepts any, and real ones must never reach a test. */
export const EMULATOR_CREDENTIALS = {
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
    AWS_REGION: "us-east-1",
};

/** moto_server: from the environment (scripts/setup/env.sh), else made by the setup script. */
export function motoServerPath(): string {
    if (process.env.MOTO_SERVER) {
        return process.env.MOTO_SERVER;
    }
    return execFileSync("bash", [path.join(PROJECT_ROOT, "scripts/setup/moto.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
}

export async function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.unref();
        server.on("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const { port } = server.address() as net.AddressInfo;
            server.close(() => resolve(port));
        });
    });
}

async function answers(endpoint: string): Promise<boolean> {
    try {
        const response = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1_000) });
        return response.ok;
    } catch {
        return false;
    }
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
        if (Date.now() > deadline) {
            throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}

const running = new Set<ChildProcess>();
const logDirs = new Set<string>();
// Whatever way the test process ends, no emulator outlives it, nor its log.
process.once("exit", () => {
    running.forEach((child) => child.kill("SIGKILL"));
    logDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
        running.forEach((child) => child.kill("SIGKILL"));
        process.exit(130);
    });
}

export async function startEmulator(): Promise<Emulator> {
    const server = motoServerPath();
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    // The server logs every request. To a file, not a pipe: a pipe that this process stops draining
    // (while it blocks in spawnSync, say) fills up, and the server then stops at its next request.
    const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "moto-"));
    const logFile = path.join(logDir, "server.log");
    logDirs.add(logDir);
    let child: ChildProcess;

    const launch = async () => {
        const log = fs.openSync(logFile, "a");
        child = spawn(server, ["-H", "127.0.0.1", "-p", String(port)], {
            // TOTP codes are checked for real; the emulator gets no real credential.
            env: { ...process.env, ...EMULATOR_CREDENTIALS, MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP: "true" },
            stdio: ["ignore", "ignore", log],
        });
        fs.closeSync(log);
        running.add(child);
        const lastOutput = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").slice(-4_000) : "");
        const exited = new Promise<never>((_, reject) => child.once("exit", (code) => reject(new Error(`moto_server exited (${code}): ${lastOutput()}`))));
        exited.catch(() => undefined);
        await Promise.race([waitUntil(() => answers(endpoint), STARTUP_TIMEOUT_MS, `moto_server on ${endpoint}`), exited]);
    };
    const kill = async () => {
        if (child.exitCode === null && child.signalCode === null) {
            const gone = new Promise((resolve) => child.once("exit", resolve));
            child.kill("SIGKILL");
            await gone;
        }
        running.delete(child);
    };

    await launch();
    const strict = await startStrictCognito(endpoint);
    return {
        endpoint: strict.endpoint,
        motoEndpoint: endpoint,
        strict,
        env: { ...EMULATOR_CREDENTIALS, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: strict.endpoint },
        async reset() {
            const response = await fetch(`${endpoint}/moto-api/reset`, { method: "POST" });
            if (!response.ok) {
                throw new Error(`moto reset failed: HTTP ${response.status}`);
            }
            await strict.reset();
        },
        async stop() {
            await strict.stop();
            await kill();
            fs.rmSync(logDir, { recursive: true, force: true });
            logDirs.delete(logDir);
        },
        async restart() {
            await kill();
            await launch();
            // moto forgot every pool and user: so does the layer.
            await strict.reset();
        },
    };
}

/**
 * A bucket in the emulator's S3 (moto serves every service on one port) and the backend URL the
 * CLI logs in to it with: path-style, as `pulumi login s3://…?endpoint=…&s3ForcePathStyle=true` asks.
 */
export async function s3Backend(emulator: Emulator, bucket: string): Promise<string> {
    const response = await fetch(`${emulator.motoEndpoint}/${bucket}`, { method: "PUT" });
    if (!response.ok) {
        throw new Error(`creating the S3 bucket ${bucket}: HTTP ${response.status}`);
    }
    return `s3://${bucket}?endpoint=${new URL(emulator.motoEndpoint).host}&s3ForcePathStyle=true&disableSSL=true&region=us-east-1`;
}
