// The scan benchmark (`npm run bench:scan -- --n 1000,10000 --runs 3`). For each N, a pool of N
// users in the emulator (seven in ten with MFA), then the installed command scans it R times
// behind the loopback proxy with Cognito's rates enforced (UserRead 120/s, UserList 30/s). Prints
// medians of wall time against the quota floor, and the scan process's peak RSS.

import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { AdminCreateUserCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { startCognitoProxy } from "../../harness/cognitoProxy";
import { adminClient, createPool, setMfaOutOfBand, type Pool } from "../../harness/fixtures";
import { exitOnBrokenPipe } from "../../harness/installedPackage";
import { startEmulator } from "../../harness/moto";
import { median } from "./median";
import { option } from "./options";

exitOnBrokenPipe();

const COMMAND = path.resolve(__dirname, "../../node_modules/pulumi-cognito-mfa/dist/provider/scan/main.js");
const READS_PER_SECOND = 120;
const LISTS_PER_SECOND = 30;
const PAGE = 60;

/** Runs a command to its end without blocking this process, which serves the proxy meanwhile. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stderr: string }> {
    const child = spawn(command, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolve) => child.on("close", (status) => resolve({ status, stderr })));
}


/** Users as pools have them; the scan's cost does not depend on which factor, so SMS only (fast to make). */
async function populate(client: CognitoIdentityProviderClient, pool: Pool, count: number): Promise<number> {
    let next = 0;
    let withMfa = 0;
    const worker = async () => {
        for (let index = next++; index < count; index = next++) {
            const username = `user-${String(index).padStart(6, "0")}`;
            await client.send(
                new AdminCreateUserCommand({ UserPoolId: pool.userPoolId, Username: username, MessageAction: "SUPPRESS", UserAttributes: [{ Name: "phone_number", Value: "+15555550100" }] }),
            );
            if (index % 10 < 7) {
                await setMfaOutOfBand(client, pool.userPoolId, username, { SMSMfaSettings: { Enabled: true, PreferredMfa: index % 2 === 0 } });
                withMfa += 1;
            }
        }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    return withMfa;
}

interface Measured {
    seconds: number;
    peakRssMb: number;
    reads: number;
    lists: number;
    throttled: number;
}

async function main(): Promise<void> {
    const sizes = option("n", "1000,10000").split(",").map(Number);
    const runs = Number(option("runs", "3"));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-scan-"));
    const rows: string[] = [];
    for (const n of sizes) {
        const emulator = await startEmulator();
        const proxy = await startCognitoProxy(emulator.endpoint);
        try {
            const client = adminClient(emulator.endpoint);
            const pool = await createPool(client, `bench-${n}`);
            const started = Date.now();
            const withMfa = await populate(client, pool, n);
            console.error(`N=${n}: pool populated in ${((Date.now() - started) / 1000).toFixed(0)} s`);
            proxy.setRateLimits({ write: 25, read: READS_PER_SECOND, list: LISTS_PER_SECOND });
            const measured: Measured[] = [];
            for (let attempt = 0; attempt < runs; attempt++) {
                proxy.resetCounts();
                const out = path.join(dir, `users-${n}.json`);
                const began = process.hrtime.bigint();
                // GNU time's %M: the scan process's peak resident set, in KiB.
                const result = await run("/usr/bin/time", ["-f", "%M", process.execPath, COMMAND, "scan", "--user-pool-id", pool.userPoolId, "--out", out, "--endpoint", proxy.endpoint], {
                    ...process.env,
                    ...emulator.env,
                });
                const seconds = Number(process.hrtime.bigint() - began) / 1e9;
                if (result.status !== 0) {
                    throw new Error(`scan failed: ${result.stderr}`);
                }
                const declared = (JSON.parse(fs.readFileSync(out, "utf8")) as unknown[]).length;
                if (declared !== withMfa) {
                    throw new Error(`the scan declared ${declared} users, the pool has ${withMfa} with MFA`);
                }
                const peakKb = Number(result.stderr.trim().split("\n").pop());
                const throttled = [...proxy.throttled.values()].reduce((sum, count) => sum + count, 0);
                measured.push({ seconds, peakRssMb: peakKb / 1024, reads: proxy.received.get("AdminGetUser") ?? 0, lists: proxy.received.get("ListUsers") ?? 0, throttled });
                console.error(`N=${n} run ${attempt + 1}: ${seconds.toFixed(2)} s, peak RSS ${(peakKb / 1024).toFixed(1)} MB, throttled ${throttled}`);
            }
            const pages = Math.ceil(n / PAGE);
            const floor = n / READS_PER_SECOND + pages / LISTS_PER_SECOND;
            const overlapFloor = Math.max(n / READS_PER_SECOND, pages / LISTS_PER_SECOND);
            const wall = median(measured.map((run) => run.seconds));
            rows.push(
                `| ${n.toLocaleString("en-US")} | ${runs} | ${wall.toFixed(2)} | ${floor.toFixed(2)} | ${(wall / floor).toFixed(3)} | ${overlapFloor.toFixed(2)} | ${(wall / overlapFloor).toFixed(3)} | ${median(measured.map((run) => run.peakRssMb)).toFixed(1)} | ${measured[0].reads} | ${measured[0].lists} | ${Math.max(...measured.map((run) => run.throttled))} |`,
            );
        } finally {
            await proxy.close();
            await emulator.stop();
        }
    }
    console.log("| users | runs | wall s (median) | quota floor s (reads + pages) | ratio | overlap floor s | ratio | peak RSS MB (median) | AdminGetUser calls | ListUsers calls | throttled (most) |");
    console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    rows.forEach((row) => console.log(row));
}

main().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
});
