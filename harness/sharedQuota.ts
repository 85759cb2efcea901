// Stacks that share Cognito's account-wide quotas: pools of users without MFA, one pool resource
// per pool that turns SMS on for every user (a write each), and `up` of several stacks at once
// through the engine, measured at the strict Cognito, whose buckets are the account's.

import { AdminCreateUserCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { Stack } from "@pulumi/pulumi/automation";
import { createPool, type Pool } from "./fixtures";
import { installedPackage } from "./installedPackage";
import type { Emulator } from "./moto";
import { freshStack } from "./pulumi";

/** A pool of COUNT users with a phone number and no MFA, made 25 at a time. */
export async function poolWithoutMfa(client: CognitoIdentityProviderClient, name: string, count: number): Promise<{ pool: Pool; usernames: string[] }> {
    const pool = await createPool(client, name);
    const usernames = Array.from({ length: count }, (_, index) => `user${String(index).padStart(5, "0")}`);
    for (let start = 0; start < count; start += 25) {
        await Promise.all(
            usernames
                .slice(start, start + 25)
                .map((username) =>
                    client.send(new AdminCreateUserCommand({ UserPoolId: pool.userPoolId, Username: username, MessageAction: "SUPPRESS", UserAttributes: [{ Name: "phone_number", Value: "+15555550100" }] })),
                ),
        );
    }
    return { pool, usernames };
}

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
