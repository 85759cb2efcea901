// Two resources of one program that manage the same user would overwrite each other's settings
// on every run. The program sees every resource's identity once it resolves, so it claims each
// user for the first resource; a later one is refused in two ways, because neither alone is enough:
// - it gets a `sameUserAs` input, which `check` turns into a failure, so that nothing is written
//   for it (failing the registration itself would leave an inline Automation API run hanging);
// - the program logs an error, which fails the run when the program ends. The check failure only
//   reaches the engine with the refused resource's registration, and the Automation API ends an
//   inline run as succeeded when a registration that nothing awaits is lost to UNAVAILABLE or
//   CANCELLED (it takes that for the engine shutting down): the duplicate would pass unseen. The
//   logged error is counted in the program itself, so the run fails whether or not it arrives.
// What it cannot see: a username and an alias of the same user, the admin and self-service forms
// of one user, and resources in other stacks.

import * as pulumi from "@pulumi/pulumi";
import { readAccessTokenClaims } from "../core/accessToken";

interface Claimant {
    name: string;
}

// Claims last for one deployment: keyed by the run's connection to the engine, so that several
// runs in one process (Automation API inline programs) do not see each other's resources.
const claimsByRun = new WeakMap<object, Map<string, Claimant>>();
const outsideAnyRun = {};

/** Undefined for the first resource to claim the user; else who has it, for the failure message. */
function claimUser(claimant: Claimant, user: string, description: string): string | undefined {
    const run = pulumi.runtime.getMonitor() ?? outsideAnyRun;
    let claims = claimsByRun.get(run);
    if (claims === undefined) {
        claims = new Map();
        claimsByRun.set(run, claims);
    }
    const owner = claims.get(user);
    if (owner !== undefined && owner !== claimant) {
        // No resource is attached: the refused one's URN may never resolve, and a log waits for it.
        void pulumi.log.error(
            `UserMfaPreference "${claimant.name}" and UserMfaPreference "${owner.name}" manage the same user (${description}): ` +
                `"${claimant.name}" is refused and nothing is written for it; declare the user's factors in one resource`,
        );
        return `UserMfaPreference "${owner.name}" (${description})`;
    }
    claims.set(user, claimant);
    return undefined;
}

export interface Identity {
    userPoolId?: pulumi.Input<string>;
    username?: pulumi.Input<string>;
    accessToken?: pulumi.Input<string>;
}

/** The earlier resource that manages the same user, if any. Never holds the token. */
export function sameUserAs(claimant: Claimant, identity: Identity): pulumi.Output<string | undefined> {
    if (identity.accessToken !== undefined) {
        return pulumi.unsecret(
            pulumi.output(identity.accessToken).apply((token) => {
                const claims = readAccessTokenClaims(token);
                return claims && claimUser(claimant, `${claims.userPoolId}/sub:${claims.sub}`, `the user of the access token, sub ${claims.sub} in user pool ${claims.userPoolId}`);
            }),
        );
    }
    return pulumi.all([identity.userPoolId, identity.username]).apply(([pool, name]) =>
        pool === undefined || name === undefined ? undefined : claimUser(claimant, `${pool}/${name}`, `user ${JSON.stringify(name)} in user pool ${pool}`),
    );
}
