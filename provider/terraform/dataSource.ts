// `data "cognitomfa_user_mfa"`: one user's MFA as Cognito reports it, managed or not: the core's
// read of a user named by pool and username, with every factor that can be read back taken up.

import { checkInputs } from "../core/check";
import { readPreference, resourceId } from "../core/operations";
import { PREFERABLE_FACTORS } from "../core/types";
import { checkDiagnostics, errorDiagnostic } from "./diagnostics";
import { located, type Applied, type DataSourceType, type ProviderSettings, type TerraformObject } from "./resourceTypes";
import { DATA_SOURCE_SCHEMAS, USER_DATA_SOURCE } from "./schema";
import { toCore, toTerraform } from "./values";

const schema = DATA_SOURCE_SCHEMAS[USER_DATA_SOURCE];

/** The configuration as a resource's inputs: the user, its location, and every factor to read back. */
function asResourceInputs(config: TerraformObject): Record<string, unknown> {
    const factors = Object.fromEntries(PREFERABLE_FACTORS.map((factor) => [factor, { enabled: false }]));
    return { ...toCore(config, schema.attributes), ...factors };
}

function validate(config: TerraformObject) {
    return checkDiagnostics(checkInputs(asResourceInputs(config)).failures);
}

async function read(config: TerraformObject, settings: ProviderSettings): Promise<Applied> {
    const own = toCore(config, schema.attributes) as { userPoolId: string; username: string; region?: string; endpoint?: string };
    const id = resourceId(own.userPoolId, own.username);
    try {
        // Given the id alone, the core reads the user and takes up every factor it reports.
        const found = await readPreference(id, located({ enabledMfas: [], region: own.region, endpoint: own.endpoint }, settings), settings.region);
        return { newState: toTerraform({ ...found!.props, id, region: own.region, endpoint: own.endpoint }, schema.attributes), diagnostics: [] };
    } catch (error) {
        return { newState: null, diagnostics: [errorDiagnostic(`Reading the MFA of user ${JSON.stringify(own.username)} failed`, error)] };
    }
}

export const userDataSource: DataSourceType = { schema, validate, read };
