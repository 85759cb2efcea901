// The resource's shape, written once: every property of UserMfaPreference and of its factor
// blocks, with its type, direction, required-ness, secretness, default and description.
//
// It lives in the core because the core is what every front end runs, and as TypeScript because
// the compiler checks it and derives the core's types from it (types.ts). The native provider's
// schema is a Pulumi artifact generated from it (provider/native/schema.ts), not the other way
// round. Unit tests hold the dynamic resource's types and doc comments, and the Inputs and Outputs
// tables of docs/_index.md, to it (test/unit/definition.test.ts). Plain data: the core imports no Pulumi.

/**
 * A property's value: a scalar, a list of strings, one of the blocks below, or a map from
 * username to one of the pool resource's blocks (`userFactorsMap`, `reportedMfaMap`).
 */
export type PropertyType = "string" | "boolean" | "stringArray" | "factor" | "passkey" | "userFactorsMap" | "reportedMfaMap";

export interface PropertyDefinition {
    readonly type: PropertyType;
    /** As an input: must be given, may be given, or not an input. */
    readonly input: "required" | "optional" | false;
    /** As an output: present in every output, may be absent, or not an output. */
    readonly output: "always" | "optional" | false;
    /** Kept secret in state and in outputs, whatever the program passed. */
    readonly secret?: true;
    /** The value `check` gives an optional input left out. */
    readonly default?: boolean;
    /**
     * The one description, used everywhere: the dynamic resource's doc comments, the tables of
     * docs/_index.md, and the schema's descriptions (so every SDK's documentation).
     */
    readonly description: string;
}

export interface BlockDefinition {
    readonly description: string;
    readonly properties: { readonly [name: string]: PropertyDefinition };
}

const AS_REPORTED = "As an output, as Cognito reports it after the last write or refresh.";

/** The block of a factor that can be preferred (`type: "factor"`). */
export const FACTOR_BLOCK = {
    description: "One MFA factor's setting for the user.",
    properties: {
        enabled: {
            type: "boolean",
            input: "required",
            output: "always",
            description: "true turns the factor on for the user, false turns it off.",
        },
        preferred: {
            type: "boolean",
            input: "optional",
            output: "always",
            default: false,
            description: "Whether this is the factor Cognito asks for first. At most one factor can be preferred. Default false.",
        },
    },
} as const satisfies BlockDefinition;

/** Passkey MFA's block (`type: "passkey"`): Cognito has no preference for it. */
export const PASSKEY_BLOCK = {
    description: "Passkey (WebAuthn) MFA for the user. Cognito has no preference for it.",
    properties: {
        enabled: {
            type: "boolean",
            input: "required",
            output: "always",
            description: "true turns passkey MFA on for the user, false turns it off.",
        },
    },
} as const satisfies BlockDefinition;

/** The resource, its properties in the order the documentation lists them. */
export const USER_MFA_PREFERENCE = {
    description:
        "One Cognito user's MFA preference: which factors are enabled and which one is preferred. Address the user with userPoolId and username (admin form, IAM credentials: AdminSetUserMFAPreference and AdminGetUser) or with the user's accessToken (self-service form: SetUserMFAPreference and GetUser). A factor that is omitted is not managed: never sent, never reported as drift, untouched on delete. Deleting the resource turns the managed factors off. Import with the id `<userPoolId>/<username>`: every factor Cognito reports is taken up (passkey MFA cannot be read back).",
    properties: {
        userPoolId: {
            type: "string",
            input: "optional",
            output: "always",
            description: "The user pool, `<region>_<id>`. Admin form: give it with `username`. In the self-service form, an output: the pool that issued the token.",
        },
        username: {
            type: "string",
            input: "optional",
            output: "always",
            description:
                "The user's username or an alias (such as a verified email). Admin form: give it with `userPoolId`. In the self-service form, an output: the username as Cognito reports it.",
        },
        accessToken: {
            type: "string",
            input: "optional",
            output: "optional",
            secret: true,
            description:
                "Self-service form, instead of `userPoolId` and `username`: an access token that Cognito issued to the user, with the `aws.cognito.signin.user.admin` scope. Stored only as a secret.",
        },
        smsMfa: {
            type: "factor",
            input: "optional",
            output: "optional",
            description: `SMS text message MFA. Needs the user's \`phone_number\`. Omitted: not managed (never sent, never reported as drift, untouched on delete). ${AS_REPORTED}`,
        },
        softwareTokenMfa: {
            type: "factor",
            input: "optional",
            output: "optional",
            description: `TOTP (authenticator app) MFA. Needs a verified software token. Omitted: not managed. ${AS_REPORTED}`,
        },
        emailMfa: {
            type: "factor",
            input: "optional",
            output: "optional",
            description: `Email OTP MFA. Needs the Essentials feature plan and an SES configuration. Omitted: not managed. ${AS_REPORTED}`,
        },
        webAuthnMfa: {
            type: "passkey",
            input: "optional",
            output: "optional",
            description:
                "Passkey (WebAuthn) MFA. Cognito requires another enabled factor beside it, and has no preference for it. Omitted: not managed. As an output, as last written: Cognito reports no per-user passkey MFA flag.",
        },
        region: {
            type: "string",
            input: "optional",
            output: "optional",
            description:
                "Overrides the region. Default: the user pool id's prefix; else, in the dynamic resource only, the stack's `aws:region`; else the AWS SDK's chain (`AWS_REGION`, the profile).",
        },
        endpoint: {
            type: "string",
            input: "optional",
            output: "optional",
            description:
                "Overrides the Cognito endpoint, for emulators. Default: `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`, then `AWS_ENDPOINT_URL`, then AWS.",
        },
        enabledMfas: {
            type: "stringArray",
            input: false,
            output: "always",
            description:
                "The user's `UserMFASettingList`, sorted: every enabled factor, managed or not (`SMS_MFA`, `SOFTWARE_TOKEN_MFA`, `EMAIL_OTP`). Empty when none.",
        },
        preferredMfa: {
            type: "string",
            input: false,
            output: "optional",
            description: "The user's `PreferredMfaSetting`, managed or not; absent when no factor is preferred.",
        },
    },
} as const satisfies BlockDefinition;

