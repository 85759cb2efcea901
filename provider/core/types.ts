// Plain (resolved) shapes that cross the wire between the Pulumi engine and the provider.
// The public `Input<>` form of the arguments lives in resource.ts.

/** The factors whose preference Cognito lets a caller set. */
export const FACTORS = ["smsMfa", "softwareTokenMfa", "emailMfa", "webAuthnMfa"] as const;
export type Factor = (typeof FACTORS)[number];

/** Factors that can be the preferred one; passkey MFA has no preference in the API. */
export const PREFERABLE_FACTORS = ["smsMfa", "softwareTokenMfa", "emailMfa"] as const;
export type PreferableFactor = (typeof PREFERABLE_FACTORS)[number];

/** The names Cognito uses for a factor in `UserMFASettingList` and `PreferredMfaSetting`. */
export const COGNITO_FACTOR_NAMES: Record<PreferableFactor, string> = {
    smsMfa: "SMS_MFA",
    softwareTokenMfa: "SOFTWARE_TOKEN_MFA",
    emailMfa: "EMAIL_OTP",
};

/** Every input property of the resource, in both front ends (and in the native schema). */
export const INPUT_PROPERTIES = ["userPoolId", "username", "accessToken", "region", "endpoint", ...FACTORS] as const;

export interface FactorSettings {
    enabled: boolean;
    /** Absent for passkey MFA. Defaults to false for the others. */
    preferred?: boolean;
}

/** Inputs after `check`: defaults applied. During preview any value may still be unknown (unknown.ts). */
export interface MfaPreferenceInputs {
    userPoolId?: string;
    username?: string;
    accessToken?: string;
    region?: string;
    endpoint?: string;
    smsMfa?: FactorSettings;
    softwareTokenMfa?: FactorSettings;
    emailMfa?: FactorSettings;
    webAuthnMfa?: FactorSettings;
}

/** What the resource stores: the inputs as Cognito reports them, plus the user's whole MFA state. */
export interface MfaPreferenceOutputs extends MfaPreferenceInputs {
    /** `UserMFASettingList`, sorted; empty when the user has no MFA factor enabled. */
    enabledMfas: string[];
    /** `PreferredMfaSetting`; absent when no factor is preferred. */
    preferredMfa?: string;
}

/** Output-only properties: everything else in the outputs is an input too. */
export const COMPUTED_PROPERTIES = ["enabledMfas", "preferredMfa"] as const;
