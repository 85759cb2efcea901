// Two resources of one program that manage the same user would overwrite each other's settings
// on every run. The program sees every resource's identity once it resolves, so it claims each
// user for the first resource; a later one is refused in two ways, because neither alone is enough:
// - it gets a `sameUserAs` input, which `check` turns into a failure, so that nothing is written
//   for it (failing the registration itself would leave an inline Automation API run hanging);
// - the program itself fails the run when it ends. The check failure only reaches the engine with
//   the refused resource's registration, and a run whose registration is lost to UNAVAILABLE or
//   CANCELLED ends as succeeded when nothing awaits that resource (Pulumi's Node.js SDK takes those
//   codes for the engine shutting down, in the CLI's host and in the Automation API's alike): the
//   duplicate would pass unseen. The program's own failure does not depend on any call arriving.
// A UserMfaPreferenceSet claims each of its users the same way, so a user in a set and in a
// UserMfaPreference, or in two sets, is refused too. What it cannot see: a username and an alias
// of the same user, the admin and self-service forms of one user, and resources in other stacks.

import * as pulumi from "@pulumi/pulumi";
import { readAccessTokenClaims } from "../core/accessToken";

interface Claimant {
    /** The resource's type: UserMfaPreference or UserMfaPreferenceSet. */
    kind: string;
    name: string;
}

// Claims last for one deployment: keyed by the run's connection to the engine, so that several
// runs in one process (Automation API inline programs) do not see each other's resources.
const claimsByRun = new WeakMap<object, Map<string, Claimant>>();
const outsideAnyRun = {};

function claimsOfThisRun(): Map<string, Claimant> {
    const run = pulumi.runtime.getMonitor() ?? outsideAnyRun;
    let claims = claimsByRun.get(run);
    if (claims === undefined) {
        claims = new Map();
        claimsByRun.set(run, claims);
    }
    return claims;
}

/** Undefined for the first resource to claim the user; else the resource that has it. */
function claimUser(claimant: Claimant, user: string): Claimant | undefined {
    const claims = claimsOfThisRun();
    const owner = claims.get(user);
    if (owner !== undefined && owner !== claimant) {
        return owner;
    }
    claims.set(user, claimant);
    return undefined;
}

const named = (resource: Claimant) => `${resource.kind} "${resource.name}"`;

/** Claims one user for the claimant; the owner's description, for the check failure, if another has it. */
function claimOne(claimant: Claimant, user: string, description: string): string | undefined {
    const owner = claimUser(claimant, user);
    if (owner === undefined) {
        return undefined;
    }
    failTheRun(
        `${named(claimant)} and ${named(owner)} manage the same user (${description}): ` +
            `"${claimant.name}" is refused and nothing is written for it; declare the user's factors in one resource`,
    );
    return `${named(owner)} (${description})`;
}

/**
 * Fails the run when the program ends, with MESSAGE. An unhandled `RunError` is what both of
 * Pulumi's Node.js hosts (the CLI's `cmd/run` and the Automation API's server) log, without a
 * stack, and count as the program's failure, whatever became of its calls to the engine.
 */
function failTheRun(message: string): void {
    const error = new pulumi.RunError(message);
    // Its stack is never shown; formatting it through source maps (which the CLI's host installs)
    // would cost seconds of CPU when a host reads it.
    error.stack = `RunError: ${message}`;
    void Promise.reject(error);
}

export interface Identity {
    userPoolId?: pulumi.Input<string>;
    username?: pulumi.Input<string>;
    accessToken?: pulumi.Input<string>;
}

/** The earlier resource that manages the same user, if any. Never holds the token. */
export function sameUserAs(resource: { name: string }, identity: Identity): pulumi.Output<string | undefined> {
    const claimant: Claimant = { kind: "UserMfaPreference", ...resource };
    if (identity.accessToken !== undefined) {
        return pulumi.unsecret(
            pulumi.output(identity.accessToken).apply((token) => {
                const claims = readAccessTokenClaims(token);
                return claims && claimOne(claimant, `${claims.userPoolId}/sub:${claims.sub}`, `the user of the access token, sub ${claims.sub} in user pool ${claims.userPoolId}`);
            }),
        );
    }
    return pulumi.all([identity.userPoolId, identity.username]).apply(([pool, name]) =>
        pool === undefined || name === undefined ? undefined : claimOne(claimant, `${pool}/${name}`, `user ${JSON.stringify(name)} in user pool ${pool}`),
    );
}

/** How many of a pool resource's conflicts its messages name; the rest are counted. */
const NAMED_CONFLICTS = 20;

/**
 * The pool resource's claim on each of its users: undefined when no earlier resource of the program
 * manages any of them, else each user and who has it.
 */
export function sameUsersAs(resource: { name: string }, userPoolId: pulumi.Input<string>, users: pulumi.Input<Record<string, unknown>>): pulumi.Output<string | undefined> {
    const claimant: Claimant = { kind: "UserMfaPreferenceSet", ...resource };
    return pulumi.all([userPoolId, users]).apply(([pool, declared]) => {
        const conflicts = Object.keys(declared ?? {}).flatMap((username) => {
            const owner = claimUser(claimant, `${pool}/${username}`);
            return owner === undefined ? [] : [`user ${JSON.stringify(username)} is managed by ${named(owner)} too`];
        });
        if (conflicts.length === 0) {
            return undefined;
        }
        const listed = conflicts.slice(0, NAMED_CONFLICTS).join("; ") + (conflicts.length > NAMED_CONFLICTS ? `; and ${conflicts.length - NAMED_CONFLICTS} more` : "");
        failTheRun(`${named(claimant)} in user pool ${pool}: ${listed}. "${claimant.name}" is refused and nothing is written for it; declare each user's factors in one resource`);
        return `in user pool ${pool}, ${listed}`;
    });
}
