// `cognitomfa_user_mfa_preference_set`: many users' MFA in one resource, the core's
// UserMfaPreferenceSet in Terraform's calls. The core decides which users to read and write; this
// file translates, plans the computed `reported_mfas` user by user (an unchanged user's entry stays
// known), and keeps what a failed run did:
//   - a create that fails for some users returns no state: Terraform would taint a saved one and
//     replace it next time, turning every user's MFA off and on. The next apply adopts again, and
//     writes only the users still to do.
//   - an update that fails for some users returns the state as far as it was done.

import { checkSetInputs } from "../core/setCheck";
import { diffSetInputs, own, userChanges } from "../core/setDiff";
import { createPreferenceSet, deletePreferenceSet, IncompleteSetError, readPreferenceSet, updatePreferenceSet, type SetRunOptions } from "../core/setOperations";
import { managedFactors } from "../core/mapping";
import type { MfaPreferenceSetInputs, MfaPreferenceSetOutputs, ReportedUserMfa } from "../core/types";
import { isUnknown, UNKNOWN } from "../core/unknown";
import { progressLines } from "../process/progressLines";
import { checkDiagnostics, errorDiagnostic } from "./diagnostics";
import { idOnly, located, type Applied, type Planned, type ProviderSettings, type ResourceType, type TerraformObject } from "./resourceTypes";
import { RESOURCE_SCHEMAS, SET_RESOURCE } from "./schema";
import { toCore, toTerraform } from "./values";

const schema = RESOURCE_SCHEMAS[SET_RESOURCE];

function coreOf(value: TerraformObject | null): Record<string, unknown> {
    return toCore(value, schema.attributes);
}

/** The state of the core's outputs, with the configuration's own endpoint. */
function stateOf(id: string, outputs: MfaPreferenceSetOutputs, endpoint: unknown): TerraformObject {
    return toTerraform({ ...outputs, id, endpoint }, schema.attributes);
}

/** Progress and every failed user, on stderr (the CLI's log), and the CLI's stop. */
function runOptions(userPoolId: string, settings: ProviderSettings): SetRunOptions {
    return { ...progressLines(`${SET_RESOURCE} ${userPoolId}`), cancelled: () => settings.stopped() };
}

function validate(config: TerraformObject): ReturnType<ResourceType["validate"]> {
    return checkDiagnostics(checkSetInputs(coreOf(config)).failures);
}

/**
 * The planned `reported_mfas`: a user whose declaration changes is unknown until apply, one no
 * longer declared leaves, and one declared with no factor keeps what was stored (it is let go of,
 * not read).
 */
function plannedReports(stored: MfaPreferenceSetOutputs, declared: MfaPreferenceSetInputs): Record<string, ReportedUserMfa | string> {
    const reports: Record<string, ReportedUserMfa | string> = { ...stored.reportedMfas };
    const { changed, removed } = userChanges(stored.users ?? {}, declared.users);
    for (const username of removed) {
        delete reports[username];
    }
    for (const username of changed) {
        const factors = own(declared.users, username)!;
        if (isUnknown(factors) || managedFactors({ userPoolId: declared.userPoolId, username, ...factors }).length > 0) {
            reports[username] = UNKNOWN;
        }
    }
    return reports;
}

function plan(prior: TerraformObject | null, proposed: TerraformObject | null, config: TerraformObject | null): Planned {
    if (proposed === null || config === null) {
        return { planned: null, requiresReplace: [], diagnostics: [] };
    }
    const { inputs, failures } = checkSetInputs(coreOf(config));
    if (failures.length > 0) {
        return { planned: proposed, requiresReplace: [], diagnostics: checkDiagnostics(failures) };
    }
    if (prior === null) {
        return { planned: toTerraform({ ...inputs, id: UNKNOWN, reportedMfas: UNKNOWN }, schema.attributes), requiresReplace: [], diagnostics: [] };
    }
    const stored = coreOf(prior) as MfaPreferenceSetOutputs;
    const { replaces } = diffSetInputs(stored, inputs);
    if (replaces.length > 0) {
        return { planned: toTerraform({ ...inputs, id: UNKNOWN, reportedMfas: UNKNOWN }, schema.attributes), requiresReplace: [["user_pool_id"]], diagnostics: [] };
    }
    const reportedMfas = isUnknown(inputs.users) ? UNKNOWN : plannedReports(stored, inputs);
    return { planned: toTerraform({ ...inputs, id: prior.id, reportedMfas }, schema.attributes), requiresReplace: [], diagnostics: [] };
}

async function apply(prior: TerraformObject | null, planned: TerraformObject | null, config: TerraformObject | null, settings: ProviderSettings): Promise<Applied> {
    if (planned === null || config === null) {
        const stored = coreOf(prior) as MfaPreferenceSetOutputs;
        try {
            await deletePreferenceSet(located(stored, settings), settings.region, runOptions(stored.userPoolId, settings));
            return { newState: null, diagnostics: [] };
        } catch (error) {
            return { newState: prior, diagnostics: [errorDiagnostic("Turning off the users' managed factors failed", error, "users")] };
        }
    }
    const declared = coreOf(config);
    const inputs = located(checkSetInputs(declared).inputs, settings);
    const run = runOptions(inputs.userPoolId, settings);
    try {
        if (prior === null) {
            const { id, outs } = await createPreferenceSet(inputs, settings.region, run);
            return { newState: stateOf(id, outs, declared.endpoint), diagnostics: [] };
        }
        const outs = await updatePreferenceSet(coreOf(prior) as MfaPreferenceSetOutputs, inputs, settings.region, run);
        return { newState: stateOf(prior.id as string, outs, declared.endpoint), diagnostics: [] };
    } catch (error) {
        const diagnostics = [errorDiagnostic(prior === null ? "Adopting the users failed" : "Updating the users failed", prior === null ? asUnsavedCreate(error) : error, "users")];
        if (prior !== null && error instanceof IncompleteSetError) {
            return { newState: stateOf(error.id, error.properties, declared.endpoint), diagnostics };
        }
        return { newState: prior, diagnostics };
    }
}

/** A failed create saves no state: its message says what happens instead. */
function asUnsavedCreate(error: unknown): unknown {
    if (!(error instanceof IncompleteSetError)) {
        return error;
    }
    return new Error(
        error.message.replace(
            /The state holds every user that was done; .*$/m,
            "Nothing is saved to the state (a saved create would be tainted, then replaced); what was written stays in Cognito, and the next apply adopts again and writes only the users still to do.",
        ),
    );
}

async function read(state: TerraformObject, settings: ProviderSettings): Promise<Applied> {
    const stored = coreOf(state) as MfaPreferenceSetOutputs;
    const id = state.id as string;
    try {
        // After an import the state holds the id alone: the core then lists the pool's users.
        const found = await readPreferenceSet(id, located(stored, settings), settings.region, runOptions(stored.userPoolId ?? id, settings));
        return { newState: stateOf(found.id, found.props, stored.endpoint), diagnostics: [] };
    } catch (error) {
        return { newState: state, diagnostics: [errorDiagnostic(state.users === null ? "Importing the users failed" : "Reading the users failed", error, "users")] };
    }
}

export const setResource: ResourceType = { schema, validate, plan, apply, read, imported: (id) => idOnly(schema, id) };
