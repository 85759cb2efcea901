// Pools, users and verified TOTP tokens in the emulator, made through the real AWS SDK.

import {
    AdminCreateUserCommand,
    AdminGetUserCommand,
    AdminInitiateAuthCommand,
    AdminSetUserMFAPreferenceCommand,
    AdminSetUserPasswordCommand,
    AssociateSoftwareTokenCommand,
    CognitoIdentityProviderClient,
    CreateUserPoolClientCommand,
    CreateUserPoolCommand,
    SetUserPoolMfaConfigCommand,
    VerifySoftwareTokenCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { Secret, TOTP } from "otpauth";
import { EMULATOR_CREDENTIALS } from "./moto";

export const PASSWORD = "Correct-Horse-9-Battery";

export interface Pool {
    userPoolId: string;
    clientId: string;
}

export interface TestUser {
    username: string;
    /** Issued before any MFA factor is enabled (after that, sign-in would need a code). */
    accessToken: string;
}

/**
 * The tests' own client. The strict Cognito enforces the request-rate quotas, so it retries a
 * throttled set-up call for longer than the SDK's default three attempts.
 */
export function adminClient(endpoint: string): CognitoIdentityProviderClient {
    return new CognitoIdentityProviderClient({
        region: EMULATOR_CREDENTIALS.AWS_REGION,
        endpoint,
        maxAttempts: 10,
        credentials: { accessKeyId: EMULATOR_CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: EMULATOR_CREDENTIALS.AWS_SECRET_ACCESS_KEY },
    });
}

/** A pool with MFA OPTIONAL, TOTP and SMS allowed, and an app client for admin password sign-in. */
export async function createPool(client: CognitoIdentityProviderClient, name = "mfa-test-pool"): Promise<Pool> {
    const pool = await client.send(
        new CreateUserPoolCommand({ PoolName: name, MfaConfiguration: "OFF", AutoVerifiedAttributes: ["email"] }),
    );
    const userPoolId = pool.UserPool!.Id!;
    await client.send(
        new SetUserPoolMfaConfigCommand({
            UserPoolId: userPoolId,
            MfaConfiguration: "OPTIONAL",
            SoftwareTokenMfaConfiguration: { Enabled: true },
            SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: "arn:aws:iam::123456789012:role/sms", ExternalId: "x" } },
        }),
    );
    const app = await client.send(
        new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: "tests", ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }),
    );
    return { userPoolId, clientId: app.UserPoolClient!.ClientId! };
}

/** A confirmed user with a permanent password, email and phone number, signed in once. */
export async function createUser(client: CognitoIdentityProviderClient, pool: Pool, username: string): Promise<TestUser> {
    await client.send(
        new AdminCreateUserCommand({
            UserPoolId: pool.userPoolId,
            Username: username,
            MessageAction: "SUPPRESS",
            UserAttributes: [
                { Name: "email", Value: `${username}@example.com` },
                { Name: "email_verified", Value: "true" },
                { Name: "phone_number", Value: "+15555550100" },
            ],
        }),
    );
    await client.send(new AdminSetUserPasswordCommand({ UserPoolId: pool.userPoolId, Username: username, Password: PASSWORD, Permanent: true }));
    return { username, accessToken: await signIn(client, pool, username) };
}

export async function signIn(client: CognitoIdentityProviderClient, pool: Pool, username: string): Promise<string> {
    const auth = await client.send(
        new AdminInitiateAuthCommand({
            UserPoolId: pool.userPoolId,
            ClientId: pool.clientId,
            AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: username, PASSWORD },
        }),
    );
    const token = auth.AuthenticationResult?.AccessToken;
    if (token === undefined) {
        throw new Error(`sign-in of ${username} gave no access token (challenge ${auth.ChallengeName})`);
    }
    return token;
}

/** TOTP codes change every 30 s; the emulator checks a code against the current period only. */
const TOTP_PERIOD_MS = 30_000;
/** A code made closer than this to the end of its period may reach the emulator in the next one. */
const TOTP_MARGIN_MS = 5_000;

/**
 * Associates a software token and verifies it with a real TOTP code computed from its secret. A
 * code is made only well inside its 30-second period, so that a busy machine cannot carry it into
 * the next one on its way to the emulator.
 */
export async function verifyTotp(client: CognitoIdentityProviderClient, user: TestUser): Promise<void> {
    const associated = await client.send(new AssociateSoftwareTokenCommand({ AccessToken: user.accessToken }));
    const remaining = TOTP_PERIOD_MS - (Date.now() % TOTP_PERIOD_MS);
    if (remaining < TOTP_MARGIN_MS) {
        await new Promise((resolve) => setTimeout(resolve, remaining + 100));
    }
    // Base32 is case-insensitive; the emulator's fixed secret is lower case.
    const code = new TOTP({ secret: Secret.fromBase32(associated.SecretCode!.toUpperCase()) }).generate();
    const verified = await client.send(new VerifySoftwareTokenCommand({ AccessToken: user.accessToken, UserCode: code, FriendlyDeviceName: "tests" }));
    if (verified.Status !== "SUCCESS") {
        throw new Error(`VerifySoftwareToken answered ${verified.Status}`);
    }
}

/** A user's MFA as Cognito reports it: enabled factors sorted, the preferred one or undefined. */
export async function userMfa(client: CognitoIdentityProviderClient, userPoolId: string, username: string) {
    const user = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
    return { enabled: [...(user.UserMFASettingList ?? [])].sort(), preferred: user.PreferredMfaSetting || undefined };
}

/** Changes a user's MFA behind the program's back, as an administrator or the user would. */
export async function setMfaOutOfBand(client: CognitoIdentityProviderClient, userPoolId: string, username: string, settings: object): Promise<void> {
    await client.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: userPoolId, Username: username, ...settings }));
}
