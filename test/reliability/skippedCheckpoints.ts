// The trials of the large-pool configuration (README, "Large pools"): the CLI run with
// PULUMI_SKIP_CHECKPOINTS=true saves state only when a run ends, so a run that dies leaves the
// state it started from. Every write this resource makes is idempotent and create adopts, so the
// next `up --refresh` must converge from there. Each trial SIGKILLs, at a random point after the
// first step on a user, either the CLI alone or the CLI with its program (the process group, a
// runner that dies), during an `up` of every user from an empty stack or during a `destroy` of
// them all; then no process of the run may be left, and the recovery must converge (every user
// as declared in Cognito, a clean `preview --refresh --expect-no-changes`). On a file backend, or
// on S3 (moto's, the backend GitOps pipelines keep state in). At least one trial must have killed
// its run midway (some users written, not all), or the trials proved nothing.

import * as assert from "node:assert/strict";
import { seededRandom } from "../../harness/cognitoProxy";
import { userMfa } from "../../harness/fixtures";
import { s3Backend, startEmulator, type Emulator } from "../../harness/moto";
import { installPlugin } from "../../harness/nativePlugin";
import { freshStack } from "../../harness/pulumi";
import { assertNoSurvivors, createUsers, interruptedUp, outcome, recoverAndCheck, smsProgram, type ProviderKind } from "./trials";

export type Backend = "file" | "s3";

/** The provider's default pace of writes, Cognito's quota (provider/core). */
const WRITES_PER_SECOND = 25;

export interface SkippedCheckpointOptions {
    emulator: Emulator;
    name: string;
    kind: ProviderKind;
    backend: Backend;
    /** Users in the stack. */
    n: number;
    /** Trials; they cycle through up and destroy, each with the CLI killed alone and with its group. */
    trials: number;
    random: () => number;
}

const CASES = [
    { operation: "up", target: "CLI" },
    { operation: "destroy", target: "process group" },
    { operation: "up", target: "process group" },
    { operation: "destroy", target: "CLI" },
] as const;

export async function skippedCheckpointTrials(options: SkippedCheckpointOptions): Promise<void> {
    const { kind, backend, random } = options;
    const users = await createUsers(options.emulator, options.n);
    const backendUrl = backend === "s3" ? await s3Backend(options.emulator, options.name) : undefined;
    const program = smsProgram(users.pool.userPoolId, users.usernames, () => true, kind);
    const stack = await freshStack({ name: options.name, program, env: { ...options.emulator.env, PULUMI_SKIP_CHECKPOINTS: "true" }, backendUrl });
    if (kind === "native") {
        installPlugin(stack);
    }
    // How long each whole run takes, to pick the kill within it.
    const timed = async (run: () => Promise<unknown>) => ((started) => run().then(() => Date.now() - started))(Date.now());
    const fullMs = { up: await timed(() => stack.up()), destroy: await timed(() => stack.destroy()) };

    const rows: string[] = [];
    let midway = 0;
    for (let trial = 1; trial <= options.trials; trial++) {
        const { operation, target } = CASES[(trial - 1) % CASES.length];
        const label = `${kind} on ${backend}, trial ${trial}`;
        // An up starts from an empty stack, a destroy from a full one (the last recovery left it so).
        if (operation === "up") {
            await stack.destroy();
        }
        // Within the writes: the provider paces them at Cognito's 25 per second, from the first on.
        const delayMs = Math.round(random() * (options.n / WRITES_PER_SECOND) * 1000);
        const run = await interruptedUp({
            trial: `${options.name}-${trial}`,
            stack,
            users,
            preferred: true,
            kind,
            operation,
            delayMs,
            clock: "first update",
            interrupt: (driverPid, cliPids) => (target === "CLI" ? cliPids.forEach((pid) => process.kill(pid, "SIGKILL")) : process.kill(-driverPid, "SIGKILL")),
        });
        assertNoSurvivors(run, label);
        // How far the run got: the users it had written when it died.
        const enabled = (await Promise.all(users.usernames.map((username) => userMfa(users.cognito, users.pool.userPoolId, username)))).filter((mfa) => mfa.enabled.length > 0).length;
        const written = operation === "up" ? enabled : options.n - enabled;
        midway += !run.completed && written > 0 && written < options.n ? 1 : 0;
        const recovery = await recoverAndCheck(label, stack, users, true, backend);
        rows.push(`| ${trial} | ${operation} | SIGKILL to the ${target} at ${delayMs} ms | ${outcome(run)}, ${written} of ${options.n} users written | ${run.goneAfterMs ?? "-"} ms | ${recovery} | converged |`);
    }
    await stack.destroy();
    console.log(
        `\n${kind} provider, ${backend} backend, PULUMI_SKIP_CHECKPOINTS=true, ${options.n} users: full up ${fullMs.up} ms, full destroy ${fullMs.destroy} ms\n` +
            `| trial | run | kill | outcome | all processes gone after | recovery | result |\n|---|---|---|---|---|---|---|\n${rows.join("\n")}`,
    );
    assert.ok(midway > 0, `no ${kind} trial on ${backend} killed its run midway through the writes: the trials proved nothing`);
}

/**
 * The trials' suite for one front end: SKIPPED_CHECKPOINT_TRIALS per backend (CI: 4 on the file
 * backend, each operation with each kill once, and 2 on S3; the full run: 20 each), on
 * SKIPPED_CHECKPOINT_N users (50, two seconds of writes at Cognito's quota; the full run: 200).
 */
export function describeSkippedCheckpointTrials(kind: ProviderKind, seed: number): void {
    const n = Number(process.env.SKIPPED_CHECKPOINT_N ?? 50);
    const trials: Record<Backend, number> = {
        file: Number(process.env.SKIPPED_CHECKPOINT_TRIALS ?? 4),
        s3: Number(process.env.SKIPPED_CHECKPOINT_TRIALS ?? 2),
    };
    const subject = kind === "native" ? "native plugin" : "dynamic resource";
    describe(`${subject} with PULUMI_SKIP_CHECKPOINTS: killed runs (${trials.file} trials on a file backend, ${trials.s3} on S3, ${n} resources)`, function () {
        this.timeout(1_800_000);
        let emulator: Emulator;
        const random = seededRandom(seed);

        before(async () => {
            emulator = await startEmulator();
        });

        after(async () => {
            await emulator?.stop();
        });

        for (const backend of ["file", "s3"] as Backend[]) {
            it(`${backend} backend: every killed up or destroy converges with the next up --refresh, leaving no process`, async () => {
                const name = `${kind === "native" ? "native-" : ""}skipped-checkpoints-${backend}`;
                await skippedCheckpointTrials({ emulator, name, kind, backend, n, trials: trials[backend], random });
            });
        }
    });
}
