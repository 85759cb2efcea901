// The Terraform provider's schemas, made from the resource's definition
// (provider/core/definition.ts), as provider/native/schema.ts makes Pulumi's: every attribute, type,
// sensitivity and description comes from the definition, named in Terraform's snake_case. Only
// what is Terraform's own is written here: the type names, the provider's settings, the `id`
// attributes, the data source's shape, and which attributes are computed.

import { BLOCKS, MAP_BLOCKS, USER_MFA_PREFERENCE, USER_MFA_PREFERENCE_SET, type BlockDefinition, type PropertyDefinition } from "../core/definition";
import { terraformName, terraformText } from "./terms";

/** The provider's type name: resources and data sources are named `cognitomfa_…`. */
export const PROVIDER_NAME = "cognitomfa";
export const USER_RESOURCE = `${PROVIDER_NAME}_user_mfa_preference`;
export const SET_RESOURCE = `${PROVIDER_NAME}_user_mfa_preference_set`;
export const USER_DATA_SOURCE = `${PROVIDER_NAME}_user_mfa`;

/** The provider's version, which is the package's (a unit test holds them equal). */
export const PROVIDER_VERSION = "0.1.0";

/** A cty type, as Terraform reads it from JSON. */
export type CtyType = "string" | "bool" | ["list", CtyType] | ["map", CtyType] | ["object", Record<string, CtyType>];

/** One attribute: a value of a cty type, or (protocol 6) nested attributes. */
export interface TerraformAttribute {
    name: string;
    type?: CtyType;
    nested?: { nesting: "SINGLE" | "MAP"; attributes: TerraformAttribute[] };
    description: string;
    required?: boolean;
    optional?: boolean;
    computed?: boolean;
    sensitive?: boolean;
    /** Never in plan or state (Terraform and OpenTofu 1.11+; older CLIs store it, sensitive). */
    writeOnly?: boolean;
    /**
     * Served as a block type of its nesting (`users "alice" { … }`) rather than an attribute
     * (`users = { alice = { … } }`). The value is the same map of objects in plan, state and JSON
     * configuration; the CLI decodes blocks one by one, where it converts a map attribute's object
     * literal by unifying every element's type (cty's conversionObjectToMap), which cost OpenTofu
     * 15 s of CPU a plan at 10,000 users (BENCHMARKS.md, "Terraform and OpenTofu").
     */
    block?: boolean;
}

export interface TerraformSchema {
    version: number;
    description: string;
    attributes: TerraformAttribute[];
}

const ID_DESCRIPTION = {
    [USER_RESOURCE]: "`<user_pool_id>/<username>`: the id `terraform import` takes.",
    [SET_RESOURCE]: "The user pool's id: the id `terraform import` takes.",
    [USER_DATA_SOURCE]: "`<user_pool_id>/<username>`.",
};

const REGION_DESCRIPTION =
    "Overrides the region. Default: the user pool id's prefix; else the provider's `region`; else the AWS SDK's chain (`AWS_REGION`, the profile).";
const ENDPOINT_DESCRIPTION =
    "Overrides the Cognito endpoint, for emulators. Default: the provider's `endpoint`, then `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`, then `AWS_ENDPOINT_URL`, then AWS.";

/**
 * Where Terraform's meaning differs from Pulumi's, so must the text: the location's defaults (the
 * provider's settings), the token (write-only, never stored), and the user's identity (a change
 * replaces; the token form reads it from the token).
 */
