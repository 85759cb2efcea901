// The MFA rules, written once: what a security team asks of every user's MFA. The policy pack
// (provider/policy) applies them to what a program declares, the scan (provider/scan) to what
// Cognito reports; both hand them a user's MFA as a `UserMfa`, so a rule never knows which it
// judges. Each rule has an id (the policy's name, and the key of its config), a default
// enforcement level, a config schema (plain JSON Schema, as the policy pack's config takes it) and
// a message that names the user and what to do.

import { COGNITO_FACTOR_NAMES, FACTORS, PREFERABLE_FACTORS, type Factor, type PreferableFactor, type UserFactors } from "./types";

/** One user's MFA as the rules see it: the factors enabled, and the preferred one. */
export interface UserMfa {
    /** Undefined when the declaration does not say (the self-service form names the user by a token). */
    username?: string;
    enabled: readonly Factor[];
    preferred?: PreferableFactor;
    /** Declared (a factor left out counts as off) or as Cognito reports it. */
    source: "declared" | "reported";
}

export type EnforcementLevel = "advisory" | "mandatory" | "disabled";
export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "disabled"];

/** A rule's config property: a string (a regular expression) or a list of factors. */
export type ConfigProperty =
    | { type: "string"; description: string; default?: string }
    | { type: "array"; description: string; items: { type: "string"; enum: readonly string[] }; minItems: number; default: readonly string[] };

export interface RuleConfig {
    exemptPattern?: string;
    usernamePattern?: string;
    factors?: readonly string[];
}

export interface MfaRule {
    readonly id: string;
    readonly description: string;
    readonly defaultLevel: Exclude<EnforcementLevel, "disabled">;
    readonly config: { readonly [name in keyof RuleConfig]?: ConfigProperty };
    /** The violation's message, or undefined when the user keeps the rule. */
    check(user: UserMfa, config: RuleConfig): string | undefined;
}

const FACTOR_LABELS: Record<Factor, string> = {
    smsMfa: "SMS",
    softwareTokenMfa: "TOTP",
    emailMfa: "email OTP",
    webAuthnMfa: "passkey",
};

const EXEMPT_PATTERN: ConfigProperty = {
    type: "string",
    description: "A JavaScript regular expression: users whose username matches it are exempt from this rule (break-glass or service users).",
};

/** Who the message is about. */
function who(user: UserMfa): string {
    return user.username === undefined ? "the user (named by an access token)" : `user ${JSON.stringify(user.username)}`;
}

/** What the message adds for a declaration: the rules judge what it makes true, and an omitted factor is not made true. */
function omittedNote(user: UserMfa): string {
    return user.source === "declared" ? " as declared (a factor left out counts as off)" : "";
}

function matches(pattern: string | undefined, username: string | undefined): boolean {
    return pattern !== undefined && pattern !== "" && username !== undefined && new RegExp(pattern, "u").test(username);
}

export const MFA_RULES: readonly MfaRule[] = [
    {
        id: "mfa-enabled",
        description: "Every managed user has an MFA factor enabled.",
        defaultLevel: "mandatory",
        config: { exemptPattern: EXEMPT_PATTERN },
        check(user, config) {
            if (user.enabled.length > 0 || matches(config.exemptPattern, user.username)) {
                return undefined;
            }
            return `${who(user)} has no MFA factor enabled${omittedNote(user)}: enable softwareTokenMfa (TOTP), emailMfa or smsMfa`;
        },
    },
    {
        id: "no-sms-only",
        description: "SMS is never a user's only enabled factor: NIST SP 800-63B restricts SMS (the PSTN) as an authenticator.",
        defaultLevel: "advisory",
        config: { exemptPattern: EXEMPT_PATTERN },
        check(user, config) {
            if (user.enabled.length !== 1 || user.enabled[0] !== "smsMfa" || matches(config.exemptPattern, user.username)) {
                return undefined;
            }
            return `${who(user)} has SMS as the only MFA factor${omittedNote(user)}: enable softwareTokenMfa (TOTP) or emailMfa beside it, and prefer it`;
        },
    },
    {
        id: "preferred-factor",
        description: "A user whose username matches `usernamePattern` prefers one of `factors` (by default: admins prefer TOTP).",
        defaultLevel: "mandatory",
        config: {
            usernamePattern: { type: "string", description: "A JavaScript regular expression matched against the username; the rule applies to the users it matches.", default: "^admin" },
            factors: {
                type: "array",
                description: "The factors such a user may prefer.",
                items: { type: "string", enum: PREFERABLE_FACTORS },
                minItems: 1,
                default: ["softwareTokenMfa"],
            },
        },
        check(user, config) {
            const factors = config.factors ?? [];
            if (!matches(config.usernamePattern, user.username) || (user.preferred !== undefined && factors.includes(user.preferred))) {
                return undefined;
            }
            const now = user.preferred === undefined ? "none is preferred" : `${user.preferred} is preferred`;
            const wanted = factors.join(" or ");
            return `${who(user)} matches ${config.usernamePattern} and must prefer ${wanted}, but ${now}: enable ${wanted} and set its preferred to true`;
        },
    },
    {
        id: "preferred-enabled",
        description: "No factor is preferred that is not enabled.",
        defaultLevel: "mandatory",
        config: {},
        check(user) {
            if (user.preferred === undefined || user.enabled.includes(user.preferred)) {
                return undefined;
            }
            return `${who(user)} prefers ${user.preferred}, which is not enabled: enable ${user.preferred}, or prefer an enabled factor`;
        },
    },
];

/** A factor's name for people: "TOTP (softwareTokenMfa)". */
export function factorLabel(factor: Factor): string {
    return `${FACTOR_LABELS[factor]} (${factor})`;
}

/** The rule's config with its defaults where the given config leaves a property out. */
export function withDefaults(rule: MfaRule, given: RuleConfig): RuleConfig {
    const config: Record<string, unknown> = {};
    for (const [name, property] of Object.entries(rule.config)) {
        config[name] = (given as Record<string, unknown>)[name] ?? property?.default;
    }
    return config as RuleConfig;
}

/** A declaration's factor blocks as the rules see them: a factor is enabled when declared so, preferred likewise. */
export function declaredMfa(username: string | undefined, factors: UserFactors): UserMfa {
    const enabled = FACTORS.filter((factor) => factors[factor]?.enabled === true);
    const preferred = PREFERABLE_FACTORS.find((factor) => factors[factor]?.preferred === true);
    return { username, enabled, preferred, source: "declared" };
}

/** Whether a declaration manages any factor: one that manages none is not judged (it lets the user go). */
export function managesAnyFactor(factors: UserFactors): boolean {
    return FACTORS.some((factor) => factors[factor] !== undefined);
}

/** A user as Cognito reports them: always named, and only factors that can be preferred (passkey MFA is not reported). */
export interface LiveUserMfa extends UserMfa {
    username: string;
    enabled: readonly PreferableFactor[];
}

/** What Cognito reports of a user, as the rules see it. Names Cognito has that no factor block has are left out. */
export function reportedMfa(username: string, reported: { enabledMfas: readonly string[]; preferredMfa?: string }): LiveUserMfa {
    const factorOf = (name: string | undefined) => PREFERABLE_FACTORS.find((factor) => COGNITO_FACTOR_NAMES[factor] === name);
    const enabled = reported.enabledMfas.map(factorOf).filter((factor): factor is PreferableFactor => factor !== undefined);
    return { username, enabled, preferred: factorOf(reported.preferredMfa), source: "reported" };
}