const { smsMfa, softwareTokenMfa, emailMfa, webAuthnMfa, enabledMfas, preferredMfa, region, endpoint } = USER_MFA_PREFERENCE.properties;

/** One user's entry in UserMfaPreferenceSet's `users`: UserMfaPreference's factor blocks, as they are there. */
export const USER_FACTORS_BLOCK = {
    description:
        "One user's MFA in a UserMfaPreferenceSet: the same factor blocks as UserMfaPreference's. A factor that is omitted is not managed; an entry with no factor is not managed at all (the way to let go of a user without touching them).",
    properties: { smsMfa, softwareTokenMfa, emailMfa, webAuthnMfa },
} as const satisfies BlockDefinition;

/** What Cognito reports of one user of a UserMfaPreferenceSet, managed or not. */
export const REPORTED_MFA_BLOCK = {
    description: "One user's whole MFA state as Cognito reports it, managed or not.",
    properties: { enabledMfas, preferredMfa },
} as const satisfies BlockDefinition;

/** The pool resource: many users' preferences in one resource, for pools of thousands. */
export const USER_MFA_PREFERENCE_SET = {
    description:
        "Many Cognito users' MFA preferences in one resource, for whole pools: `users` maps each username to the factor blocks of UserMfaPreference. Admin form only (IAM credentials: AdminSetUserMFAPreference and AdminGetUser). Create adopts: it reads every user and writes only those whose factors differ. Update writes only the users whose declaration changed; a user removed from the map has its managed factors turned off. Refresh reads every user. Deleting the resource turns every user's managed factors off. Import with the id `<userPoolId>`: every user of the pool with a factor enabled is taken up.",
    properties: {
        userPoolId: {
            type: "string",
            input: "required",
            output: "always",
            description: "The user pool, `<region>_<id>`. Changing it replaces the resource.",
        },
        users: {
            type: "userFactorsMap",
            input: "required",
            output: "always",
            description:
                "The users, by username (the username itself, not an alias), each with the factors to manage. As an output, each managed factor as Cognito reports it after the last write or refresh; a user deleted from the pool leaves the map.",
        },
        region,
        endpoint,
        reportedMfas: {
            type: "reportedMfaMap",
            input: false,
            output: "always",
            description: "Each user's `UserMFASettingList` (sorted, as `enabledMfas`) and `PreferredMfaSetting` (as `preferredMfa`), managed or not, by username.",
        },
    },
} as const satisfies BlockDefinition;

/** The block each block type stands for, maps included (each map holds that block by username). */
export const BLOCKS = { factor: FACTOR_BLOCK, passkey: PASSKEY_BLOCK } as const;
export const MAP_BLOCKS = { userFactorsMap: USER_FACTORS_BLOCK, reportedMfaMap: REPORTED_MFA_BLOCK } as const;
