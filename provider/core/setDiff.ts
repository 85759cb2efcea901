// The pool resource's local diff: the declaration against the stored outputs (which `read` keeps
// equal to what Cognito reports). No API call. Only the pool replaces: a user added, changed or
// removed is an update in place, and the update writes exactly those users (userChanges).

import { sameFactorSettings, type DiffOutcome } from "./diff";
import { FACTORS, type MfaPreferenceSetInputs, type MfaPreferenceSetOutputs, type UserFactors } from "./types";
import { isUnknown } from "./unknown";

/** The users an update must touch: those to write as declared, and those to let go of. */
export interface UserChanges {
    /** Declared users whose managed factors differ from the stored ones (new users included). */
    changed: string[];
    /** Users in the state but no longer declared: their managed factors are turned off. */
    removed: string[];
}

/** A record's own entry: never one of Object.prototype's, whatever the username. */
export function own<Value>(record: Record<string, Value> | undefined, key: string): Value | undefined {
    return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

export function sameUserFactors(stored: UserFactors | undefined, declared: UserFactors | undefined): boolean {
    if (stored === undefined || declared === undefined || isUnknown(declared)) {
        return false;
    }
    return FACTORS.every((factor) => sameFactorSettings(stored[factor], declared[factor]));
}

export function userChanges(stored: Record<string, UserFactors>, declared: Record<string, UserFactors>): UserChanges {
    const changed = Object.keys(declared).filter((username) => !sameUserFactors(own(stored, username), own(declared, username)));
    const removed = Object.keys(stored).filter((username) => !Object.hasOwn(declared, username));
    return { changed, removed };
}

export function diffSetInputs(olds: MfaPreferenceSetOutputs, news: MfaPreferenceSetInputs): DiffOutcome {
    const replaces = news.userPoolId !== olds.userPoolId ? ["userPoolId"] : [];
    const updates: string[] = (["region", "endpoint"] as const).filter((property) => news[property] !== olds[property]);
    if (isUnknown(news.users)) {
        updates.push("users");
    } else {
        const { changed, removed } = userChanges(olds.users ?? {}, news.users);
        if (changed.length > 0 || removed.length > 0) {
            updates.push("users");
        }
    }
    return {
        changes: replaces.length > 0 || updates.length > 0,
        replaces,
        // The old resource's delete turns its users' factors off: after the new create, it would
        // undo the settings that a pool id given in another form just wrote.
        deleteBeforeReplace: replaces.length > 0,
    };
}
