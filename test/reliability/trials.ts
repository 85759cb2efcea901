// What the interruption trials share: an `up` in a process of its own (upDriver.ts) that a
// signal interrupts, a watch over every process that run starts, and the recovery a user makes.

import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { AdminCreateUserCommand, AdminGetUserCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { Stack } from "@pulumi/pulumi/automation";
import { adminClient, createPool, type Pool } from "../support/fixtures";
import { installedPackage } from "../support/installedPackage";
import type { Emulator } from "../support/moto";
import { freshStack } from "../support/pulumi";
import { isDynamicProviderHost, isPulumiCli, killAll, processesMarked, ProcessWatch, type ProcessInfo } from "../support/processes";

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

async function createUsers(emulator: Emulator, n: number): Promise<Users> {
    const cognito = adminClient(emulator.endpoint);
    const pool = await createPool(cognito);
    const usernames = usernamesFor(n);
    await Promise.all(usernames.map((username) => cognito.send(new AdminCreateUserCommand({ UserPoolId: pool.userPoolId, Username: username, MessageAction: "SUPPRESS" }))));
    return { cognito, pool, usernames };
}

/** The program of every trial: each user's SMS MFA enabled, preferred or not. */
export function smsProgram(userPoolId: string, usernames: string[], preferred: () => boolean) {
    return async () => {
        for (const username of usernames) {
            new installedPackage.UserMfaPreference(username, { userPoolId, username, smsMfa: { enabled: true, preferred: preferred() } });
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
}

/** N users, a stack of NAME that manages them, created and then updated once, timed. */
export async function prepareTrials(emulator: Emulator, name: string, n: number): Promise<Trials> {
    const users = await createUsers(emulator, n);
    const program = { preferred: true };
    const stack = await freshStack({ name, program: smsProgram(users.pool.userPoolId, users.usernames, () => program.preferred), env: emulator.env });
    await stack.up();
    program.preferred = !program.preferred;
    const started = Date.now();
    await stack.up();
    return { users, stack, program, fullRunMs: Date.now() - started };
}

export interface TrialOptions {
    trial: string;
    stack: Stack;
    users: Users;
    preferred: boolean;
    /** From CLOCK: the moment the CLI runs, or the first update of a resource (the provider has loaded this package). */
    delayMs: number;
    clock: "cli" | "first update";
    /** Sends the signal, given the driver (the program's process) and the CLI it started. */
    interrupt: (driverPid: number, cliPids: number[]) => void;
}

export interface TrialRun {
    /** Whether the `up` succeeded (before the signal, or in spite of it). */
    completed: boolean;
    signalled: boolean;
    /** The run's processes alive when the signal was sent. */
    aliveAtSignal: ProcessInfo[];
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
        ["-r", "ts-node/register/transpile-only", path.join(__dirname, "upDriver.ts"), stack.workspace.workDir, users.pool.userPoolId, String(options.preferred), String(users.usernames.length)],
        { env: { ...process.env, ...stack.workspace.envVars, [TRIAL_MARKER]: options.trial }, detached: true, stdio: ["ignore", "pipe", "ignore"] },
    );
    // upDriver.ts prints a line at the first update of a resource.
    let updating = false;
    driver.stdout!.on("data", () => (updating = true));
    const watch = new ProcessWatch(() => processesMarked(TRIAL_MARKER, options.trial));
    let done = false;
    const exited = new Promise<number | null>((resolve) => driver.once("exit", (code) => ((done = true), resolve(code))));
    const clockStarted = () => (options.clock === "cli" ? watch.sample().some(isPulumiCli) : updating);
    while (!done && !clockStarted()) {
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
    let signalledAt: number | undefined;
    let aliveAtSignal: ProcessInfo[] = [];
    const timer = setTimeout(() => {
        if (!done) {
            aliveAtSignal = watch.sample();
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
    return { completed: code === 0, signalled: signalledAt !== undefined, aliveAtSignal, goneAfterMs, processes: watch.processes, survivors };
}

/** How the run ended, for the trials' tables. */
export function outcome(run: TrialRun): string {
    if (!run.completed) {
        return "interrupted";
    }
    return run.signalled ? "completed in spite of the signal" : "completed before the signal";
}

/** The peak memory of the run's dynamic provider hosts, in MB. */
export function providerPeakRssMb(run: TrialRun): number {
    return Math.max(0, ...run.processes.filter(isDynamicProviderHost).map((info) => info.peakRssKb / 1024));
}

export function assertNoSurvivors(run: TrialRun, trial: string): void {
    assert.deepEqual(
        run.survivors.map((info) => `${info.pid} ${info.command}`),
        [],
        `${trial}: processes of the run still alive ${GONE_WITHIN_MS} ms after it ended`,
    );
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
export async function recoverAndCheck(trial: string, stack: Stack, users: Users, preferred: boolean): Promise<string> {
    const locks = removeStaleLocks(stack);
    const emptyAttributes = removeEmptyAttributeFiles(stack);
    const pending = await clearPendingOperations(stack);
    await stack.up({ refresh: true });
    for (const username of users.usernames) {
        const user = await users.cognito.send(new AdminGetUserCommand({ UserPoolId: users.pool.userPoolId, Username: username }));
        assert.equal(user.PreferredMfaSetting || undefined, preferred ? "SMS_MFA" : undefined, `${trial}: ${username}`);
        assert.deepEqual(user.UserMFASettingList, ["SMS_MFA"], `${trial}: ${username}`);
    }
    assert.deepEqual((await stack.preview({ refresh: true, expectNoChanges: true })).changeSummary, { same: users.usernames.length + 1 });
    const attributes = emptyAttributes ? `, ${emptyAttributes} empty .attrs file removed` : "";
    return `${locks} stale locks removed${attributes}, ${pending} pending operations cleared`;
}
