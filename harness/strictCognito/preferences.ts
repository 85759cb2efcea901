// AdminSetUserMFAPreference and SetUserMFAPreference as Cognito does them, where moto is laxer
// (../../docs/development.md, "Fidelity: the strict Cognito"): the preconditions of each factor,
// one preferred factor that must be enabled, email and passkey MFA kept, legacy MFAOptions
// replaced by an SMS setting, and pools that require MFA keeping every factor on.

import type { Store, UserExtras } from "./store";
import { UpstreamError, type Upstream } from "./upstream";

export class CognitoError extends Error {
    constructor(
        readonly type: string,
        message: string,
    ) {
        super(message);
    }
}

/** What a pool that requires MFA does with a request to turn a factor off. */
export type RequiredPoolOff = "ignore" | "reject";

interface FactorSettings {
    Enabled?: boolean;
    PreferredMfa?: boolean;
}

export interface PreferenceRequest {
    SMSMfaSettings?: FactorSettings;
    SoftwareTokenMfaSettings?: FactorSettings;
    EmailMfaSettings?: FactorSettings;
    WebAuthnMfaSettings?: FactorSettings;
}

type Factor = "SMS_MFA" | "SOFTWARE_TOKEN_MFA" | "EMAIL_OTP" | "WEB_AUTHN";

const BLOCKS: Record<Factor, keyof PreferenceRequest> = {
    SMS_MFA: "SMSMfaSettings",
    SOFTWARE_TOKEN_MFA: "SoftwareTokenMfaSettings",
    EMAIL_OTP: "EmailMfaSettings",
    WEB_AUTHN: "WebAuthnMfaSettings",
};
const FACTORS = Object.keys(BLOCKS) as Factor[];
const LABEL: Record<Factor, string> = { SMS_MFA: "SMS", SOFTWARE_TOKEN_MFA: "software token", EMAIL_OTP: "email", WEB_AUTHN: "passkey" };

const invalid = (message: string) => new CognitoError("InvalidParameterException", message);

/** Cognito's message for a TOTP factor without a verified token (aws-sdk-js-v3 #4645). */
export const TOTP_NOT_VERIFIED = "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA";
export const SMS_NO_PHONE = "User does not have a phone_number set to turn on SMS MFA";
export const TWO_PREFERRED = "Only one factor can be set as preferred";

interface UserState {
    username: string;
    attributes: Map<string, string>;
    enabled: Set<Factor>;
    preferred?: Factor;
    extras: UserExtras;
}

interface PoolState {
    UserPoolTier?: string;
    EmailConfiguration?: { EmailSendingAccount?: string };
    AccountRecoverySetting?: { RecoveryMechanisms?: { Name: string }[] };
}

/** Refusals that need nothing but the request. */
function checkRequestAlone(request: PreferenceRequest): void {
    const preferred = FACTORS.filter((factor) => request[BLOCKS[factor]]?.PreferredMfa === true);
    if (preferred.length > 1) {
        throw invalid(TWO_PREFERRED);
    }
    for (const factor of preferred) {
        if (request[BLOCKS[factor]]?.Enabled !== true) {
            const label = LABEL[factor];
            throw invalid(`${label[0].toUpperCase()}${label.slice(1)} MFA can't be set as preferred while it is disabled`);
        }
    }
}

async function readUser(upstream: Upstream, store: Store, userPoolId: string, username: string, authorization?: string): Promise<UserState> {
    const answer = await upstream.call<{ Username: string; UserAttributes?: { Name: string; Value: string }[]; UserMFASettingList?: string[]; PreferredMfaSetting?: string }>(
        "AdminGetUser",
        { UserPoolId: userPoolId, Username: username },
        authorization,
    );
    const extras = store.user(userPoolId, answer.Username);
    const enabled = new Set((answer.UserMFASettingList ?? []) as Factor[]);
    if (extras.emailEnabled) enabled.add("EMAIL_OTP");
    if (extras.webAuthnEnabled) enabled.add("WEB_AUTHN");
    if (extras.mfaOptions?.some((option) => option.DeliveryMedium === "SMS")) enabled.add("SMS_MFA");
    const preferred = (answer.PreferredMfaSetting || (extras.emailPreferred ? "EMAIL_OTP" : undefined)) as Factor | undefined;
    return { username: answer.Username, attributes: new Map((answer.UserAttributes ?? []).map(({ Name, Value }) => [Name, Value])), enabled, preferred, extras };
}

