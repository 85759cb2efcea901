// The native provider's Pulumi package schema, made from the resource's definition
// (provider/core/definition.ts): GetSchema serves it, and scripts/setup/build-native.sh writes it to
// build/schema.json for the SDK generators. Every property, type, secret and description comes
// from the definition; only what is Pulumi's own is written here: the package's names and
// versions, the language sections, the provider's description and the type tokens.

import { BLOCKS, MAP_BLOCKS, USER_MFA_PREFERENCE, USER_MFA_PREFERENCE_SET, type BlockDefinition, type PropertyDefinition, type PropertyType } from "../core/definition";
import { PACKAGE_NAME, RESOURCE_TYPE, SET_RESOURCE_TYPE } from "./provider";

/**
 * The plugin's version, which is the package's: a unit test and scripts/setup/build-native.sh check that
 * it equals package.json's. (The plugin is bundled on its own, so it does not read package.json.)
 */
export const PLUGIN_VERSION = "0.1.0";

/**
 * The project's GitHub repository, named once: the engine downloads the plugin from its releases
 * (`github://` below: `pulumi-resource-cognito-mfa-v<version>-<os>-<arch>.tar.gz`), and the Go
 * SDK's module path is under it.
 */
export const REPOSITORY = "pulumi-cognito-mfa/pulumi-cognito-mfa";

/** The schema's token of each block type, and of the block each map holds by username. */
const BLOCK_TYPES: Record<keyof typeof BLOCKS | keyof typeof MAP_BLOCKS, string> = {
    factor: `${PACKAGE_NAME}:index:FactorSettings`,
    passkey: `${PACKAGE_NAME}:index:PasskeyFactorSettings`,
    userFactorsMap: `${PACKAGE_NAME}:index:UserFactors`,
    reportedMfaMap: `${PACKAGE_NAME}:index:ReportedMfa`,
};

/**
 * Always in the outputs (the definition says so), but never listed as required by the schema:
 * listing them now would change the released SDKs' types (Go `StringPtrOutput` to `StringOutput`,
 * Python `Optional[str]` to `str`, TypeScript `Output<string | undefined>` to `Output<string>`).
 */
const OPTIONAL_IN_SDKS: readonly string[] = ["userPoolId", "username"];

export interface PropertySpec {
    type?: string;
    items?: { type: string };
    additionalProperties?: { $ref: string };
    $ref?: string;
    secret?: boolean;
    description: string;
}

export interface ObjectTypeSpec {
    type: "object";
    description: string;
    properties: Record<string, PropertySpec>;
    required?: string[];
}

export interface ResourceSpec {
    description: string;
    properties: Record<string, PropertySpec>;
    required?: string[];
    inputProperties: Record<string, PropertySpec>;
    requiredInputs?: string[];
}

export interface PackageSpec {
    name: string;
    displayName: string;
    version: string;
    description: string;
    keywords: string[];
    license: string;
    repository: string;
    pluginDownloadURL: string;
    meta: { moduleFormat: string };
    language: Record<string, object>;
    provider: { description: string };
    resources: Record<string, ResourceSpec>;
    types: Record<string, ObjectTypeSpec>;
}

function typeSpec(type: PropertyType): Omit<PropertySpec, "description"> {
    switch (type) {
        case "string":
        case "boolean":
            return { type };
        case "stringArray":
            return { type: "array", items: { type: "string" } };
        case "factor":
        case "passkey":
            return { $ref: `#/types/${BLOCK_TYPES[type]}` };
        case "userFactorsMap":
        case "reportedMfaMap":
            return { type: "object", additionalProperties: { $ref: `#/types/${BLOCK_TYPES[type]}` } };
    }
}

function propertySpec(definition: PropertyDefinition): PropertySpec {
    return { ...typeSpec(definition.type), ...(definition.secret ? { secret: true } : {}), description: definition.description };
}

function specs(block: BlockDefinition, include: (definition: PropertyDefinition) => boolean): Record<string, PropertySpec> {
    return Object.fromEntries(
        Object.entries(block.properties)
            .filter(([, definition]) => include(definition))
            .map(([name, definition]) => [name, propertySpec(definition)]),
    );
}