const TERRAFORM_DESCRIPTIONS: Record<string, Record<string, string>> = {
    [USER_RESOURCE]: {
        region: REGION_DESCRIPTION,
        endpoint: ENDPOINT_DESCRIPTION,
        userPoolId:
            "The user pool, `<region>_<id>`. Admin form: give it with `username`. With `access_token`, read from the token at plan. Changing it replaces the resource.",
        username:
            "The user's username or an alias (such as a verified email). Admin form: give it with `user_pool_id`. With `access_token`, the username the token names, read at plan. Changing it replaces the resource.",
        accessToken:
            "Self-service form, instead of `user_pool_id` and `username`: an access token that Cognito issued to the user, with the `aws.cognito.signin.user.admin` scope, used to write. Sensitive and write-only: with Terraform or OpenTofu 1.11 and newer it is kept in no plan and no state (pass it from an `ephemeral` variable). Refresh and destroy, which see no configuration, use the admin calls on `user_pool_id` and `username`, with the provider's AWS credentials.",
    },
    [SET_RESOURCE]: { region: REGION_DESCRIPTION, endpoint: ENDPOINT_DESCRIPTION },
    [USER_DATA_SOURCE]: {
        region: REGION_DESCRIPTION,
        endpoint: ENDPOINT_DESCRIPTION,
        userPoolId: "The user pool, `<region>_<id>`.",
        username: "The user's username or an alias (such as a verified email).",
    },
};

/** The data source's factor blocks: what Cognito reports, not what to manage. */
const REPORTED_FACTOR_DESCRIPTION = "As Cognito reports it: whether the factor is enabled, and whether it is the preferred one.";
const REPORTED_FIELD_DESCRIPTIONS: Record<string, string> = {
    enabled: "Whether the factor is enabled for the user.",
    preferred: "Whether this is the factor Cognito asks for first.",
};

/** Attributes whose value the provider decides when the configuration leaves them out. */
const COMPUTED_INPUTS: Record<string, readonly string[]> = {
    // The self-service form names the user by the token: the pool and username are then read from it.
    [USER_RESOURCE]: ["userPoolId", "username"],
    [SET_RESOURCE]: [],
};

function nestedBlock(block: BlockDefinition, asOutputOnly: boolean): TerraformAttribute["nested"] {
    return {
        nesting: "SINGLE",
        attributes: Object.entries(block.properties).map(([name, definition]) => blockAttribute(name, definition, asOutputOnly)),
    };
}

/** An attribute of a factor block: `preferred` has a default, so the provider fills it in (computed). */
function blockAttribute(name: string, definition: PropertyDefinition, asOutputOnly: boolean): TerraformAttribute {
    const description = asOutputOnly ? REPORTED_FIELD_DESCRIPTIONS[name] : terraformText(definition.description);
    const attribute: TerraformAttribute = { name: terraformName(name), type: ctyType(definition), description };
    if (asOutputOnly) {
        attribute.computed = true;
    } else if (definition.input === "required") {
        attribute.required = true;
    } else {
        attribute.optional = true;
        attribute.computed = definition.default !== undefined;
    }
    return attribute;
}

function ctyType(definition: PropertyDefinition): CtyType | undefined {
    switch (definition.type) {
        case "string":
            return "string";
        case "boolean":
            return "bool";
        case "stringArray":
            return ["list", "string"];
        case "reportedMfaMap":
            return ["map", ["object", Object.fromEntries(Object.entries(MAP_BLOCKS.reportedMfaMap.properties).map(([name, inner]) => [terraformName(name), ctyType(inner)!]))]];
        default:
            return undefined;
    }
}

function attributeOf(resource: string, name: string, definition: PropertyDefinition): TerraformAttribute {
    const attribute: TerraformAttribute = { name: terraformName(name), description: TERRAFORM_DESCRIPTIONS[resource]?.[name] ?? terraformText(definition.description) };
    if (definition.type === "factor" || definition.type === "passkey") {
        attribute.nested = nestedBlock(BLOCKS[definition.type], false);
    } else if (definition.type === "userFactorsMap") {
        attribute.nested = { nesting: "MAP", attributes: nestedFactorAttributes(false) };
        attribute.block = true;
    } else {
        attribute.type = ctyType(definition);
    }
    if (definition.input === false) {
        attribute.computed = true;
    } else if (definition.input === "required") {
        attribute.required = true;
    } else {
        attribute.optional = true;
        attribute.computed = COMPUTED_INPUTS[resource]?.includes(name) ?? false;
    }
    if (definition.secret) {
        attribute.sensitive = true;
        attribute.writeOnly = true;
    }
    return attribute;
}

