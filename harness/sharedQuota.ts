// Stacks that share Cognito's account-wide quotas: pools of users without MFA, one pool resource
// per pool that turns SMS on for every user (a write each), and `up` of several stacks at once
// through the engine, measured at the strict Cognito, whose buckets are the account's.

import type { Stack } from "@pulumi/pulumi/automation";
import type { Pool } from "./fixtures";
import { installedPackage } from "./installedPackage";
import type { Emulator } from "./moto";
import { freshStack } from "./pulumi";

/** A stack of one UserMfaPreferenceSet that turns SMS on for every one of USERNAMES. */
export function smsForEveryUser(emulator: Emulator, name: string, pool: Pool, usernames: string[]): Promise<Stack> {
    const users = Object.fromEntries(usernames.map((username) => [username, { smsMfa: { enabled: true } }]));
    const program = async () => {
        new installedPackage.UserMfaPreferenceSet(name, { userPoolId: pool.userPoolId, users });
    };
    return freshStack({ name, program, env: emulator.env });
}

export interface SharedRun {
    /** From the first `up` started to the last one ended. */
    seconds: number;
    /** Per stack: an error message, or undefined when its `up` succeeded. */
    failures: (string | undefined)[];
    writesAdmitted: number;
    writesThrottled: number;
    /**
     * Writes asked for (admitted and throttled) a second, from the first to the last admitted,
     * beyond the bucket's first second (it starts full, and lets 25 more through at once).
     */
    writesPerSecond: number;
}

/** Runs `up` of every stack at once, counting at the strict Cognito. */
export async function upAtOnce(emulator: Emulator, stacks: Stack[]): Promise<SharedRun> {
    await emulator.strict.reset();
    const started = Date.now();
    const failures = await Promise.all(stacks.map((stack) => stack.up().then(() => undefined, (error: Error) => error.message)));
    const seconds = (Date.now() - started) / 1000;
    const stats = await emulator.strict.stats();
    const writesAdmitted = stats.admitted.write ?? 0;
    const span = ((stats.lastAdmittedAt ?? 0) - (stats.firstAdmittedAt ?? 0)) / 1000;
    return { seconds, failures, writesAdmitted, writesThrottled: stats.throttled.write ?? 0, writesPerSecond: span > 0 ? Math.max(0, writesAdmitted + (stats.throttled.write ?? 0) - 25) / span : 0 };
}
