// `cognitomfa_user_mfa_preference`: one user's MFA, the core's UserMfaPreference in Terraform's
// calls. Every decision (validation, what changed, reads and writes) is the core's; this file
// translates, and decides only what the protocol asks of a provider: the planned value of each
// computed attribute, and which changes replace.
//
// The access token is write-only (Terraform and OpenTofu 1.11+): it is in the configuration at plan
// and apply, and nowhere else. So the user is identified in state by `user_pool_id` and
// `username` (read from the token's claims at plan), a change of either replaces, and refresh and
// destroy, which see no configuration, use the admin calls (AdminGetUser,
// AdminSetUserMFAPreference) on that pool and username.

import { readAccessTokenClaims } from "../core/accessToken";
import { checkInputs } from "../core/check";
import { diffInputs } from "../core/diff";
import { applyPreference, createPreference, deletePreference, readPreference } from "../core/operations";
import type { MfaPreferenceInputs, MfaPreferenceOutputs } from "../core/types";
import { isUnknown, UNKNOWN } from "../core/unknown";
import { checkDiagnostics, errorDiagnostic } from "./diagnostics";
import { idOnly, located, type Applied, type Planned, type ProviderSettings, type ResourceType, type TerraformObject } from "./resourceTypes";
import { RESOURCE_SCHEMAS, USER_RESOURCE } from "./schema";
import { toCore, toTerraform } from "./values";

const schema = RESOURCE_SCHEMAS[USER_RESOURCE];
const IDENTITY = ["userPoolId", "username"] as const;

type CoreProperties = Record<string, unknown>;

function coreOf(value: TerraformObject | null): CoreProperties {
    return toCore(value, schema.attributes);
}

/** The state of PROPERTIES (the core's outputs): the configuration's own endpoint, and the token only where the CLI stores it. */
function stateOf(id: string, properties: CoreProperties, own: { endpoint?: unknown; accessToken?: unknown }, settings: ProviderSettings): TerraformObject {
    const state: CoreProperties = { ...properties, id, endpoint: own.endpoint };
    state.accessToken = settings.writeOnlyAttributes ? undefined : own.accessToken;
    return toTerraform(state, schema.attributes);
}

/** The pool and username a token names, read offline; unknown until the token is. */
function tokenIdentity(token: unknown): Pick<CoreProperties, "userPoolId" | "username"> {
    const claims = typeof token === "string" && !isUnknown(token) ? readAccessTokenClaims(token) : undefined;
    return { userPoolId: claims?.userPoolId ?? UNKNOWN, username: claims?.username ?? UNKNOWN };
}

function validate(config: TerraformObject): ReturnType<ResourceType["validate"]> {
    return checkDiagnostics(checkInputs(coreOf(config)).failures);
}

function plan(prior: TerraformObject | null, proposed: TerraformObject | null, config: TerraformObject | null, settings: ProviderSettings): Planned {
    if (proposed === null || config === null) {
        return { planned: null, requiresReplace: [], diagnostics: [] };
    }
    const { inputs, failures } = checkInputs(coreOf(config));
    if (failures.length > 0) {
        return { planned: proposed, requiresReplace: [], diagnostics: checkDiagnostics(failures) };
    }
    const planned: CoreProperties = { ...inputs };
    if (inputs.accessToken !== undefined) {
        Object.assign(planned, tokenIdentity(inputs.accessToken));
    }
    if (settings.writeOnlyAttributes) {
        delete planned.accessToken;
    }
    if (prior === null) {
        return { planned: toTerraform({ ...planned, id: UNKNOWN, enabledMfas: UNKNOWN, preferredMfa: UNKNOWN }, schema.attributes), requiresReplace: [], diagnostics: [] };
    }
    const stored = coreOf(prior) as MfaPreferenceOutputs;
    const replaced = IDENTITY.filter((property) => isUnknown(planned[property]) || planned[property] !== stored[property]);
    // The core compares the token's user too; here the user is the pool and username above, so the
    // stored side is given the same token, and the core compares the factors, region and endpoint.
    const { changes } = diffInputs({ ...stored, accessToken: inputs.accessToken }, inputs);
    if (replaced.length > 0) {
        Object.assign(planned, { id: UNKNOWN, enabledMfas: UNKNOWN, preferredMfa: UNKNOWN });
    } else if (changes) {
        Object.assign(planned, { id: prior.id, enabledMfas: UNKNOWN, preferredMfa: UNKNOWN });
    } else {
        Object.assign(planned, { id: prior.id, enabledMfas: stored.enabledMfas, preferredMfa: stored.preferredMfa });
    }
    return {
        planned: toTerraform(planned, schema.attributes),
        requiresReplace: replaced.map((property) => [property === "userPoolId" ? "user_pool_id" : property]),
        diagnostics: [],
    };
}

/** The stored user, for the admin calls of refresh and destroy: the token, if stored at all, is not used. */
function storedUser(state: TerraformObject): MfaPreferenceOutputs {
    const stored = coreOf(state) as MfaPreferenceOutputs;
    delete stored.accessToken;
    return stored;
}

async function apply(prior: TerraformObject | null, planned: TerraformObject | null, config: TerraformObject | null, settings: ProviderSettings): Promise<Applied> {
    if (planned === null || config === null) {
        try {
            await deletePreference(located(storedUser(prior!), settings), settings.region);
            return { newState: null, diagnostics: [] };
        } catch (error) {
            return { newState: prior, diagnostics: [errorDiagnostic("Turning off the managed factors failed", error)] };
        }
    }
    const own = coreOf(config);
    const inputs = located(checkInputs(own).inputs as MfaPreferenceInputs, settings);
    try {
        const { id, outs } = prior === null ? await createPreference(inputs, settings.region) : await applyPreference(inputs, settings.region);
        return { newState: stateOf(id, outs, own, settings), diagnostics: [] };
    } catch (error) {
        // A failed create saves nothing (a saved one would be tainted, then replaced); a failed
        // update keeps the prior state, which the next refresh corrects.
        return { newState: prior, diagnostics: [errorDiagnostic(prior === null ? "Setting the user's MFA failed" : "Updating the user's MFA failed", error)] };
    }
}

async function read(state: TerraformObject, settings: ProviderSettings): Promise<Applied> {
    const stored = storedUser(state);
    const id = state.id as string;
    try {
        // After an import the state holds the id alone: the core then reads the user it names.
        const found = await readPreference(id, located(stored, settings), settings.region);
        if (found === undefined) {
            return { newState: null, diagnostics: [] };
        }
        return { newState: stateOf(found.id, found.props, { endpoint: stored.endpoint, accessToken: state.access_token ?? undefined }, settings), diagnostics: [] };
    } catch (error) {
        return { newState: state, diagnostics: [errorDiagnostic("Reading the user's MFA failed", error)] };
    }
}

export const userResource: ResourceType = { schema, validate, plan, apply, read, imported: (id) => idOnly(schema, id) };
