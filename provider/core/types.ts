// Plain (resolved) shapes that cross the wire between the Pulumi engine and the provider, derived
// from the resource's definition (definition.ts). The public `Input<>` form of the arguments lives
// in resource.ts.

import { FACTOR_BLOCK, USER_MFA_PREFERENCE, USER_MFA_PREFERENCE_SET, type PropertyDefinition, type PropertyType } from "./definition";

type Properties = typeof USER_MFA_PREFERENCE.properties;
/** Each property's definition, with its name. */
type Entry = { [Name in keyof Properties]: Properties[Name] & { readonly name: Name } }[keyof Properties];

/** The resource's properties, in the definition's order. */
const ENTRIES = Object.entries(USER_MFA_PREFERENCE.properties).map(([name, definition]) => ({ ...definition, name })) as Entry[];

/** The factors whose preference Cognito lets a caller set. */
export const FACTORS = Object.freeze(ENTRIES.filter((entry) => entry.type === "factor" || entry.type === "passkey").map((entry) => entry.name));
export type Factor = (typeof FACTORS)[number];

/** Factors that can be the preferred one; passkey MFA has no preference in the API. */
export const PREFERABLE_FACTORS = Object.freeze(ENTRIES.filter((entry) => entry.type === "factor").map((entry) => entry.name));
export type PreferableFactor = (typeof PREFERABLE_FACTORS)[number];

/** The names Cognito uses for a factor in `UserMFASettingList` and `PreferredMfaSetting`. */
export const COGNITO_FACTOR_NAMES: Record<PreferableFactor, string> = {
    smsMfa: "SMS_MFA",
    softwareTokenMfa: "SOFTWARE_TOKEN_MFA",
    emailMfa: "EMAIL_OTP",
};

/** Every input property of the resource, in both front ends (and in the native schema): the scalars, then the factors. */
export const INPUT_PROPERTIES = Object.freeze([
    ...ENTRIES.filter((entry) => entry.input !== false && entry.type !== "factor" && entry.type !== "passkey").map((entry) => entry.name),
    ...FACTORS,
]);
export type InputProperty = (typeof INPUT_PROPERTIES)[number];

/** Output-only properties: everything else in the outputs is an input too. */
export const COMPUTED_PROPERTIES = Object.freeze(ENTRIES.filter((entry) => entry.input === false).map((entry) => entry.name));
export type ComputedProperty = (typeof COMPUTED_PROPERTIES)[number];

/** Properties kept secret whatever the program said: they authorize calls as the user. */
export const SECRET_PROPERTIES = Object.freeze(ENTRIES.filter((entry) => "secret" in entry).map((entry) => entry.name));

/** A property's plain value. The core reads every factor block alike; passkey MFA's has no `preferred` (check refuses one). */
type ValueOf<Type extends PropertyType> = Type extends "string"
    ? string
    : Type extends "boolean"
      ? boolean
      : Type extends "stringArray"
        ? string[]
        : Type extends "userFactorsMap"
          ? Record<string, UserFactors>
          : Type extends "reportedMfaMap"
            ? Record<string, ReportedUserMfa>
            : FactorSettings;

type Simplify<T> = { [Key in keyof T]: T[Key] } & {};

/** The properties of `Definitions` whose `Field` is `Value`, typed, and optional unless `Value` is what makes them present. */
type PresentWhen<Definitions extends Record<string, PropertyDefinition>, Field extends "input" | "output", Value> = {
    -readonly [Name in keyof Definitions as Definitions[Name] extends Record<Field, Value> ? Name : never]: ValueOf<Definitions[Name]["type"]>;
};

/** A block's inputs: the required ones present, the others optional. */
type InputsOf<Definitions extends Record<string, PropertyDefinition>> = Simplify<
    PresentWhen<Definitions, "input", "required"> & Partial<PresentWhen<Definitions, "input", "optional">>
>;

/** A factor block: `{ enabled, preferred? }`. `preferred` is absent for passkey MFA and defaults to false for the others. */
export type FactorSettings = InputsOf<typeof FACTOR_BLOCK.properties>;

/** Inputs after `check`: defaults applied. During preview any value may still be unknown (unknown.ts). */
export type MfaPreferenceInputs = InputsOf<Properties>;

type OutputOnly = { [Name in ComputedProperty]: Properties[Name] };

/** What the resource stores: the inputs as Cognito reports them, plus the user's whole MFA state (`enabledMfas`, `preferredMfa`). */
export type MfaPreferenceOutputs = Simplify<
    MfaPreferenceInputs & PresentWhen<OutputOnly, "output", "always"> & Partial<PresentWhen<OutputOnly, "output", "optional">>
>;

/** One user's factor blocks in the pool resource: each omitted factor unmanaged. */
export type UserFactors = Partial<Record<Factor, FactorSettings>>;

/** One user's whole MFA state, as Cognito reports it: UserMfaPreference's `enabledMfas` and `preferredMfa`. */
export type ReportedUserMfa = Pick<MfaPreferenceOutputs, "enabledMfas" | "preferredMfa">;

type SetProperties = typeof USER_MFA_PREFERENCE_SET.properties;

/** The pool resource's inputs after `check`. */
export type MfaPreferenceSetInputs = InputsOf<SetProperties>;

/** What the pool resource stores: the inputs with each managed factor as reported, and each user's whole MFA state. */
export type MfaPreferenceSetOutputs = Simplify<MfaPreferenceSetInputs & { reportedMfas: Record<string, ReportedUserMfa> }>;
