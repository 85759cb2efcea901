// What each resource operation does in Cognito, whichever front end the engine reached (the
// dynamic provider or the native plugin). `configuredRegion` is the stack's `aws:region` where
// the front end receives it; the region in every user pool id comes first anyway (location.ts).

import { cognitoClient } from "./client";
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { getUserMfa, setMfaPreference, targetOf, userPoolIdOf, type Target, type UserMfa } from "./cognito";
import { CognitoMfaError } from "./errors";
import { clientLocation } from "./location";
import { desiredSettings, disabledSettings, inputsOf, managedFactors, reportedOutputs } from "./mapping";
import { checkTurnedOff } from "./requiredMfa";
import { PREFERABLE_FACTORS, type MfaPreferenceInputs, type MfaPreferenceOutputs } from "./types";

export interface AppliedPreference {
    id: string;
    outs: MfaPreferenceOutputs;
}

export interface ReadPreference {
    id: string;
    /** What Cognito reports, as the resource's outputs. */
    props: MfaPreferenceOutputs;
    /** The inputs as they would have to be for no diff: the managed factors as Cognito has them. */
    inputs: MfaPreferenceInputs;
}

function clientFor(properties: MfaPreferenceInputs, target: Target, configuredRegion: string | undefined) {
    return cognitoClient(clientLocation(properties, userPoolIdOf(target), configuredRegion));
}

/** `<userPoolId>/<username>`: the form `pulumi import` takes (pool ids never hold a "/"). */
export function resourceId(userPoolId: string, username: string): string {
    return `${userPoolId}/${username}`;
}

export function parseResourceId(id: string): { userPoolId: string; username: string } | undefined {
    const slash = id.indexOf("/");
    return slash > 0 && slash < id.length - 1 ? { userPoolId: id.slice(0, slash), username: id.slice(slash + 1) } : undefined;
}

/**
 * Whether Cognito already has every managed factor as declared, so that a write would change
 * nothing. Never for passkey MFA, of which Cognito reports no per-user flag.
 */
export function alreadyAsDeclared(inputs: MfaPreferenceInputs, user: UserMfa): boolean {
    const reported = reportedOutputs(inputs, user.reported);
    return managedFactors(inputs).every((factor) => {
        const declared = inputs[factor]!;
        const found = reported[factor];
        return factor !== "webAuthnMfa" && found?.enabled === declared.enabled && found.preferred === (declared.preferred ?? false);
    });
}

/**
 * Create adopts: one read, and the write (then a read for the outputs) only when Cognito differs
 * from the declaration. Adopting a user whose MFA is already as declared costs one read at the
 * read quota (120/s) instead of a write at the write quota (25/s) and a read.
 */
export async function createPreference(inputs: MfaPreferenceInputs, configuredRegion?: string): Promise<AppliedPreference> {
    const target = targetOf(inputs);
    const client = clientFor(inputs, target, configuredRegion);
    const found = (await getUserMfa(client, target, "fail"))!;
    return alreadyAsDeclared(inputs, found) ? appliedAs(inputs, target, found) : writeAndRead(client, target, inputs);
}

/** Update: one write of exactly the managed factors, then one read for the outputs. */
export async function applyPreference(inputs: MfaPreferenceInputs, configuredRegion?: string): Promise<AppliedPreference> {
    const target = targetOf(inputs);
    return writeAndRead(clientFor(inputs, target, configuredRegion), target, inputs);
}

async function writeAndRead(client: CognitoIdentityProviderClient, target: Target, inputs: MfaPreferenceInputs): Promise<AppliedPreference> {
    await setMfaPreference(client, target, desiredSettings(inputs), "fail");
    const written = (await getUserMfa(client, target, "fail"))!;
    await checkTurnedOff(client, target, inputs, written);
    return appliedAs(inputs, target, written);
}

/** The id and outputs of a resource whose user Cognito reports as USER. */
function appliedAs(inputs: MfaPreferenceInputs, target: Target, user: UserMfa): AppliedPreference {
    const userPoolId = userPoolIdOf(target);
    const outs = reportedOutputs(inputs, user.reported);
    if (target.kind === "selfService") {
        outs.userPoolId = userPoolId;
        outs.username = user.username;
    }
    return { id: resourceId(userPoolId, target.kind === "admin" ? target.username : user.username), outs };
}

/**
 * Refresh and import: one read. With nothing stored but the id (an import), every factor that
 * can be read back is taken up; passkey MFA cannot be (Cognito reports no per-user flag for it).
 * Undefined when the user or pool is gone.
 */
export async function readPreference(id: string, stored: MfaPreferenceOutputs | undefined, configuredRegion?: string): Promise<ReadPreference | undefined> {
    let known = inputsOf(stored ?? { enabledMfas: [] });
    // An import (or a `get`) knows the user only from the id.
    const fromIdAlone = known.accessToken === undefined && (known.userPoolId === undefined || known.username === undefined);
    if (fromIdAlone) {
        const parsed = parseResourceId(id);
        if (parsed === undefined) {
            throw new CognitoMfaError(`cannot import ${JSON.stringify(id)}: the id of a UserMfaPreference is <userPoolId>/<username>, such as us-east-1_AbC123xyz/alice`);
        }
        known = { ...known, ...parsed };
        for (const factor of PREFERABLE_FACTORS) {
            known[factor] = { enabled: false, preferred: false };
        }
    }
    const target = targetOf(known);
    const user = await getUserMfa(clientFor(known, target, configuredRegion), target, "answer");
    if (user === undefined && fromIdAlone) {
        // Answered with "gone", the engine would report that the provider cannot import at all.
        throw new CognitoMfaError(
            `cannot import ${JSON.stringify(id)}: user pool ${known.userPoolId} has no user ${JSON.stringify(known.username)}, or there is no such pool where it was read; ` +
                "check the id (<userPoolId>/<username>, with the username itself rather than an alias) and the region and endpoint",
        );
    }
    if (user === undefined) {
        return undefined;
    }
    const props = reportedOutputs(known, user.reported);
    const inputs = inputsOf(props);
    if (target.kind === "selfService") {
        delete inputs.userPoolId;
        delete inputs.username;
    }
    return { id, props, inputs };
}

/** Delete: turns the managed factors off. A user or pool already gone is success. */
export async function deletePreference(props: MfaPreferenceOutputs, configuredRegion?: string): Promise<void> {
    const target = targetOf(props);
    const settings = disabledSettings(props);
    if (Object.keys(settings).length === 0) {
        return;
    }
    try {
        await setMfaPreference(clientFor(props, target, configuredRegion), target, settings, "answer");
    } catch (error) {
        // Never wedge the stack: say how to let go of the resource without touching the user.
        const reason = error instanceof Error ? error.message : String(error);
        throw new CognitoMfaError(
            `${reason}. The managed factors were not disabled. To stop managing this user without changing them, run \`pulumi state delete <URN of this resource>\` and remove it from the program.`,
        );
    }
}
