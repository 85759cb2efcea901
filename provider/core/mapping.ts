// Translation between the resource's properties and Cognito's request and response shapes.

import type { AdminSetUserMFAPreferenceRequest } from "@aws-sdk/client-cognito-identity-provider";
import {
    COGNITO_FACTOR_NAMES,
    COMPUTED_PROPERTIES,
    FACTORS,
    PREFERABLE_FACTORS,
    type Factor,
    type FactorSettings,
    type MfaPreferenceInputs,
    type MfaPreferenceOutputs,
    type PreferableFactor,
} from "./types";

/** The factor settings of a Set(Admin)UserMFAPreference request, without the user. */
export type MfaSettingsRequest = Pick<
    AdminSetUserMFAPreferenceRequest,
    "SMSMfaSettings" | "SoftwareTokenMfaSettings" | "EmailMfaSettings" | "WebAuthnMfaSettings"
>;

const REQUEST_FIELDS: Record<Factor, keyof MfaSettingsRequest> = {
    smsMfa: "SMSMfaSettings",
    softwareTokenMfa: "SoftwareTokenMfaSettings",
    emailMfa: "EmailMfaSettings",
    webAuthnMfa: "WebAuthnMfaSettings",
};

/** What Cognito reports of a user's MFA, read from (Admin)GetUser. */
export interface ReportedMfa {
    enabledMfas: string[];
    preferredMfa?: string;
}

/** The input properties of a property bag that may hold outputs too. */
export function inputsOf(properties: MfaPreferenceInputs): MfaPreferenceInputs {
    const inputs: Record<string, unknown> = { ...properties };
    for (const computed of COMPUTED_PROPERTIES) {
        delete inputs[computed];
    }
    return inputs as MfaPreferenceInputs;
}

export function managedFactors(inputs: MfaPreferenceInputs): Factor[] {
    return FACTORS.filter((factor) => inputs[factor] !== undefined);
}

/** Settings for exactly the managed factors: an omitted factor is left as Cognito has it. */
export function desiredSettings(inputs: MfaPreferenceInputs): MfaSettingsRequest {
    const request: MfaSettingsRequest = {};
    for (const factor of managedFactors(inputs)) {
        const { enabled, preferred } = inputs[factor]!;
        request[REQUEST_FIELDS[factor]] = factor === "webAuthnMfa" ? { Enabled: enabled } : { Enabled: enabled, PreferredMfa: preferred ?? false };
    }
    return request;
}

/** Settings that turn every managed factor off, for delete. */
export function disabledSettings(inputs: MfaPreferenceInputs): MfaSettingsRequest {
    const request: MfaSettingsRequest = {};
    for (const factor of managedFactors(inputs)) {
        request[REQUEST_FIELDS[factor]] = factor === "webAuthnMfa" ? { Enabled: false } : { Enabled: false, PreferredMfa: false };
    }
    return request;
}

/** What (Admin)GetUser answers of a user's MFA. */
export interface MfaAnswer {
    UserMFASettingList?: string[];
    PreferredMfaSetting?: string;
    /** Legacy SMS MFA (set with AdminSetUserSettings), which Cognito still enforces at sign-in. */
    MFAOptions?: { DeliveryMedium?: string }[];
}

export function readReportedMfa(response: MfaAnswer): ReportedMfa {
    const enabled = new Set(response.UserMFASettingList ?? []);
    // A legacy SMS user may have no UserMFASettingList at all: SMS is on all the same.
    if (response.MFAOptions?.some((option) => option.DeliveryMedium === "SMS")) {
        enabled.add("SMS_MFA");
    }
    const enabledMfas = [...enabled].sort();
    // AWS omits PreferredMfaSetting when there is none; some implementations send "".
    const preferredMfa = response.PreferredMfaSetting || undefined;
    return preferredMfa === undefined ? { enabledMfas } : { enabledMfas, preferredMfa };
}

/**
 * The outputs: the inputs with each managed factor as Cognito reports it. Cognito reports no
 * per-user passkey MFA flag, so webAuthnMfa keeps the value last written.
 */
export function reportedOutputs(inputs: MfaPreferenceInputs, reported: ReportedMfa): MfaPreferenceOutputs {
    const outputs: MfaPreferenceOutputs = { ...inputsOf(inputs), ...reported };
    for (const factor of PREFERABLE_FACTORS) {
        if (inputs[factor] !== undefined) {
            const name = COGNITO_FACTOR_NAMES[factor];
            outputs[factor] = { enabled: reported.enabledMfas.includes(name), preferred: reported.preferredMfa === name };
        }
    }
    return outputs;
}

/** Factor blocks as a program declares them: only `enabled`, and `preferred` where true. */
export type DeclaredFactors = Partial<Record<PreferableFactor, FactorSettings>>;

/**
 * The factor blocks that declare a user exactly as Cognito reports them: each enabled factor,
 * and which one is preferred. Empty when the user has no MFA. Passkey MFA is never declared:
 * Cognito reports no per-user flag for it.
 */
export function declaredFactors(reported: ReportedMfa): DeclaredFactors {
    const factors: DeclaredFactors = {};
    for (const factor of PREFERABLE_FACTORS) {
        const name = COGNITO_FACTOR_NAMES[factor];
        if (reported.enabledMfas.includes(name)) {
            factors[factor] = reported.preferredMfa === name ? { enabled: true, preferred: true } : { enabled: true };
        }
    }
    return factors;
}
