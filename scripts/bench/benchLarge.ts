// The large-stack benchmark (`npm run bench:large -- --n 1000,2000 --fronts native,dynamic,yaml
// --checkpoints on,off --backend file`). For each size, a pool of N users in the emulator, behind
// the counting proxy with Cognito's quotas enforced (25 writes/s, 120 reads/s), one stack per
// front end and checkpoint setting, through the real CLI: up from nothing, preview --refresh
// --expect-no-changes, one user changed (preview, then up, no refresh), up --refresh, adoption (the
// stack forgets its resources, Cognito untouched, and an up from nothing takes every user up as
// Cognito has them: reads, no write), destroy.
// Each phase: wall time against its quota floor, the peak memory and CPU time of the CLI, of the
// provider and of the program, which say where the time goes, and the state's size. The program
// of `native` and `dynamic` is Node.js, inline in this process with the Automation API's language
// runtime; `yaml` declares the native plugin's resources in Pulumi YAML, which the CLI's YAML
// language host runs. `--checkpoints off` runs the CLI with PULUMI_SKIP_CHECKPOINTS=true;
// `--backend s3` keeps state in moto's S3; `--stack-trace-limit 10,0` runs the Node.js program
// with each Error.stackTraceLimit, side by side. `set-native` and `set-dynamic` declare the pool
// resource, one UserMfaPreferenceSet of every user, with the same phases; `set-yaml` declares it in
// Pulumi YAML with its users written in the program, `set-yaml-config` with its users in the
// stack's config file (a config value of type object); `set-python` and `set-go` declare it through
// the generated Python and Go SDKs, in programs of those languages (scripts/bench/programs/), each
// phase one run of the program with its Automation API, inline; `set-native-shards`,
// `set-python-shards` and `set-go-shards` split the users into `--shards` (default 10) pool
// resources by userSetIndex, a hash of the username. `--read-only` skips the
// phases bound by writes (for 100,000 users, whose writes would take 67 minutes): the program
// declares every user's SMS off, as the users are made, and the phases are the adopting up from
// nothing, preview --refresh, and the one-user change (one user's SMS on). `set-terraform` runs the
// Terraform provider's pool resource under OpenTofu, each phase its Terraform command
// (terraformStack.ts), in the same table.

import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { benchProgram, setsOf, yamlProgram, yamlSetProgram, type BenchSpec } from "./benchPrograms";
import { option } from "./options";
import { createUsers } from "./users";
import { QUOTA_CATEGORY, startCognitoProxy, type CognitoProxy } from "../../harness/cognitoProxy";
import { s3Backend, startEmulator } from "../../harness/moto";
import { installPlugin } from "../../harness/nativePlugin";
import { descendantsOf, isDynamicProviderHost, isNativePlugin, isPulumiCli, isTerraformProvider, isTofuCli, isYamlHost, ProcessWatch, type ProcessInfo } from "../../harness/processes";
import { terraformStack } from "./terraformStack";
import { cli, freshProjectDir, freshStack, pulumiEnv } from "../../harness/pulumi";
import { exitOnBrokenPipe } from "../../harness/installedPackage";

exitOnBrokenPipe();

const RESULTS_DIR = process.env.BENCH_RESULTS_DIR ?? path.resolve(__dirname, "../../.cache");
const QUOTA = { write: 25, read: 120 };
const PHASES = ["up", "preview --refresh", "change: preview", "change: up", "up --refresh", "adopt: up", "destroy"] as const;
type Phase = (typeof PHASES)[number];
const READ_ONLY_PHASES: readonly Phase[] = ["adopt: up", "preview --refresh", "change: preview", "change: up"];
/**
 * native and dynamic: a Node.js program, inline; yaml: the native plugin from a YAML program, through
 * the CLI's YAML language host; set-native and set-dynamic: the pool resource from a Node.js program.
 */
