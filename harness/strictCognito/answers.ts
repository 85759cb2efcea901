// Cognito's answer shapes where moto's differ (botocore's model; amplify-js #1254, #1875, #11258;
// aws/aws-sdk #176): PreferredMfaSetting absent when nothing is preferred, UserMFASettingList
// absent (or empty) when nothing is enabled, MFAOptions only for legacy SMS users, email MFA
// reported as EMAIL_OTP, and ListUsers entries without the MFA settings.

import type { UserExtras } from "./store";

/** Whether a user with nothing enabled gets no UserMFASettingList (Cognito's usual) or `[]`. */
export type EmptyMfaList = "absent" | "empty";

type UserAnswer = Record<string, unknown> & { UserMFASettingList?: string[]; PreferredMfaSetting?: string; MFAOptions?: unknown[] };

/** An AdminGetUser or GetUser answer of moto's, as Cognito gives it. */
export function userAnswer(answer: UserAnswer, extras: UserExtras, emptyMfaList: EmptyMfaList): UserAnswer {
    const shaped: UserAnswer = { ...answer };
    const enabled = [...(answer.UserMFASettingList ?? [])];
    if (extras.emailEnabled) {
        enabled.push("EMAIL_OTP");
    }
    const preferred = answer.PreferredMfaSetting || (extras.emailPreferred ? "EMAIL_OTP" : undefined);
    delete shaped.UserMFASettingList;
    delete shaped.PreferredMfaSetting;
    delete shaped.MFAOptions;
    if (enabled.length > 0 || emptyMfaList === "empty") {
        shaped.UserMFASettingList = enabled;
    }
    if (preferred !== undefined) {
        shaped.PreferredMfaSetting = preferred;
    }
    if (extras.mfaOptions !== undefined) {
        shaped.MFAOptions = extras.mfaOptions;
    }
    return shaped;
}

/** A ListUsers entry of moto's, as Cognito gives it: MFAOptions only, and only for legacy users. */
export function listedUser(entry: UserAnswer, extras: UserExtras): UserAnswer {
    const shaped: UserAnswer = { ...entry };
    delete shaped.UserMFASettingList;
    delete shaped.PreferredMfaSetting;
    delete shaped.MFAOptions;
    if (extras.mfaOptions !== undefined) {
        shaped.MFAOptions = extras.mfaOptions;
    }
    return shaped;
}
