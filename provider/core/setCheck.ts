// Offline validation of the pool resource's inputs: the pool, the location, and every user's
// factor blocks by the same rules as UserMfaPreference's. Every failure is reported at once, each
// at its user's path (`users["ops:dave"].smsMfa.preferred`), so that a file of 10,000 users is
// fixed in one pass. Values not known yet are never an error.

import { checkFactorBlocks, checkLocation, isObject, truncate, usernameProblem, type CheckFailure, type Fail } from "./check";
import { USER_FACTORS_BLOCK, USER_MFA_PREFERENCE_SET } from "./definition";
import type { MfaPreferenceSetInputs } from "./types";
import { isUnknown } from "./unknown";

type Properties = Record<string, unknown>;

const INPUTS = Object.entries(USER_MFA_PREFERENCE_SET.properties)
    .filter(([, definition]) => definition.input !== false)
    .map(([name]) => name);
const USER_BLOCKS = Object.keys(USER_FACTORS_BLOCK.properties);

export interface SetCheckOutcome {
    inputs: MfaPreferenceSetInputs;
    failures: CheckFailure[];
}

/** The path of a user's property, in the engine's property path syntax. */
export function userPath(username: string, property?: string): string {
    return `users[${JSON.stringify(username)}]${property === undefined || property === "" ? "" : `.${property}`}`;
}

export function checkSetInputs(news: unknown): SetCheckOutcome {
    const failures: CheckFailure[] = [];
    const fail: Fail = (property, reason) => failures.push({ property, reason });
    if (!isObject(news)) {
        fail("", "the resource's inputs must be an object");
        return { inputs: {} as MfaPreferenceSetInputs, failures };
    }
    const inputs: Properties = {};
    for (const [key, value] of Object.entries(news)) {
        if (value === undefined || value === null) {
            continue;
        }
        if (!INPUTS.includes(key)) {
            fail(key, `unknown property "${key}"; expected one of ${INPUTS.join(", ")}`);
            continue;
        }
        inputs[key] = value;
    }
    if (inputs.userPoolId === undefined) {
        fail("userPoolId", "userPoolId is required: the user pool of every user in users, such as us-east-1_AbC123xyz");
    }
    failures.push(...checkLocation(inputs as { userPoolId: string }));
    if (inputs.users === undefined) {
        fail("users", 'users is required: a map from username to factor blocks, such as { alice: { softwareTokenMfa: { enabled: true, preferred: true } } }');
    } else if (!isUnknown(inputs.users)) {
        inputs.users = checkUsers(inputs.users, fail);
    }
    return { inputs: inputs as MfaPreferenceSetInputs, failures };
}

function checkUsers(users: unknown, fail: Fail): unknown {
    if (!isObject(users)) {
        fail("users", "users must be a map from username to factor blocks");
        return users;
    }
    const checked: Properties = {};
    for (const [username, entry] of Object.entries(users)) {
        const failAt: Fail = (property, reason) => fail(userPath(username, property), reason);
        const problem = usernameProblem(username);
        if (problem !== undefined) {
            failAt("", `${JSON.stringify(truncate(username))} is not a valid username: ${problem}`);
        }
        checked[username] = checkUser(entry, failAt);
    }
    return checked;
}

function checkUser(entry: unknown, fail: Fail): unknown {
    if (isUnknown(entry)) {
        return entry;
    }
    if (!isObject(entry)) {
        fail("", `a user's entry must be an object of factor blocks (${USER_BLOCKS.join(", ")}), or {} to stop managing the user`);
        return entry;
    }
    const blocks: Properties = {};
    for (const [key, value] of Object.entries(entry)) {
        if (value === undefined || value === null) {
            continue;
        }
        if (!USER_BLOCKS.includes(key)) {
            fail(key, `unknown property "${key}"; a user's entry has ${USER_BLOCKS.join(", ")}`);
            continue;
        }
        blocks[key] = value;
    }
    checkFactorBlocks(blocks, fail);
    return blocks;
}
