// The local diff: desired inputs against the stored outputs (which `read` keeps equal to what
// Cognito reports). No API call. Identity changes replace; everything else updates in place.

import { readAccessTokenClaims } from "./accessToken";
import { FACTORS, type FactorSettings, type MfaPreferenceInputs, type MfaPreferenceOutputs } from "./types";
import { isUnknown } from "./unknown";

/** What changed: whether anything did, the properties that replace the resource, and in which order. */
export interface DiffOutcome {
    changes: boolean;
    replaces: string[];
    deleteBeforeReplace: boolean;
}

export function diffInputs(olds: MfaPreferenceOutputs, news: MfaPreferenceInputs): DiffOutcome {
    const replaces = identityChanges(olds, news);
    const updates: string[] = [];
    if (news.accessToken !== olds.accessToken && !replaces.includes("accessToken")) {
        // A fresh token for the same user: stored so that refresh and delete can use it.
        updates.push("accessToken");
    }
    for (const property of ["region", "endpoint"] as const) {
        if (news[property] !== olds[property]) {
            updates.push(property);
        }
    }
    for (const factor of FACTORS) {
        if (!sameFactorSettings(olds[factor], news[factor])) {
            updates.push(factor);
        }
    }
    const changed = [...replaces, ...updates];
    return {
        changes: changed.length > 0,
        replaces,
        // The old resource's delete disables factors on its user; done after the new create on
        // the same user (a username changed to an alias, say), it would undo the new settings.
        deleteBeforeReplace: replaces.length > 0,
    };
}

/** The properties whose change means a different user: a new resource. */
function identityChanges(olds: MfaPreferenceOutputs, news: MfaPreferenceInputs): string[] {
    const wasSelfService = olds.accessToken !== undefined;
    const isSelfService = news.accessToken !== undefined;
    if (wasSelfService !== isSelfService) {
        return ["accessToken", "userPoolId", "username"].filter(
            (property) => olds[property as keyof MfaPreferenceInputs] !== undefined || news[property as keyof MfaPreferenceInputs] !== undefined,
        );
    }
    if (isSelfService) {
        return sameTokenUser(olds.accessToken, news.accessToken) ? [] : ["accessToken"];
    }
    return (["userPoolId", "username"] as const).filter((property) => news[property] !== olds[property]);
}

/** Whether two access tokens belong to the same user; an unknown token may belong to anyone. */
function sameTokenUser(oldToken: string | undefined, newToken: string | undefined): boolean {
    if (oldToken === newToken) {
        return true;
    }
    if (oldToken === undefined || newToken === undefined || isUnknown(newToken)) {
        return false;
    }
    const before = readAccessTokenClaims(oldToken);
    const after = readAccessTokenClaims(newToken);
    return before !== undefined && after !== undefined && before.userPoolId === after.userPoolId && before.sub === after.sub;
}

/** Whether a factor's stored setting is as declared; unknown declarations are a change. */
export function sameFactorSettings(old: FactorSettings | undefined, desired: FactorSettings | undefined): boolean {
    if (old === undefined || desired === undefined) {
        return old === desired;
    }
    if (isUnknown(desired) || isUnknown(desired.enabled) || isUnknown(desired.preferred)) {
        return false;
    }
    return old.enabled === desired.enabled && (old.preferred ?? false) === (desired.preferred ?? false);
}
