// The quota benchmark (`npm run bench:quota -- --n 2000 --runs 1`): writes under Cognito's real
// buckets, enforced by the strict Cognito (per account across pools: 25 writes a second; per user:
// 10). For each N and run:
//   one stack   a pool resource that turns SMS on for every one of N users (a write each), alone:
//               wall time against the write floor, N / 25 s;
//   two stacks  two such stacks, each of its own pool of N users, at once: both must finish, the
//               writes they ask for together stay under the quota, and few are throttled;
//               wall time against the shared floor, 2N / 25 s.
// Prints each figure (the median over runs) and the throttled share; results go to
// .cache/bench-quota-<sizes>.json.

import * as fs from "node:fs";
import * as path from "node:path";
import { adminClient } from "../../harness/fixtures";
import { exitOnBrokenPipe } from "../../harness/installedPackage";
import { startEmulator } from "../../harness/moto";
import { poolWithoutMfa } from "../../harness/pools";
import { smsForEveryUser, upAtOnce, type SharedRun } from "../../harness/sharedQuota";
import { median } from "./median";
import { option } from "./options";

exitOnBrokenPipe();

const WRITES_PER_SECOND = 25;
const RESULTS_DIR = process.env.BENCH_RESULTS_DIR ?? path.resolve(__dirname, "../../.cache");

interface Row {
    n: number;
    case: "one stack" | "two stacks";
    seconds: number;
    floorSeconds: number;
    writesPerSecond: number;
    throttled: number;
    throttledShare: number;
    failed: number;
}

async function main(): Promise<void> {
    const sizes = option("n", "2000").split(",").map(Number);
    const runs = Number(option("runs", "1"));
    const rows: Row[] = [];
    for (const n of sizes) {
        const measured: Record<Row["case"], SharedRun[]> = { "one stack": [], "two stacks": [] };
        for (let attempt = 0; attempt < runs; attempt++) {
            const emulator = await startEmulator();
            try {
                const cognito = adminClient(emulator.endpoint);
                const pools = await Promise.all(["alone", "first", "second"].map((name) => poolWithoutMfa(cognito, `${name}-${n}`, n)));
                const [alone, first, second] = await Promise.all(pools.map(({ pool, usernames }, index) => smsForEveryUser(emulator, `quota-${n}-${index}`, pool, usernames)));
                measured["one stack"].push(await upAtOnce(emulator, [alone]));
                measured["two stacks"].push(await upAtOnce(emulator, [first, second]));
            } finally {
                await emulator.stop();
            }
        }
        for (const [kind, results] of Object.entries(measured) as [Row["case"], SharedRun[]][]) {
            const writes = (kind === "one stack" ? 1 : 2) * n;
            const throttled = median(results.map((run) => run.writesThrottled));
            rows.push({
                n,
                case: kind,
                seconds: median(results.map((run) => run.seconds)),
                floorSeconds: writes / WRITES_PER_SECOND,
                writesPerSecond: median(results.map((run) => run.writesPerSecond)),
                throttled,
                throttledShare: throttled / (writes + throttled),
                failed: Math.max(...results.map((run) => run.failures.filter((failure) => failure !== undefined).length)),
            });
        }
    }
    console.log("| users per stack | case | wall time | write floor | ratio | writes/s asked, together | throttled | failed stacks |");
    console.log("|---:|---|---:|---:|---:|---:|---:|---:|");
    for (const row of rows) {
        console.log(
            `| ${row.n.toLocaleString("en-US")} | ${row.case} | ${row.seconds.toFixed(1)} s | ${row.floorSeconds.toFixed(0)} s | ${(row.seconds / row.floorSeconds).toFixed(2)}x | ${row.writesPerSecond.toFixed(1)} | ${row.throttled} (${(row.throttledShare * 100).toFixed(1)}%) | ${row.failed} |`,
        );
    }
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    fs.writeFileSync(path.join(RESULTS_DIR, `bench-quota-${sizes.join("-")}.json`), `${JSON.stringify(rows, null, 2)}\n`);
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