function checkEmail(pool: PoolState, user: UserState): void {
    if (pool.UserPoolTier !== "ESSENTIALS" && pool.UserPoolTier !== "PLUS") {
        throw invalid("Email MFA requires the ESSENTIALS or PLUS feature plan on the user pool");
    }
    if (pool.EmailConfiguration?.EmailSendingAccount !== "DEVELOPER") {
        throw invalid("Email MFA requires an Amazon SES email configuration (EmailSendingAccount DEVELOPER) on the user pool");
    }
    const recovery = (pool.AccountRecoverySetting?.RecoveryMechanisms ?? []).map(({ Name }) => Name);
    if (recovery.length === 1 && recovery[0] === "verified_email") {
        throw invalid("Email MFA can't be enabled while account recovery is by email only");
    }
    if (!user.attributes.has("email")) {
        throw invalid("User does not have an email set to turn on email MFA");
    }
}

export async function setPreference(
    upstream: Upstream,
    store: Store,
    requiredPoolOff: RequiredPoolOff,
    userPoolId: string,
    username: string,
    request: PreferenceRequest,
    authorization?: string,
): Promise<void> {
    checkRequestAlone(request);
    const user = await readUser(upstream, store, userPoolId, username, authorization);
    const { UserPool: pool } = await upstream.call<{ UserPool: PoolState }>("DescribeUserPool", { UserPoolId: userPoolId }, authorization);
    // Not DescribeUserPool's MfaConfiguration: moto reports there the one the pool was created with,
    // whatever SetUserPoolMfaConfig set since; GetUserPoolMfaConfig has the current one.
    let mfaRequired: boolean | undefined;
    const requiresMfa = async () =>
        (mfaRequired ??= (await upstream.call<{ MfaConfiguration?: string }>("GetUserPoolMfaConfig", { UserPoolId: userPoolId }, authorization)).MfaConfiguration === "ON");
    const next = new Set(user.enabled);
    for (const factor of FACTORS) {
        const block = request[BLOCKS[factor]];
        if (block === undefined) {
            continue;
        }
        if (block.Enabled === true) {
            next.add(factor);
        } else if (user.enabled.has(factor) && (await requiresMfa())) {
            // "Users can't enable or disable any MFA methods" when MFA is required (MFA guide).
            if (requiredPoolOff === "reject") {
                throw invalid(`You can't turn off ${LABEL[factor]} MFA for any of your users when MFA is required`);
            }
        } else {
            next.delete(factor);
        }
    }
    if (request.SMSMfaSettings?.Enabled === true && !user.attributes.has("phone_number")) {
        throw invalid(SMS_NO_PHONE);
    }
    if (request.EmailMfaSettings?.Enabled === true) {
        checkEmail(pool, user);
    }
    if (request.WebAuthnMfaSettings?.Enabled === true) {
        if (store.pool(userPoolId).WebAuthnConfiguration?.FactorConfiguration !== "MULTI_FACTOR_WITH_USER_VERIFICATION") {
            throw invalid("Passkey MFA requires the user pool's WebAuthnConfiguration FactorConfiguration MULTI_FACTOR_WITH_USER_VERIFICATION");
        }
        if (![...next].some((factor) => factor !== "WEB_AUTHN")) {
            throw invalid("Passkey MFA requires another MFA factor to be enabled for the user");
        }
    }
    const asked = FACTORS.find((factor) => request[BLOCKS[factor]]?.PreferredMfa === true);
    const current = user.preferred;
    const dropped = current !== undefined && (!next.has(current) || request[BLOCKS[current]]?.PreferredMfa === false);
    const preferred = asked ?? (dropped ? undefined : current);
    try {
        // moto keeps SMS and TOTP: both written whole, so that its preferred factor is exactly ours.
        await upstream.call(
            "AdminSetUserMFAPreference",
            {
                UserPoolId: userPoolId,
                Username: user.username,
                SoftwareTokenMfaSettings: { Enabled: next.has("SOFTWARE_TOKEN_MFA"), PreferredMfa: preferred === "SOFTWARE_TOKEN_MFA" },
                SMSMfaSettings: { Enabled: next.has("SMS_MFA") && (request.SMSMfaSettings !== undefined || user.extras.mfaOptions === undefined), PreferredMfa: preferred === "SMS_MFA" },
            },
            authorization,
        );
    } catch (error) {
        if (error instanceof UpstreamError && /verified software token/i.test(error.message)) {
            throw invalid(TOTP_NOT_VERIFIED);
        }
        throw error;
    }
    store.updateUser(userPoolId, user.username, {
        emailEnabled: next.has("EMAIL_OTP"),
        emailPreferred: preferred === "EMAIL_OTP",
        webAuthnEnabled: next.has("WEB_AUTHN"),
        // An SMS setting replaces the legacy one; left alone otherwise.
        ...(request.SMSMfaSettings !== undefined ? { mfaOptions: undefined } : {}),
    });
}
