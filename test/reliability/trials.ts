// What the interruption trials share: an `up` in a process of its own (upDriver.ts) that a
// signal interrupts, a watch over every process that run starts, and the recovery a user makes.

import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { AdminCreateUserCommand, AdminGetUserCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { Stack } from "@pulumi/pulumi/automation";
import type { CognitoProxy } from "../../harness/cognitoProxy";
import { adminClient, createPool, type Pool } from "../../harness/fixtures";
import { installedPackage } from "../../harness/installedPackage";
import type { Emulator } from "../../harness/moto";
import { installPlugin } from "../../harness/nativePlugin";
import { cli, freshStack } from "../../harness/pulumi";
import { isDynamicProviderHost, isNativePlugin, isPulumiCli, killAll, processesMarked, ProcessWatch, type ProcessInfo } from "../../harness/processes";

/** The call that writes a user's MFA, as the proxy counts it. */
export const WRITE = "AdminSetUserMFAPreference";

/** Every process of a trial inherits this variable (support/processes.ts says why). */
const TRIAL_MARKER = "COGNITO_MFA_TRIAL";
/** How long the processes of an ended run may take to go. */
export const GONE_WITHIN_MS = 5_000;

export interface Users {
    cognito: CognitoIdentityProviderClient;
    pool: Pool;
    usernames: string[];
}

export const usernamesFor = (n: number) => Array.from({ length: n }, (_, index) => `user${index}`);

export async function createUsers(emulator: Emulator, n: number): Promise<Users> {
    const cognito = adminClient(emulator.endpoint);
    const pool = await createPool(cognito);
    const usernames = usernamesFor(n);
    await Promise.all(usernames.map((username) => cognito.send(new AdminCreateUserCommand({ UserPoolId: pool.userPoolId, Username: username, MessageAction: "SUPPRESS", UserAttributes: [{ Name: "phone_number", Value: "+15555550100" }] }))));
    return { cognito, pool, usernames };
}

/**
 * Which provider serves the trials' resources: the npm package's dynamic provider (run by
 * @pulumi/pulumi's dynamic provider host), the native plugin through its generated Node.js SDK
 * (installed only in the native leg's program, so loaded only when asked for), or the npm
 * package's pool resource, one UserMfaPreferenceSet of every user (`set`, a dynamic provider too),
 * or the native plugin's (`native-set`).
 */
export type ProviderKind = "dynamic" | "native" | "set" | "native-set";

const isNative = (kind: ProviderKind) => kind === "native" || kind === "native-set";

/** The provider's own processes, among a run's. */
export const isProvider = (kind: ProviderKind) => (isNative(kind) ? isNativePlugin : isDynamicProviderHost);

/** The program of every trial: each user's SMS MFA enabled, preferred or not. */
export function smsProgram(userPoolId: string, usernames: string[], preferred: () => boolean, kind: ProviderKind = "dynamic") {
    return async () => {
        if (kind === "set" || kind === "native-set") {
            const users = Object.fromEntries(usernames.map((username) => [username, { smsMfa: { enabled: true, preferred: preferred() } }]));
            /* eslint-disable-next-line @typescript-eslint/no-require-imports */
            const resources = kind === "set" ? installedPackage : (require("pulumi-cognito-mfa-native") as typeof import("pulumi-cognito-mfa-native"));
            new resources.UserMfaPreferenceSet("users", { userPoolId, users });
            return;
        }
        /* eslint-disable-next-line @typescript-eslint/no-require-imports */
        const UserMfaPreference = kind === "native" ? (require("pulumi-cognito-mfa-native") as typeof import("pulumi-cognito-mfa-native")).UserMfaPreference : installedPackage.UserMfaPreference;
        for (const username of usernames) {
            new UserMfaPreference(username, { userPoolId, username, smsMfa: { enabled: true, preferred: preferred() } });
        }
    };
}

export interface Trials {
    users: Users;
    stack: Stack;
    /** What the program declares; each trial flips it, so every `up` updates every resource. */
    program: { preferred: boolean };
    /** How long an uninterrupted update of every resource takes, to pick interruption points within it. */
    fullRunMs: number;
    kind: ProviderKind;
}

/**
 * A stack of NAME, not yet run, whose program declares every one of USERS through the KIND of
 * provider (the native plugin installed from its tarball into the stack's PULUMI_HOME), SMS
 * preferred; with PROXY, the provider reaches Cognito through it.
 */
export async function trialStack(emulator: Emulator, name: string, users: Users, kind: ProviderKind, proxy?: CognitoProxy): Promise<Pick<Trials, "stack" | "program">> {
    const program = { preferred: true };
    const env = proxy === undefined ? emulator.env : { ...emulator.env, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: proxy.endpoint };
    const stack = await freshStack({ name, program: smsProgram(users.pool.userPoolId, users.usernames, () => program.preferred, kind), env });
    if (isNative(kind)) {
        installPlugin(stack);
    }
    return { stack, program };
}

/**
 * N users, a stack of NAME that manages them through the KIND of provider (the native plugin
 * installed from its tarball into the stack's PULUMI_HOME), created and then updated once, timed.
 * With PROXY, the provider reaches Cognito through it, so that the trials can count writes.
 */
export async function prepareTrials(emulator: Emulator, name: string, n: number, kind: ProviderKind = "dynamic", proxy?: CognitoProxy): Promise<Trials> {
    const users = await createUsers(emulator, n);
    const { stack, program } = await trialStack(emulator, name, users, kind, proxy);
    await stack.up();
    program.preferred = !program.preferred;
    const started = Date.now();
    await stack.up();
    return { users, stack, program, fullRunMs: Date.now() - started, kind };
}

export interface TrialOptions {
    trial: string;
    stack: Stack;
    users: Users;
    preferred: boolean;
    /** The provider of prepareTrials; default dynamic. */
    kind?: ProviderKind;
    /** What the run does; default an `up`. */
    operation?: "up" | "destroy";
    /**
     * From CLOCK: the moment the CLI runs, the first step on a user's resource (the provider has
     * loaded this package), or the moment PROXY has passed that many of the run's writes.
     */
    delayMs: number;
    clock: "cli" | "first update" | { afterWrites: number };
    /** The proxy the stack's provider reaches Cognito through (prepareTrials): the run's writes are counted there. */
    proxy?: CognitoProxy;
    /** Sends the signal, given the driver (the program's process) and the CLI it started. */
    interrupt: (driverPid: number, cliPids: number[]) => void;
}

export interface TrialRun {
    /** Whether the `up` succeeded (before the signal, or in spite of it). */
    completed: boolean;
    signalled: boolean;
    /** The run's processes alive when the signal was sent. */
    aliveAtSignal: ProcessInfo[];
    /** With a proxy: the run's writes (AdminSetUserMFAPreference) it had passed when the signal was sent, and in all. */
    writesAtSignal?: number;
    writes?: number;
    /** From the signal until the last process of the run was gone. */
    goneAfterMs?: number;
    /** Every process the run started, with its peak memory. */
    processes: ProcessInfo[];
    /** Processes of the run still alive GONE_WITHIN_MS after it ended (they are then killed). */
    survivors: ProcessInfo[];
}

export async function interruptedUp(options: TrialOptions): Promise<TrialRun> {
    const { stack, users } = options;
    const driver = spawn(
        process.execPath,
        [
            "-r",
            "ts-node/register/transpile-only",
            path.join(__dirname, "upDriver.ts"),
            stack.workspace.workDir,
            users.pool.userPoolId,
            String(options.preferred),
            String(users.usernames.length),
            options.kind ?? "dynamic",
            options.operation ?? "up",
        ],
        { env: { ...process.env, ...stack.workspace.envVars, [TRIAL_MARKER]: options.trial }, detached: true, stdio: ["ignore", "pipe", "ignore"] },
    );
    // upDriver.ts prints a line at its first step on a user's resource.
    let updating = false;
    driver.stdout!.on("data", () => (updating = true));
    const watch = new ProcessWatch(() => processesMarked(TRIAL_MARKER, options.trial));
    let done = false;
    const exited = new Promise<number | null>((resolve) => driver.once("exit", (code) => ((done = true), resolve(code))));
    const { clock, proxy } = options;
    const writesBefore = proxy?.received.get(WRITE) ?? 0;
    const writes = () => (proxy === undefined ? undefined : (proxy.received.get(WRITE) ?? 0) - writesBefore);
    if (typeof clock === "object" && proxy === undefined) {
        throw new Error("a clock that counts writes needs the proxy that sees them");
    }
    const clockStarted = () => (clock === "cli" ? watch.sample().some(isPulumiCli) : clock === "first update" ? updating : writes()! >= clock.afterWrites);
    while (!done && !clockStarted()) {
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
    let signalledAt: number | undefined;
    let aliveAtSignal: ProcessInfo[] = [];
    let writesAtSignal: number | undefined;
    const timer = setTimeout(() => {
        if (!done) {
            aliveAtSignal = watch.sample();
            writesAtSignal = writes();
            signalledAt = Date.now();
            options.interrupt(driver.pid!, aliveAtSignal.filter(isPulumiCli).map((info) => info.pid));
        }
    }, options.delayMs);
    const code = await exited;
    clearTimeout(timer);
    const survivors = await watch.untilGone(GONE_WITHIN_MS);
    const goneAfterMs = signalledAt === undefined || survivors.length > 0 ? undefined : Date.now() - signalledAt;
    watch.stop();
    killAll(survivors);
    return { completed: code === 0, signalled: signalledAt !== undefined, aliveAtSignal, writesAtSignal, writes: writes(), goneAfterMs, processes: watch.processes, survivors };
}

/** How the run ended, for the trials' tables. */
export function outcome(run: TrialRun): string {
    if (!run.completed) {
        return "interrupted";
    }
    return run.signalled ? "completed in spite of the signal" : "completed before the signal";
}

/** The peak memory of the run's provider processes (dynamic provider hosts by default), in MB. */
export function providerPeakRssMb(run: TrialRun, kind: ProviderKind = "dynamic"): number {
    return Math.max(0, ...run.processes.filter(isProvider(kind)).map((info) => info.peakRssKb / 1024));
}

export function assertNoSurvivors(run: TrialRun, trial: string): void {
    assert.deepEqual(
        run.survivors.map((info) => `${info.pid} ${info.command}`),
        [],
        `${trial}: processes of the run still alive ${GONE_WITHIN_MS} ms after it ended`,
    );
}

/** A provider host serving 50 users peaks at about 150 MB; the reported orphan reached 4.2 GB. */
export const RSS_BOUND_MB = 256;

export interface OrphanTrialsOptions {
    emulator: Emulator;
    /** The stack's name, and each trial's label prefix. */
    name: string;
    kind: ProviderKind;
    /** Resources of the `up`. */
    n: number;
    trials: number;
    random: () => number;
}

/**
 * The CLI killed alone (SIGKILL to `pulumi`, not to its process group) at random points of an
 * `up`, after its first update (the provider is at work). A trial counts only if a provider
 * process was running when the CLI was killed; one where it was not (the run had completed, or its
 * provider had already ended) proves nothing about the provider, and is reported as not counting,
 * without a memory figure. In every trial no process of the run may outlive it by GONE_WITHIN_MS;
 * in a counting one, every process is gone within GONE_WITHIN_MS of the kill and the provider's
 * peak memory, seen while it ran, stays under RSS_BOUND_MB. The user's recovery must converge
 * every time, and at least one trial must count.
 */
export async function orphanTrials(options: OrphanTrialsOptions): Promise<void> {
    const { kind, random } = options;
    const { users, stack, program, fullRunMs } = await prepareTrials(options.emulator, options.name, options.n, kind);
    const isProviderProcess = isProvider(kind);

    const rows: string[] = [];
    let counted = 0;
    for (let trial = 1; trial <= options.trials; trial++) {
        const label = `${kind} trial ${trial}`;
        const preferred = (program.preferred = !program.preferred);
        // Within the provider's work: from its first update on.
        const delayMs = Math.round(random() * fullRunMs * 0.7);
        const run = await interruptedUp({
            trial: `${options.name}-${trial}`,
            stack,
            users,
            preferred,
            kind,
            delayMs,
            clock: "first update",
            interrupt: (_driverPid, cliPids) => cliPids.forEach((pid) => process.kill(pid, "SIGKILL")),
        });
        assertNoSurvivors(run, label);
        const killedCli = run.aliveAtSignal.some(isPulumiCli);
        const providersAtKill = run.aliveAtSignal.filter(isProviderProcess).length;
        const counts = killedCli && providersAtKill > 0;
        let peak = "-";
        let ran: string;
        if (counts) {
            counted += 1;
            const peakMb = providerPeakRssMb(run, kind);
            assert.ok(peakMb > 0, `${label}: a provider process ran at the kill, but its memory was never read`);
            assert.ok(peakMb < RSS_BOUND_MB, `${label}: a provider process reached ${peakMb.toFixed(0)} MB`);
            assert.ok(
                run.goneAfterMs !== undefined && run.goneAfterMs <= GONE_WITHIN_MS,
                `${label}: the run's processes were not all gone within ${GONE_WITHIN_MS} ms of the kill (${run.goneAfterMs ?? "never"})`,
            );
            peak = `${peakMb.toFixed(0)} MB`;
            ran = run.completed ? `completed in spite of the kill, ${providersAtKill} provider process(es) running` : `interrupted, ${providersAtKill} provider process(es) running`;
        } else {
            ran = !run.signalled
                ? "not counting: the run completed before the kill"
                : `not counting: no ${killedCli ? "provider process" : "CLI"} ran at the kill (${outcome(run)})`;
        }
        const recovery = await recoverAndCheck(label, stack, users, preferred);
        rows.push(`| ${trial} | ${delayMs} ms | ${ran} | ${counts ? `${run.goneAfterMs} ms` : "-"} | ${peak} | ${recovery} | converged |`);
    }
    console.log(
        `\n${kind} provider, full update: ${fullRunMs} ms\n| trial | SIGKILL to the CLI at | run | all processes gone after | provider peak RSS | recovery | result |\n|---|---|---|---|---|---|---|\n${rows.join("\n")}`,
    );
    assert.ok(counted > 0, `no ${kind} trial killed the CLI while a provider process ran: the trials proved nothing`);
}

export interface SetKillTrialsOptions {
    /** Each trial's label prefix. */
    name: string;
    /** A pool resource's stack (kind `set` or `native-set`) whose provider reaches Cognito through PROXY. */
    trials: Pick<Trials, "users" | "stack" | "program" | "kind">;
    proxy: CognitoProxy;
    count: number;
    random: () => number;
}

/**
 * The pool resource's `up` killed midway: SIGKILL to the CLI and its program together (a runner
 * that dies) after a random number of the run's writes, COUNT times. One resource holds every
 * user, so a kill lands inside one provider call that has written some users and not others; the
 * proxy counts the writes, and a trial must be killed midway through them. After each, every
 * process the run started is gone (the plugin or provider host included: it is in a process group
 * of its own, which the signal does not reach), and the user's recovery (`up --refresh`) converges.
 */
export async function setKillTrials(options: SetKillTrialsOptions): Promise<void> {
    const { users, stack, program, kind } = options.trials;
    const n = users.usernames.length;
    const rows: string[] = [];
    let killedMidway = 0;
    for (let trial = 1; trial <= options.count; trial++) {
        const preferred = (program.preferred = !program.preferred);
        const afterWrites = 1 + Math.floor(options.random() * (n - 1));
        const run = await interruptedUp({
            trial: `${options.name}-${trial}`,
            stack,
            users,
            preferred,
            kind,
            delayMs: 0,
            clock: { afterWrites },
            proxy: options.proxy,
            interrupt: (driverPid) => process.kill(-driverPid, "SIGKILL"),
        });
        assertNoSurvivors(run, `trial ${trial}`);
        assert.ok(
            run.signalled && run.writesAtSignal! < n,
            `trial ${trial}: SIGKILL after write ${afterWrites} was to land midway through the writes, but ${run.signalled ? `${run.writesAtSignal} of ${n} were written by then` : "the run ended first"}`,
        );
        killedMidway += run.completed ? 0 : 1;
        const recovery = await recoverAndCheck(`trial ${trial}`, stack, users, preferred, "file", kind);
        rows.push(`| ${trial} | SIGKILL after write ${afterWrites} | ${run.writesAtSignal} / ${run.writes} of ${n} | ${outcome(run)} | ${recovery} | converged |`);
    }
    console.log(`\n${kind} provider, SIGKILL midway\n| trial | signal | writes at signal / in all | run | recovery | result |\n|---|---|---|---|---|---|\n${rows.join("\n")}`);
    assert.ok(killedMidway > 0, "no trial was killed midway: the trials proved nothing");
}

/**
 * A killed CLI leaves its lock on a file backend (which has no `pulumi cancel`): the error names
 * the lock file, and once the run is known to be dead, deleting it is the documented way on.
 */
function removeStaleLocks(stack: Stack): number {
    const locks = path.join(stack.workspace.workDir, "state", ".pulumi", "locks");
    if (!fs.existsSync(locks)) {
        return 0;
    }
    const files = fs.readdirSync(locks, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    files.forEach((entry) => fs.rmSync(path.join(entry.parentPath, entry.name)));
    return files.length;
}

/**
 * On S3 a killed CLI's lock stays in the bucket too. `pulumi cancel`, which the lock's error
 * message names, deletes the stack's lock objects (the self-managed backend's
 * CancelCurrentUpdate), and does nothing when there are none.
 */
function cancelOnS3(stack: Stack): void {
    const cancelled = cli(stack, ["cancel", "--yes"]);
    assert.equal(cancelled.status, 0, cancelled.output);
}

/**
 * The file backend (gocloud.dev's fileblob) writes a checkpoint's `.attrs` file in place
 * (blob/fileblob/attrs.go, setAttrs: os.Create, then write). A CLI killed between the two leaves
 * it empty, and every command then fails with "failed to load checkpoint: EOF". A missing `.attrs`
 * file reads as defaults, so deleting the empty one is the way on.
 */
function removeEmptyAttributeFiles(stack: Stack): number {
    const state = path.join(stack.workspace.workDir, "state", ".pulumi");
    const empty = fs
        .readdirSync(state, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith(".attrs"))
        .map((entry) => path.join(entry.parentPath, entry.name))
        .filter((file) => fs.statSync(file).size === 0);
    empty.forEach((file) => fs.rmSync(file));
    return empty.length;
}

/** What a user does after an interrupted update: drop the pending operations Pulumi recorded. */
async function clearPendingOperations(stack: Stack): Promise<number> {
    const state = await stack.exportStack();
    const pending = state.deployment.pending_operations?.length ?? 0;
    if (pending > 0) {
        state.deployment.pending_operations = [];
        await stack.importStack(state);
    }
    return pending;
}

/**
 * The recovery after an interrupted run, then the proof that it converged: every user matches
 * the program in Cognito, and a refreshed preview is clean. Returns what had to be cleared.
 */
export async function recoverAndCheck(trial: string, stack: Stack, users: Users, preferred: boolean, backend: "file" | "s3" = "file", kind: ProviderKind = "dynamic"): Promise<string> {
    if (backend === "s3") {
        cancelOnS3(stack);
    }
    const locks = backend === "file" ? removeStaleLocks(stack) : 0;
    const emptyAttributes = backend === "file" ? removeEmptyAttributeFiles(stack) : 0;
    const pending = await clearPendingOperations(stack);
    await stack.up({ refresh: true });
    for (const username of users.usernames) {
        const user = await users.cognito.send(new AdminGetUserCommand({ UserPoolId: users.pool.userPoolId, Username: username }));
        assert.equal(user.PreferredMfaSetting || undefined, preferred ? "SMS_MFA" : undefined, `${trial}: ${username}`);
        assert.deepEqual(user.UserMFASettingList, ["SMS_MFA"], `${trial}: ${username}`);
    }
    const resources = kind === "set" || kind === "native-set" ? 1 : users.usernames.length;
    assert.deepEqual((await stack.preview({ refresh: true, expectNoChanges: true })).changeSummary, { same: resources + 1 });
    const attributes = emptyAttributes ? `, ${emptyAttributes} empty .attrs file removed` : "";
    const unlocked = backend === "file" ? `${locks} stale locks removed` : "pulumi cancel";
    return `${unlocked}${attributes}, ${pending} pending operations cleared`;
}