type Front = "native" | "dynamic" | "yaml" | "set-native" | "set-terraform" | "set-native-shards" | "set-python-shards" | "set-go-shards" | "set-dynamic" | "set-yaml" | "set-yaml-config" | "set-python" | "set-go";
const PROGRAM_KIND: Record<Front, BenchSpec["kind"]> = {
    native: "native",
    dynamic: "ours",
    yaml: "native",
    "set-native": "native-set",
    "set-terraform": "native-set",
    "set-native-shards": "native-set",
    "set-python-shards": "native-set",
    "set-go-shards": "native-set",
    "set-dynamic": "set",
    "set-yaml": "native-set",
    "set-yaml-config": "native-set",
    "set-python": "native-set",
    "set-go": "native-set",
};
/** The fronts whose program is Pulumi YAML, run by the CLI's YAML language host. */
const isYaml = (front: Front) => front === "yaml" || front === "set-yaml" || front === "set-yaml-config";
/** The fronts whose program is in another language, a process of its own (scripts/bench/programs/). */
const PYTHON_PROGRAM = { command: () => [requiredEnv("BENCH_PYTHON"), path.join(__dirname, "programs", "large_set.py")], runtime: "python" as const };
const GO_PROGRAM = { command: () => [requiredEnv("BENCH_GO_PROGRAM")], runtime: "go" as const };
const OTHER_LANGUAGE: Partial<Record<Front, { command: () => string[]; runtime: "python" | "go" }>> = {
    "set-python": PYTHON_PROGRAM,
    "set-python-shards": PYTHON_PROGRAM,
    "set-go": GO_PROGRAM,
    "set-go-shards": GO_PROGRAM,
};
/** A process running one of those programs. */
const isOtherLanguageProgram = (info: ProcessInfo) => /(large_set\.py|\/large-set) /.test(info.command);

function requiredEnv(name: string): string {
    const value = process.env[name];
    if (value === undefined) {
        throw new Error(`${name} is not set: run the benchmark with npm run bench:large, which prepares the program`);
    }
    return value;
}

/** The pool resource's progress lines, as the CLI prints them. */
const PROGRESS_LINE = /UserMfaPreferenceSet [^:]+: [a-z ]+ users: [\d,]+ of [\d,]+, [^\n]*/g;

interface Measurement {
    seconds: number;
    /** The quota floor of the calls made: the slower of writes / 25 and reads / 120. */
    floorSeconds: number;
    writes: number;
    reads: number;
    throttled: number;
    failed: boolean;
    cliPeakMb: number;
    cliCpuSeconds: number;
    providerPeakMb: number;
    providerCpuSeconds: number;
    /** This process: the inline program and the Automation API's language runtime. */
    programPeakMb: number;
    programCpuSeconds: number;
    /** The pool resource's progress lines in the CLI's output: how many, and the last. */
    progressLines: number;
    lastProgressLine?: string;
}

const list = (name: string, fallback: string) => option(name, fallback).split(",").filter(Boolean);
const isProvider = (info: ProcessInfo) => isDynamicProviderHost(info) || isNativePlugin(info) || isTerraformProvider(info);
const isCli = (info: ProcessInfo) => isPulumiCli(info) || isTofuCli(info);
const peakMb = (infos: ProcessInfo[]) => Math.max(0, ...infos.map((info) => info.peakRssKb)) / 1024;
const cpu = (infos: ProcessInfo[]) => infos.reduce((total, info) => total + info.cpuSeconds, 0);

