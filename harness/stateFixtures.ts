// Stack exports made by released versions (test/state-fixtures), and what it takes to bring one
// back to life against a fresh emulator: the same users with the same MFA settings, and the
// emulator's new pool id, endpoint and access tokens put where the old ones stood.

import * as fs from "node:fs";
import * as path from "node:path";
import { AdminGetUserCommand, AdminSetUserMFAPreferenceCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { UserMfaPreferenceArgs } from "pulumi-cognito-mfa";
import { createPool, createUser, verifyTotp, type Pool } from "./fixtures";

export const FIXTURES_DIR = path.resolve(__dirname, "../test/state-fixtures");

/** A user as Cognito had it when the fixture was made. */
export interface FixtureUser {
    username: string;
    /** UserMFASettingList, sorted. */
    enabled: string[];
    preferred?: string;
}

export interface StateFixture {
    /** What made it: the package and @pulumi/pulumi versions. */
    madeWith: string;
    /** Also the project name of the stack it was exported from (URNs carry it). */
    project: string;
    users: FixtureUser[];
    /** The program: resource names and arguments, with placeholders. */
    resources: { name: string; args: UserMfaPreferenceArgs }[];
    /** `pulumi stack export --show-secrets`, with placeholders. */
    deployment: unknown;
}

/** What differs between two emulator runs, and so is kept as a placeholder in fixtures. */
export interface Volatile {
    userPoolId: string;
    endpoint: string;
    /** Access token by username. */
    accessTokens: Record<string, string>;
}

const placeholder = {
    userPoolId: "${userPoolId}",
    endpoint: "${endpoint}",
    accessToken: (username: string) => `\${accessToken:${username}}`,
};

/** Replaces every occurrence of a volatile value with its placeholder (`toPlaceholders`) or back. */
function substitute<T>(value: T, pairs: [string, string][]): T {
    let text = JSON.stringify(value);
    for (const [from, to] of pairs) {
        text = text.split(from).join(to);
    }
    return JSON.parse(text) as T;
}

function pairs(volatile: Volatile): [string, string][] {
    return [
        // The longest values first, so that none is cut into by the replacement of a shorter one.
        ...Object.entries(volatile.accessTokens).map(([username, token]): [string, string] => [token, placeholder.accessToken(username)]),
        [volatile.endpoint, placeholder.endpoint],
        [volatile.userPoolId, placeholder.userPoolId],
    ];
}

export function toPlaceholders<T>(value: T, volatile: Volatile): T {
    return substitute(value, pairs(volatile));
}

export function fromPlaceholders<T>(value: T, volatile: Volatile): T {
    return substitute(
        value,
        pairs(volatile).map(([from, to]) => [to, from]),
    );
}

export function readFixtures(): { file: string; fixture: StateFixture }[] {
    return fs
        .readdirSync(FIXTURES_DIR)
        .filter((file) => file.endsWith(".json"))
        .sort()
        .map((file) => ({ file, fixture: JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, file), "utf8")) as StateFixture }));
}

export async function cognitoUser(cognito: CognitoIdentityProviderClient, userPoolId: string, username: string): Promise<FixtureUser> {
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
    const preferred = user.PreferredMfaSetting || undefined;
    return { username, enabled: [...(user.UserMFASettingList ?? [])].sort(), ...(preferred === undefined ? {} : { preferred }) };
}

/** A fresh pool with the fixture's users as Cognito had them; their new access tokens. */
export async function recreateUsers(cognito: CognitoIdentityProviderClient, users: FixtureUser[]): Promise<{ pool: Pool; accessTokens: Record<string, string> }> {
    const pool = await createPool(cognito);
    const accessTokens: Record<string, string> = {};
    for (const { username, enabled, preferred } of users) {
        const user = await createUser(cognito, pool, username);
        accessTokens[username] = user.accessToken;
        if (enabled.includes("SOFTWARE_TOKEN_MFA")) {
            await verifyTotp(cognito, user);
        }
        const setting = (factor: string) => ({ Enabled: enabled.includes(factor), PreferredMfa: preferred === factor });
        await cognito.send(
            new AdminSetUserMFAPreferenceCommand({
                UserPoolId: pool.userPoolId,
                Username: username,
                SMSMfaSettings: setting("SMS_MFA"),
                SoftwareTokenMfaSettings: setting("SOFTWARE_TOKEN_MFA"),
                EmailMfaSettings: setting("EMAIL_OTP"),
            }),
        );
    }
    return { pool, accessTokens };
}