/** A user's factor blocks, as the pool resource declares them (or the data source reports them). */
function nestedFactorAttributes(asOutputOnly: boolean): TerraformAttribute[] {
    return Object.entries(MAP_BLOCKS.userFactorsMap.properties)
        .filter(([, definition]) => !asOutputOnly || definition.type === "factor")
        .map(([name, definition]) => ({
            name: terraformName(name),
            nested: nestedBlock(BLOCKS[definition.type], asOutputOnly),
            description: asOutputOnly ? REPORTED_FACTOR_DESCRIPTION : terraformText(definition.description),
            ...(asOutputOnly ? { computed: true } : { optional: true }),
        }));
}

function resourceSchema(resource: string, block: BlockDefinition): TerraformSchema {
    const id: TerraformAttribute = { name: "id", type: "string", computed: true, description: ID_DESCRIPTION[resource as keyof typeof ID_DESCRIPTION] };
    return {
        version: 0,
        description: terraformText(block.description),
        attributes: [id, ...Object.entries(block.properties).map(([name, definition]) => attributeOf(resource, name, definition))],
    };
}

/** The data source: a user named by pool and username, and every factor as Cognito reports it. */
function dataSourceSchema(): TerraformSchema {
    const { userPoolId, username, region, endpoint, enabledMfas, preferredMfa } = USER_MFA_PREFERENCE.properties;
    const required = (name: string, definition: PropertyDefinition): TerraformAttribute => ({ ...attributeOf(USER_DATA_SOURCE, name, definition), required: true, optional: false, computed: false });
    return {
        version: 0,
        description:
            "One Cognito user's MFA as Cognito reports it (AdminGetUser): every factor that can be read back, whether or not a resource manages it. Passkey MFA is not reported per user, so it is absent.",
        attributes: [
            { name: "id", type: "string", computed: true, description: ID_DESCRIPTION[USER_DATA_SOURCE] },
            required("userPoolId", userPoolId),
            required("username", username),
            ...nestedFactorAttributes(true),
            attributeOf(USER_DATA_SOURCE, "region", region),
            attributeOf(USER_DATA_SOURCE, "endpoint", endpoint),
            attributeOf(USER_DATA_SOURCE, "enabledMfas", enabledMfas),
            attributeOf(USER_DATA_SOURCE, "preferredMfa", preferredMfa),
        ],
    };
}

/** The provider's own settings: the defaults of every resource's location. */
export const PROVIDER_SCHEMA: TerraformSchema = {
    version: 0,
    description:
        "Manages Amazon Cognito users' MFA preferences. Credentials come from the AWS SDK's default chain (environment, shared config and SSO profiles, web identity, container and instance roles).",
    attributes: [
        { name: "region", type: "string", optional: true, description: "The region of user pools whose id does not name one. Default: the AWS SDK's chain (`AWS_REGION`, the profile)." },
        {
            name: "endpoint",
            type: "string",
            optional: true,
            description: "The Cognito endpoint, for emulators. Default: `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`, then `AWS_ENDPOINT_URL`, then AWS.",
        },
    ],
};

export const RESOURCE_SCHEMAS: Record<string, TerraformSchema> = {
    [USER_RESOURCE]: resourceSchema(USER_RESOURCE, USER_MFA_PREFERENCE),
    [SET_RESOURCE]: resourceSchema(SET_RESOURCE, USER_MFA_PREFERENCE_SET),
};

export const DATA_SOURCE_SCHEMAS: Record<string, TerraformSchema> = {
    [USER_DATA_SOURCE]: dataSourceSchema(),
};