async function measure(proxy: CognitoProxy, front: Front, operation: (onOutput: (text: string) => void) => Promise<unknown>): Promise<Measurement> {
    let output = "";
    const onOutput = (text: string) => (output += text);
    proxy.resetCounts();
    // Only this process's tree: the CLI it started, and the providers (and YAML host) that CLI started.
    const watch = new ProcessWatch(
        () => descendantsOf(process.pid).filter((info) => isCli(info) || isProvider(info) || isYamlHost(info) || isOtherLanguageProgram(info)),
        200,
    );
    const started = process.hrtime.bigint();
    const programCpu = process.cpuUsage();
    let programPeak = process.memoryUsage().rss;
    const programWatch = setInterval(() => (programPeak = Math.max(programPeak, process.memoryUsage().rss)), 200);
    const failed = await operation(onOutput).then(
        () => false,
        (error: Error) => {
            console.error(error.message.slice(-2000));
            return true;
        },
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    clearInterval(programWatch);
    const programUsed = process.cpuUsage(programCpu);
    watch.sample();
    watch.stop();
    const count = (category: string) =>
        [...proxy.received].filter(([operation]) => QUOTA_CATEGORY[operation] === category).reduce((total, [operation, calls]) => total + calls - (proxy.throttled.get(operation) ?? 0), 0);
    const writes = count("write");
    const reads = count("read");
    const clis = watch.processes.filter(isCli);
    const providers = watch.processes.filter(isProvider);
    // A YAML program runs in its language host, a Python or Go one in a process of its own, a Node.js one in this process.
    const programs = watch.processes.filter(isYaml(front) ? isYamlHost : isOtherLanguageProgram);
    const inThisProcess = !isYaml(front) && OTHER_LANGUAGE[front] === undefined;
    return {
        seconds,
        floorSeconds: Math.max(writes / QUOTA.write, reads / QUOTA.read),
        writes,
        reads,
        throttled: [...proxy.throttled.values()].reduce((a, b) => a + b, 0),
        failed,
        cliPeakMb: peakMb(clis),
        cliCpuSeconds: cpu(clis),
        providerPeakMb: peakMb(providers),
        providerCpuSeconds: cpu(providers),
        programPeakMb: inThisProcess ? programPeak / 1024 / 1024 : peakMb(programs),
        programCpuSeconds: inThisProcess ? (programUsed.user + programUsed.system) / 1e6 : cpu(programs),
        progressLines: (output.match(PROGRESS_LINE) ?? []).length,
        lastProgressLine: (output.match(PROGRESS_LINE) ?? []).pop(),
    };
}

/** A YAML project in a fresh directory, its program written from SPEC; `write` rewrites it after SPEC changes. */
async function yamlStack(name: string, front: Front, spec: BenchSpec, env: Record<string, string>, backend: string | undefined) {
    const { dir, backendUrl } = freshProjectDir(name, backend);
    const files = () =>
        front === "yaml" ? { "Pulumi.yaml": yamlProgram(spec, name, backendUrl) } : yamlSetProgram(spec, name, "test", backendUrl, front === "set-yaml" ? "literal" : "config");
    const write = () => Object.entries(files()).forEach(([file, text]) => fs.writeFileSync(path.join(dir, file), text));
    write();
    const stack = await LocalWorkspace.createOrSelectStack({ stackName: "test", workDir: dir }, { envVars: pulumiEnv(dir, env) });
    return { stack, write };
}

/**
 * A stack whose program is in another language: the workspace here does what needs no program
 * (plugin install, export, import); each phase runs the program, which reads its users from a spec
 * file that `write` rewrites after SPEC changes.
 */
async function otherLanguageStack(name: string, front: Front, spec: BenchSpec, env: Record<string, string>, backend: string | undefined) {
    const { command, runtime } = OTHER_LANGUAGE[front]!;
    const { dir, backendUrl } = freshProjectDir(name, backend);
    const specFile = path.join(dir, "bench-spec.json");
    const write = () =>
        fs.writeFileSync(specFile, JSON.stringify({ project: name, stack: "test", workDir: dir, backendUrl, userPoolId: spec.userPoolId, sets: setsOf(spec) }));
    write();
    const stack = await LocalWorkspace.createOrSelectStack(
        { stackName: "test", workDir: dir },
        { projectSettings: { name, runtime, backend: { url: backendUrl } }, envVars: pulumiEnv(dir, env) },
    );
    const run = (operation: string) => (onOutput: (text: string) => void) =>
        new Promise<void>((resolve, reject) => {
            const [program, ...args] = command();
            const child = spawn(program, [...args, specFile, operation], { cwd: dir, env: { ...process.env, ...stack.workspace.envVars }, stdio: ["ignore", "pipe", "pipe"] });
            let errors = "";
            child.stdout.setEncoding("utf8").on("data", (text: string) => onOutput(text));
            child.stderr.setEncoding("utf8").on("data", (text: string) => (errors += text));
            child.on("error", reject);
            child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${front} ${operation} exited with ${code}: ${errors.slice(-2000)}`))));
        });
    return { stack, write, run };
}

type Operation = (onOutput: (text: string) => void) => Promise<unknown>;

/** Each phase's run of an inline Node.js program or a YAML project, through the Automation API. */
function automationOperation(stack: Stack, phase: Phase): Operation {
    return {
        up: (onOutput: (text: string) => void) => stack.up({ onOutput }),
        "preview --refresh": (onOutput: (text: string) => void) => stack.preview({ refresh: true, expectNoChanges: true, onOutput }),
        "change: preview": (onOutput: (text: string) => void) => stack.preview({ onOutput }),
        "change: up": (onOutput: (text: string) => void) => stack.up({ onOutput }),
        "up --refresh": (onOutput: (text: string) => void) => stack.up({ refresh: true, onOutput }),
        "adopt: up": (onOutput: (text: string) => void) => stack.up({ onOutput }),
        destroy: (onOutput: (text: string) => void) => stack.destroy({ onOutput }),
    }[phase];
}

/** The operation each phase asks of a program in another language (scripts/bench/programs/). */
const OTHER_LANGUAGE_OPERATION: Record<Phase, string> = {
    up: "up",
    "preview --refresh": "preview-refresh",
    "change: preview": "preview",
    "change: up": "up",
    "up --refresh": "up-refresh",
    "adopt: up": "up",
    destroy: "destroy",
};

/** The stack's state without its resources, as `pulumi state delete` of each leaves it: Cognito is untouched. */
async function forgetResources(stack: Stack): Promise<void> {
    const state = await stack.exportStack();
    state.deployment.resources = [];
    await stack.importStack(state);
}

/** What a phase needs of a stack besides its operations: forgetting its resources, and the state's size. */
interface StackHooks {
    forget(): Promise<void>;
    stateBytes(): number;
}

function pulumiHooks(stack: Stack): StackHooks {
    return { forget: () => forgetResources(stack), stateBytes: () => Buffer.byteLength(cli(stack, ["stack", "export"]).output) };
}

async function runStack(
    stack: StackHooks,
    spec: BenchSpec,
    proxy: CognitoProxy,
    front: Front,
    programChanged: () => void,
    phases: readonly Phase[],
    operationOf: (phase: Phase) => Operation,
): Promise<{ results: Partial<Record<Phase, Measurement>>; stateBytes: number }> {
    const results: Partial<Record<Phase, Measurement>> = {};
    let stateBytes = 0;
    for (const phase of phases) {
        if (phase === "change: preview") {
            spec.flipped = spec.usernames[Math.floor(spec.usernames.length / 2)];
            programChanged();
        }
        if (phase === "adopt: up" && phases[0] !== phase) {
            await stack.forget();
        }
        const operation = operationOf(phase);
        const result = await measure(proxy, front, operation);
        results[phase] = result;
        if (phase === phases[0]) {
            stateBytes = stack.stateBytes();
        }
        const progress = result.lastProgressLine === undefined ? "" : `; ${result.progressLines} progress lines, the last: ${result.lastProgressLine}`;
        console.error(`  ${phase}: ${result.seconds.toFixed(1)} s (floor ${result.floorSeconds.toFixed(1)} s)${result.failed ? " FAILED" : ""}${progress}`);
    }
    return { results, stateBytes };
}

/** The table's rows of one front end's run, a phase a row. */
function tableRows(front: Front, variant: string, phases: readonly Phase[], results: Partial<Record<Phase, Measurement>>, stateBytes: number): string[] {
    return phases.map((phase) => {
        const r = results[phase]!;
        // A floor under a second (a one-user change) makes no meaningful ratio.
        const ratio = r.floorSeconds >= 1 ? (r.seconds / r.floorSeconds).toFixed(2) : "-";
        return `| ${front} | ${variant} | ${phase} | ${r.seconds.toFixed(1)} | ${r.floorSeconds.toFixed(1)} | ${ratio} | ${r.writes} / ${r.reads} | ${r.throttled} | ${r.cliPeakMb.toFixed(0)} | ${r.cliCpuSeconds.toFixed(1)} | ${r.providerPeakMb.toFixed(0)} | ${r.providerCpuSeconds.toFixed(1)} | ${r.programPeakMb.toFixed(0)} | ${r.programCpuSeconds.toFixed(1)} | ${phase === phases[0] ? (stateBytes / 1e6).toFixed(1) : ""} | ${r.failed ? "FAILED" : ""} |`;
    });
}

async function main(): Promise<void> {
    const sizes = list("n", "1000,2000").map(Number);
    const fronts = list("fronts", "native,dynamic") as Front[];
    const checkpoints = list("checkpoints", "on,off");
    // The program's Error.stackTraceLimit (V8's default is 10): @pulumi/pulumi formats a stack trace
    // for every promise it tracks, over half of the program's CPU per resource.
    const defaultLimit = String(Error.stackTraceLimit);
    const stackTraceLimits = list("stack-trace-limit", defaultLimit);
    const traced = (limit: string) => (stackTraceLimits.length > 1 || limit !== "10" ? `, stack traces ${limit}` : "");
    const backend = option("backend", "file");
    const readOnly = option("read-only", "false") === "true";
    // `--skip-phases "up --refresh,destroy"`: a long run leaves out phases that another one measures.
    const skipped = list("skip-phases", "");
    const phases = (readOnly ? READ_ONLY_PHASES : PHASES).filter((phase) => !skipped.includes(phase));
    const cliVersion = (await import("node:child_process")).execFileSync("pulumi", ["version"], { encoding: "utf8" }).trim();
    const emulator = await startEmulator();
    const proxy = await startCognitoProxy(emulator.endpoint);
    const env = { ...emulator.env, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: proxy.endpoint };
    const all: Record<string, unknown> = { cliVersion, backend };
    const out = path.join(RESULTS_DIR, `bench-large-${backend}-${sizes.join("_")}-${checkpoints.join("_")}${traced(stackTraceLimits.join("_")).replace(/\W+/g, "-")}.json`);
    try {
        for (const n of sizes) {
            await emulator.reset();
            const started = Date.now();
            const { userPoolId, usernames } = await createUsers(emulator, n);
            console.error(`N = ${n}: ${n} users created in ${((Date.now() - started) / 1000).toFixed(0)} s`);
            proxy.setRateLimits(QUOTA);
            const rows: string[] = [];
            for (const front of fronts) {
                // The stack trace limit is the Node.js program's: a YAML program runs once per setting.
                const limits = isYaml(front) ? [defaultLimit] : stackTraceLimits;
                for (const [setting, limit] of checkpoints.flatMap((setting) => limits.map((limit) => [setting, limit]))) {
                    Error.stackTraceLimit = Number(limit);
                    const variant = `${setting}${isYaml(front) ? "" : traced(limit)}`;
                    const label = `${front}, checkpoints ${variant}`;
                    console.error(`N = ${n}, ${label}, ${backend} backend, CLI ${cliVersion}`);
                    // Read-only: the program declares the users as they are made, SMS off.
                    const shards = front.endsWith("-shards") ? Number(option("shards", "10")) : 1;
                    const spec: BenchSpec = { kind: PROGRAM_KIND[front], userPoolId, usernames, preferred: true, awsCli: "aws", smsEnabled: !readOnly, shards };
                    const name = `large-${front}-${n}-${variant.replace(/\W+/g, "-")}`;
                    const backendUrl = backend === "s3" ? await s3Backend(emulator, name) : undefined;
                    const skip: Record<string, string> = setting === "off" ? { PULUMI_SKIP_CHECKPOINTS: "true" } : {};
                    const stackEnv = { ...env, ...skip };
                    if (front === "set-terraform") {
                        const terraform = await terraformStack(freshProjectDir(name, undefined).dir, spec, stackEnv);
                        const { results, stateBytes } = await runStack(terraform, spec, proxy, front, terraform.write, phases, terraform.operationOf);
                        all[`${n} ${label}`] = { results, stateBytes };
                        fs.writeFileSync(out, JSON.stringify(all, null, 1));
                        rows.push(...tableRows(front, variant, phases, results, stateBytes));
                        continue;
                    }
                    const other = OTHER_LANGUAGE[front] === undefined ? undefined : await otherLanguageStack(name, front, spec, stackEnv, backendUrl);
                    const { stack, write } =
                        other ??
                        (isYaml(front)
                            ? await yamlStack(name, front, spec, stackEnv, backendUrl)
                            : { stack: await freshStack({ name, program: benchProgram(spec), env: stackEnv, backendUrl }), write: () => undefined });
                    if (front !== "dynamic") {
                        installPlugin(stack);
                    }
                    const operationOf = (phase: Phase) => (other === undefined ? automationOperation(stack, phase) : other.run(OTHER_LANGUAGE_OPERATION[phase]));
                    const { results, stateBytes } = await runStack(pulumiHooks(stack), spec, proxy, front, write, phases, operationOf);
                    all[`${n} ${label}`] = { results, stateBytes };
                    fs.writeFileSync(out, JSON.stringify(all, null, 1));
                    rows.push(...tableRows(front, variant, phases, results, stateBytes));
                }
            }
            proxy.setRateLimits(undefined);
            console.log(`\n### N = ${n} (${backend} backend, CLI ${cliVersion}; quotas enforced: ${QUOTA.write} writes/s, ${QUOTA.read} reads/s)\n`);
            console.log("| front end | checkpoints | phase | seconds | quota floor (s) | ratio | writes / reads | throttled | CLI peak MB | CLI CPU s | provider peak MB | provider CPU s | program peak MB | program CPU s | state MB | |");
            console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            console.log(rows.join("\n"));
        }
    } finally {
        await proxy.close();
        await emulator.stop();
    }
    console.log(`\nraw results: ${out}`);
}

main().catch((error: Error) => {
    console.error(error);
    process.exit(1);
});