function namesWhere(block: BlockDefinition, include: (definition: PropertyDefinition) => boolean): string[] {
    return Object.entries(block.properties)
        .filter(([, definition]) => include(definition))
        .map(([name]) => name);
}

/** `required` and `requiredInputs`, left out when empty, as they always were. */
function listed<Key extends string>(key: Key, names: string[]): Partial<Record<Key, string[]>> {
    return names.length === 0 ? {} : ({ [key]: names } as Record<Key, string[]>);
}

function resourceSpec(resource: BlockDefinition, optionalInSdks: readonly string[] = []): ResourceSpec {
    const isOutput = (definition: PropertyDefinition) => definition.output !== false;
    const isInput = (definition: PropertyDefinition) => definition.input !== false;
    const alwaysOutput = namesWhere(resource, (definition) => definition.output === "always");
    return {
        description: resource.description,
        properties: specs(resource, isOutput),
        ...listed("required", alwaysOutput.filter((name) => !optionalInSdks.includes(name))),
        inputProperties: specs(resource, isInput),
        ...listed("requiredInputs", namesWhere(resource, (definition) => definition.input === "required")),
    };
}

/**
 * An object type, for inputs and outputs alike: its `required` is what a program must give (a
 * factor's outputs always hold `preferred` too, which one shared type cannot say); for a type
 * that is only an output, what is always there.
 */
function objectTypeSpec(block: BlockDefinition): ObjectTypeSpec {
    const outputOnly = Object.values(block.properties).every((definition) => definition.input === false);
    const required = (definition: PropertyDefinition) => (outputOnly ? definition.output === "always" : definition.input === "required");
    return {
        type: "object",
        description: block.description,
        properties: specs(block, (definition) => definition.input !== false || definition.output !== false),
        ...listed("required", namesWhere(block, required)),
    };
}

export function nativeSchema(): PackageSpec {
    return {
        name: PACKAGE_NAME,
        displayName: "Cognito MFA",
        version: PLUGIN_VERSION,
        description: "Manages an Amazon Cognito user's MFA preference (SMS, TOTP, email OTP, passkey), with read, drift detection and import.",
        keywords: ["pulumi", "aws", "cognito", "mfa", "category/cloud", "kind/native"],
        license: "Apache-2.0",
        repository: `https://github.com/${REPOSITORY}`,
        pluginDownloadURL: `github://api.github.com/${REPOSITORY}`,
        meta: { moduleFormat: "(.*)" },
        language: {
            nodejs: {
                packageName: "pulumi-cognito-mfa-native",
                packageDescription: "Manages an Amazon Cognito user's MFA preference with the cognito-mfa Pulumi provider plugin.",
                respectSchemaVersion: true,
                dependencies: { "@pulumi/pulumi": "^3.248.0" },
            },
            python: {
                packageName: "pulumi_cognito_mfa",
                respectSchemaVersion: true,
                pyproject: { enabled: true },
                requires: { pulumi: ">=3.248.0,<4.0.0" },
            },
            go: {
                importBasePath: `github.com/${REPOSITORY}/sdk/go/cognitomfa`,
                respectSchemaVersion: true,
                generateResourceContainerTypes: true,
            },
        },
        provider: {
            description:
                "The cognito-mfa provider. It takes no configuration: the region comes from each resource's region input, else its user pool id, else the AWS SDK's chain (AWS_REGION, the profile); credentials come from the AWS SDK's default chain; the endpoint from the endpoint input or AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER.",
        },
        resources: { [RESOURCE_TYPE]: resourceSpec(USER_MFA_PREFERENCE, OPTIONAL_IN_SDKS), [SET_RESOURCE_TYPE]: resourceSpec(USER_MFA_PREFERENCE_SET) },
        types: Object.fromEntries(
            Object.entries({ ...BLOCKS, ...MAP_BLOCKS }).map(([type, block]) => [BLOCK_TYPES[type as keyof typeof BLOCK_TYPES], objectTypeSpec(block)]),
        ),
    };
}
