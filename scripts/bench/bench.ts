// The benchmark (`npm run bench -- --n 100,500,1000 --runs 3`). Against the emulator, behind the
// counting proxy, through the real Pulumi CLI, it runs the same N users through up, preview
// --refresh, refresh, an update of every resource and destroy for each program in turn (the
// engine floor, ours, ours unpaced, the native plugin, the AWS CLI workaround), several runs, and
// prints medians and spreads.
// Then a quota run: ours at --quota-n users behind Cognito's request rates.

import * as fs from "node:fs";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { benchProgram, type BenchSpec, type ProgramKind } from "./benchPrograms";
import { option } from "./options";
import { createUsers } from "./users";
import { startCognitoProxy, type CognitoProxy } from "../../harness/cognitoProxy";
import { startEmulator } from "../../harness/moto";
import { installPlugin } from "../../harness/nativePlugin";
import { descendantsOf, isDynamicProviderHost, isNativePlugin, ProcessWatch } from "../../harness/processes";
import { cli, freshStack } from "../../harness/pulumi";
import { exitOnBrokenPipe } from "../../harness/installedPackage";
import { median } from "./median";

exitOnBrokenPipe();

/** Where results are written: the repository's .cache when run by scripts/bench/bench.sh. */
const RESULTS_DIR = process.env.BENCH_RESULTS_DIR ?? path.resolve(__dirname, "../../.cache");

const PHASES = ["up", "preview --refresh", "refresh", "update all", "destroy"] as const;
type Phase = (typeof PHASES)[number];

interface Measurement {
    seconds: number;
    calls: number;
    throttled: number;
    failed: boolean;
    peakRssMb: number;
}

const spread = (values: number[]) => Math.max(...values) - Math.min(...values);

/**
 * Peak resident memory (VmHWM) of the provider processes (dynamic provider hosts, the native
 * plugin) this benchmark started, sampled while a phase runs. Only this process's own tree
 * counts: any other provider on the machine is not ours.
 */
function watchProviderRss(): () => number {
    const watch = new ProcessWatch(() => descendantsOf(process.pid).filter((info) => isDynamicProviderHost(info) || isNativePlugin(info)));
    return () => {
        watch.sample();
        watch.stop();
        return Math.max(0, ...watch.processes.map((info) => info.peakRssKb)) / 1024;
    };
}

async function measure(proxy: CognitoProxy, operation: () => Promise<unknown>): Promise<Measurement> {
    proxy.resetCounts();
    const stopWatching = watchProviderRss();
    const started = process.hrtime.bigint();
    const failed = await operation().then(
        () => false,
        (error: Error) => {
            console.error(error.message.slice(-2000));
            return true;
        },
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const sum = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);
    return { seconds, calls: sum(proxy.received) - sum(proxy.throttled), throttled: sum(proxy.throttled), failed, peakRssMb: stopWatching() };
}

async function runPhases(stack: Stack, spec: BenchSpec, proxy: CognitoProxy, phases: readonly Phase[]): Promise<Record<string, Measurement>> {
    const results: Record<string, Measurement> = {};
    for (const phase of phases) {
        if (phase === "update all") {
            spec.preferred = !spec.preferred;
        }
        const operation = {
            up: () => stack.up(),
            "preview --refresh": () => stack.preview({ refresh: true, expectNoChanges: spec.kind !== "workaround" }),
            refresh: () => stack.refresh(),
            "update all": () => stack.up(),
            destroy: () => stack.destroy(),
        }[phase];
        results[phase] = await measure(proxy, operation);
    }
    return results;
}

function stateFacts(stack: Stack): { providerBytes: number; stateBytes: number } {
    const exported = cli(stack, ["stack", "export"]).output;
    const resources = JSON.parse(exported).deployment.resources as { type: string; inputs?: { __provider?: string } }[];
    const dynamic = resources.filter((resource) => resource.inputs?.__provider !== undefined);
    const providerBytes = dynamic.length ? Buffer.byteLength(dynamic[0].inputs!.__provider!) : 0;
    return { providerBytes, stateBytes: Buffer.byteLength(exported) };
}

