// Turns what Cognito (or the SDK) answered into a message that says which call failed for which
// user, what Cognito said, and how to fix it where the fix is known.

import { credentialFix } from "./credentials";

/** What a message may say of the user: never the access token itself. */
export interface Subject {
    description: string;
    /** The self-service form: the call was authorized by this access token, which must not
     * appear in any message, even if Cognito echoes it. */
    accessToken?: string;
}

export interface Hint {
    /** Matches Cognito's message, case-insensitively; absent: any message. */
    when?: RegExp;
    fix: string;
}

const TOTP_FIX =
    "software token (TOTP) MFA can only be enabled for a user who has a verified token: call AssociateSoftwareToken, then VerifySoftwareToken with a code from the authenticator app, before enabling softwareTokenMfa";

/** A pool whose MfaConfiguration is ON keeps every factor of its users on. */
export const REQUIRED_MFA_FIX =
    "the user pool requires MFA (MfaConfiguration ON), and in such a pool Cognito turns no factor off: keep the factor enabled (or remove its block to stop managing it), or set the pool's MFA to OPTIONAL first";

// Fixes by exception name, most specific first. Messages quoted are ones Cognito is known to send.
const HINTS: Record<string, Hint[]> = {
    InvalidParameterException: [
        // First: Cognito's refusal in a pool that requires MFA names the factor too.
        { when: /mfa is required/i, fix: REQUIRED_MFA_FIX },
        { when: /software.?token|totp/i, fix: TOTP_FIX },
        { when: /phone.?number|sms/i, fix: "SMS MFA needs the user's phone_number attribute (and an SMS configuration on the pool): set phone_number before enabling smsMfa" },
        { when: /email/i, fix: "email MFA needs the pool's Essentials (or Plus) feature plan, an SES email configuration on the pool, and the user's email attribute" },
        { when: /webauthn|passkey/i, fix: "passkey MFA needs the pool's WebAuthnConfiguration.FactorConfiguration = MULTI_FACTOR_WITH_USER_VERIFICATION and another enabled MFA factor" },
        { when: /preferred/i, fix: "a preferred factor must be enabled, and only one factor can be preferred" },
    ],
    UserNotFoundException: [{ fix: "check username (a username or an alias such as a verified email) and userPoolId" }],
    ResourceNotFoundException: [{ fix: "check userPoolId and that the region (region input, the pool id's prefix, aws:region or AWS_REGION) and endpoint point where the pool lives" }],
    NotAuthorizedException: [
        { fix: "the AWS credentials in use need cognito-idp:AdminSetUserMFAPreference and cognito-idp:AdminGetUser on the user pool, and the user must be enabled" },
    ],
    // The self-service calls are authorized by the access token alone.
    "NotAuthorizedException/accessToken": [
        {
            fix: "the access token has expired or was revoked (or is not an access token of this pool): give the resource a fresh access token and run `pulumi up` (a new token for the same user is an in-place update); `pulumi refresh` works again after that",
        },
    ],
    PasswordResetRequiredException: [{ fix: "the user must reset their password (or an administrator must call AdminSetUserPassword) before the MFA preference can be set" }],
    UserNotConfirmedException: [{ fix: "confirm the user first (AdminConfirmSignUp, or the user's sign-up confirmation)" }],
    InternalErrorException: [{ fix: "Cognito failed internally and retries did not succeed: run the same `pulumi up` again" }],
    ForbiddenException: [{ fix: "AWS WAF blocked the request with a web ACL associated with the user pool: allow this caller in the web ACL" }],
    TooManyRequestsException: [{ fix: "Cognito throttled the calls beyond the retries: run again, or lower the parallelism (pulumi up --parallel 8, or PULUMI_PARALLEL)" }],
};

const TRANSPORT_FIX = "Cognito could not be reached within the retries: check network access, the endpoint and the region, then run again";

/** Exceptions about one user (its attributes, its status), not about every call: see eachUser.ts. */
const ABOUT_THE_USER = ["InvalidParameterException", "UserNotFoundException", "UserNotConfirmedException", "PasswordResetRequiredException"];

export class CognitoMfaError extends Error {
    /**
     * @param reason what went wrong and the fix, without naming the user: users that fail for the
     *   same reason are told together.
     * @param aboutTheUser the failure is this user's (a missing attribute, say), not the run's.
     */
    constructor(
        message: string,
        readonly reason: string = message,
        readonly aboutTheUser = false,
    ) {
        super(message);
        this.name = "CognitoMfaError";
    }
}

/** The exception's name as the SDK reports it (`name`, or the modeled `__type`). */
export function errorName(error: unknown): string {
    if (typeof error === "object" && error !== null && "name" in error && typeof error.name === "string") {
        return error.name;
    }
    return "Error";
}

/** Fixes in a front end's own terms (such as a command's flags), in place of the resource's. */
export interface FrontEndHints {
    /** By exception name: replaces the resource's fixes for that exception. */
    byName?: Record<string, Hint[]>;
    /** When Cognito could not be reached. */
    transport?: string;
}

export function describeFailure(operation: string, subject: Subject, error: unknown, frontEnd: FrontEndHints = {}): CognitoMfaError {
    const name = errorName(error);
    const said = error instanceof Error ? error.message : String(error);
    const key = subject.accessToken !== undefined && HINTS[`${name}/accessToken`] ? `${name}/accessToken` : name;
    const hint = (frontEnd.byName?.[name] ?? HINTS[key] ?? []).find((candidate) => candidate.when === undefined || candidate.when.test(said));
    // Credentials first: a chain that found none fails before any request, like a network error.
    const fix = credentialFix(name, said) ?? hint?.fix ?? (isTransportError(error) ? (frontEnd.transport ?? TRANSPORT_FIX) : undefined);
    // Cognito ends some messages with a period; the fix follows after one.
    let reason = `${operation} failed: ${name}: ${said.replace(/\.+$/, "")}`;
    if (fix !== undefined) {
        reason += `. Fix: ${fix}`;
    }
    const message = reason.replace(`${operation} failed`, `${operation} for ${subject.description} failed`);
    return new CognitoMfaError(redact(message, subject.accessToken), redact(reason, subject.accessToken), ABOUT_THE_USER.includes(name));
}

/** Errors of the connection rather than of Cognito's answer: no HTTP status to go by. */
function isTransportError(error: unknown): boolean {
    if (typeof error !== "object" || error === null) {
        return false;
    }
    const metadata = (error as { $metadata?: { httpStatusCode?: number } }).$metadata;
    return metadata?.httpStatusCode === undefined;
}

export function redact(text: string, secret: string | undefined): string {
    return secret ? text.split(secret).join("[redacted]") : text;
}
