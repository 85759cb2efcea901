// Pools with many users: whose MFA was set out of band, in a fixed mix, for the scan's tests, the
// adoption story and the benchmark; and without MFA, for the benchmarks and the quota runs. Made
// through the real AWS SDK against the emulator.

import { AdminCreateUserCommand, AdminSetUserPasswordCommand, ListUsersCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { createPool, PASSWORD, setMfaOutOfBand, signIn, userMfa, verifyTotp, type Pool } from "./fixtures";

export interface PlannedUser {
    username: string;
    /** An AdminSetUserMFAPreference request's factor settings; empty: no MFA. */
    settings: Record<string, { Enabled: boolean; PreferredMfa?: boolean }>;
    /** TOTP needs a verified software token first. */
    totp: boolean;
}

const SMS = (preferred: boolean) => ({ SMSMfaSettings: { Enabled: true, PreferredMfa: preferred } });
const TOTP = (preferred: boolean) => ({ SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: preferred } });

/** By index modulo 10: three in ten without MFA, the rest SMS, TOTP or both, preferred or not. */
const MIX: PlannedUser["settings"][] = [{}, SMS(true), SMS(false), { ...TOTP(true), ...SMS(false) }, TOTP(false), {}, SMS(true), SMS(false), { ...SMS(true), ...TOTP(false) }, {}];

/** Usernames in the forms pools have: plain, email-like, and with characters a resource name cannot keep. */
export function plannedUser(index: number): PlannedUser {
    const number = String(index).padStart(5, "0");
    const username = index % 50 === 7 ? `ops:user-${number}` : index % 20 === 3 ? `user+${number}@example.com` : `user-${number}`;
    const settings = MIX[index % MIX.length];
    return { username, settings, totp: "SoftwareTokenMfaSettings" in settings };
}

export async function populatePool(client: CognitoIdentityProviderClient, pool: Pool, count: number, concurrency = 8): Promise<void> {
    let next = 0;
    const worker = async () => {
        for (let index = next++; index < count; index = next++) {
            await addUser(client, pool, plannedUser(index));
        }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
}

async function addUser(client: CognitoIdentityProviderClient, pool: Pool, user: PlannedUser): Promise<void> {
    const { username } = user;
    await client.send(
        new AdminCreateUserCommand({
            UserPoolId: pool.userPoolId,
            Username: username,
            MessageAction: "SUPPRESS",
            UserAttributes: [{ Name: "phone_number", Value: "+15555550100" }],
        }),
    );
    if (user.totp) {
        await client.send(new AdminSetUserPasswordCommand({ UserPoolId: pool.userPoolId, Username: username, Password: PASSWORD, Permanent: true }));
        await verifyTotp(client, { username, accessToken: await signIn(client, pool, username) });
    }
    if (Object.keys(user.settings).length > 0) {
        await setMfaOutOfBand(client, pool.userPoolId, username, user.settings);
    }
}

/** Every user's MFA as Cognito reports it, by username. */
export async function everyUsersMfa(client: CognitoIdentityProviderClient, userPoolId: string): Promise<Map<string, Awaited<ReturnType<typeof userMfa>>>> {
    const found = new Map<string, Awaited<ReturnType<typeof userMfa>>>();
    let token: string | undefined;
    do {
        const page = await client.send(new ListUsersCommand({ UserPoolId: userPoolId, PaginationToken: token }));
        for (const { Username } of page.Users ?? []) {
            found.set(Username!, await userMfa(client, userPoolId, Username!));
        }
        token = page.PaginationToken;
    } while (token);
    return found;
}

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
