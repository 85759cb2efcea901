// Pools and users for what Cognito enforces and moto does not (docs/development.md, "Fidelity"):
// a pool ready for email and passkey MFA, a pool that requires MFA, a user without a phone number,
// and a legacy SMS user. Made through the real AWS SDK against the strict Cognito.

import {
    AdminCreateUserCommand,
    AdminSetUserSettingsCommand,
    CreateUserPoolCommand,
    SetUserPoolMfaConfigCommand,
    type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import type { Pool } from "./fixtures";

const SMS_CONFIGURATION = { SmsConfiguration: { SnsCallerArn: "arn:aws:iam::123456789012:role/sms", ExternalId: "x" } };

/**
 * A pool where email MFA can be enabled (Essentials plan, SES email configuration, recovery not by
 * email only) and passkey MFA too (WebAuthn with user verification), MFA OPTIONAL or ON.
 */
export async function createStrictPool(client: CognitoIdentityProviderClient, name: string, mfa: "OPTIONAL" | "ON" = "OPTIONAL"): Promise<Pool> {
    const created = await client.send(
        new CreateUserPoolCommand({
            PoolName: name,
            UserPoolTier: "ESSENTIALS",
            EmailConfiguration: { EmailSendingAccount: "DEVELOPER", SourceArn: "arn:aws:ses:us-east-1:123456789012:identity/example.com" },
            AccountRecoverySetting: { RecoveryMechanisms: [{ Priority: 1, Name: "verified_phone_number" }] },
        }),
    );
    const userPoolId = created.UserPool!.Id!;
    await client.send(
        new SetUserPoolMfaConfigCommand({
            UserPoolId: userPoolId,
            MfaConfiguration: mfa,
            SoftwareTokenMfaConfiguration: { Enabled: true },
            SmsMfaConfiguration: SMS_CONFIGURATION,
            EmailMfaConfiguration: { Message: "Your code is {####}", Subject: "Your code" },
            WebAuthnConfiguration: { RelyingPartyId: "example.com", FactorConfiguration: "MULTI_FACTOR_WITH_USER_VERIFICATION" },
        }),
    );
    // No app client: these pools' users never sign in.
    return { userPoolId, clientId: "" };
}

/** A user who never signs in, with an email, and a phone number unless WITHOUT_PHONE. */
export async function createPlainUser(client: CognitoIdentityProviderClient, userPoolId: string, username: string, withoutPhone = false): Promise<void> {
    const attributes = [{ Name: "email", Value: `${username}@example.com` }];
    if (!withoutPhone) {
        attributes.push({ Name: "phone_number", Value: "+15555550100" });
    }
    await client.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: username, MessageAction: "SUPPRESS", UserAttributes: attributes }));
}

/** A user whose SMS MFA is on the legacy way: MFAOptions, and no UserMFASettingList. */
export async function createLegacySmsUser(client: CognitoIdentityProviderClient, userPoolId: string, username: string): Promise<void> {
    await createPlainUser(client, userPoolId, username);
    await client.send(new AdminSetUserSettingsCommand({ UserPoolId: userPoolId, Username: username, MFAOptions: [{ DeliveryMedium: "SMS", AttributeName: "phone_number" }] }));
}