async function main(): Promise<void> {
    const sizes = option("n", "100,500,1000").split(",").map(Number).filter((n) => n > 0);
    const runs = Number(option("runs", "3"));
    const quotaN = Number(option("quota-n", "1000"));
    const awsCli = option("aws", "aws");
    const kinds = option("kinds", "floor,ours,unpaced,native,workaround").split(",") as ProgramKind[];
    // The workaround is an order of magnitude slower: fewer runs of it keep the benchmark short.
    const workaroundRuns = Number(option("workaround-runs", "1"));
    const table: string[] = [];
    const all: Record<string, unknown> = {};

    const emulator = await startEmulator();
    const proxy = await startCognitoProxy(emulator.endpoint);
    // The provider (ours, and the AWS CLI of the workaround) goes through the proxy.
    const env = { ...emulator.env, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: proxy.endpoint };
    try {
        for (const n of sizes) {
            await emulator.reset();
            const { userPoolId, usernames } = await createUsers(emulator, n);
            const samples: Record<ProgramKind, Record<string, Measurement>[]> = { floor: [], ours: [], unpaced: [], native: [], workaround: [], set: [], "native-set": [] };
            const facts: Record<string, { providerBytes: number; stateBytes: number }> = {};
            for (let run = 1; run <= runs; run++) {
                for (const kind of kinds.filter((kind) => kind !== "workaround" || run <= workaroundRuns)) {
                    const spec: BenchSpec = { kind, userPoolId, usernames, preferred: true, awsCli };
                    const unpaced: Record<string, string> = kind === "unpaced" ? { COGNITO_MFA_WRITES_PER_SECOND: "0", COGNITO_MFA_READS_PER_SECOND: "0" } : {};
                    const stack = await freshStack({ name: `bench-${kind}-${n}`, program: benchProgram(spec), env: { ...env, ...unpaced } });
                    if (kind === "native") {
                        installPlugin(stack);
                    }
                    const results = await runPhases(stack, spec, proxy, ["up"]);
                    facts[kind] = stateFacts(stack);
                    Object.assign(results, await runPhases(stack, spec, proxy, PHASES.slice(1)));
                    if (kind !== "ours" && kind !== "native" && PHASES.some((phase) => results[phase].failed)) {
                        throw new Error(`the ${kind} program failed: its figures would mean nothing`);
                    }
                    samples[kind].push(results);
                    console.error(`n=${n} run ${run} ${kind}: ${PHASES.map((phase) => `${phase} ${results[phase].seconds.toFixed(1)}s`).join(", ")}`);
                }
            }
            all[`n=${n}`] = { samples, facts };
            fs.writeFileSync(path.join(RESULTS_DIR, `bench-results-${n}.json`), JSON.stringify(all[`n=${n}`], null, 1));
            table.push(`\n### N = ${n} (${runs} runs, workaround ${Math.min(runs, workaroundRuns)}; median seconds, spread in brackets)\n`);
            table.push("| phase | floor | ours | unpaced | native | workaround | ours / floor | native / floor | native / ours | workaround / ours | API calls per resource (ours, native) | failed (ours, native) | provider peak RSS MB (ours, native) |");
            table.push("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            for (const phase of PHASES) {
                const seconds = (kind: ProgramKind) => samples[kind].map((sample) => sample[phase].seconds);
                const time = (kind: ProgramKind) => median(seconds(kind));
                const cell = (kind: ProgramKind) => (samples[kind].length ? `${time(kind).toFixed(2)} [${spread(seconds(kind)).toFixed(2)}]` : "-");
                const ratio = (a: ProgramKind, b: ProgramKind, digits: number) => (samples[a].length && samples[b].length ? (time(a) / time(b)).toFixed(digits) : "-");
                const perKind = (kinds: ProgramKind[], value: (kind: ProgramKind) => string) => kinds.map((kind) => (samples[kind].length ? value(kind) : "-")).join(", ");
                const calls = (kind: ProgramKind) => (median(samples[kind].map((sample) => sample[phase].calls)) / n).toFixed(2);
                const failed = (kind: ProgramKind) => String(samples[kind].filter((sample) => sample[phase].failed).length);
                const rss = (kind: ProgramKind) => Math.max(...samples[kind].map((sample) => sample[phase].peakRssMb)).toFixed(0);
                table.push(
                    `| ${phase} | ${cell("floor")} | ${cell("ours")} | ${cell("unpaced")} | ${cell("native")} | ${cell("workaround")} | ${ratio("ours", "floor", 2)} | ${ratio("native", "floor", 2)} | ${ratio("native", "ours", 2)} | ${ratio("workaround", "ours", 1)} | ${perKind(["ours", "native"], calls)} | ${perKind(["ours", "native"], failed)} | ${perKind(["ours", "native"], rss)} |`,
                );
            }
            const bytes = (kind: ProgramKind) => (facts[kind] ? `${kind} ${facts[kind].providerBytes} B per resource, state ${facts[kind].stateBytes} B (${(facts[kind].stateBytes / n).toFixed(0)} B per resource)` : `${kind} -`);
            table.push(`\n__provider and state after up: ${kinds.map(bytes).join("; ")}.`);
            // Each size's table as soon as it is measured.
            console.log(table.splice(0).join("\n"));
        }

        if (quotaN > 0) {
            await emulator.reset();
            const { userPoolId, usernames } = await createUsers(emulator, quotaN);
            proxy.setRateLimits({ write: 25, read: 120 });
            const spec: BenchSpec = { kind: "ours", userPoolId, usernames, preferred: true, awsCli };
            const stack = await freshStack({ name: `bench-quota-${quotaN}`, program: benchProgram(spec), env });
            const results = await runPhases(stack, spec, proxy, ["up", "refresh"]);
            proxy.setRateLimits(undefined);
            await stack.destroy();
            all.quota = results;
            const writeFloor = quotaN / 25;
            const readFloor = quotaN / 120;
            table.push(`\n### Cognito's quotas enforced (25 writes/s, 120 reads/s), N = ${quotaN}, ours\n`);
            table.push("| phase | seconds | quota floor (s) | ratio | calls answered | throttled answers | failed |");
            table.push("|---|---|---|---|---|---|---|");
            for (const [phase, floor] of [["up", writeFloor], ["refresh", readFloor]] as const) {
                const result = results[phase];
                table.push(`| ${phase} | ${result.seconds.toFixed(1)} | ${floor.toFixed(1)} | ${(result.seconds / floor).toFixed(2)} | ${result.calls} | ${result.throttled} | ${result.failed ? "yes" : 0} |`);
            }
        }
    } finally {
        await proxy.close();
        await emulator.stop();
    }
    const out = path.join(RESULTS_DIR, "bench-results.json");
    fs.writeFileSync(out, JSON.stringify(all, null, 1));
    console.log(table.join("\n"));
    console.log(`\nraw results: ${out}`);
}

main().catch((error: Error) => {
    console.error(error);
    process.exit(1);
});
