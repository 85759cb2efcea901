// The rules' settings from a policy pack config file, the JSON that `pulumi preview
// --policy-pack-config` reads: `{ "all": LEVEL, "<rule id>": LEVEL | { "enforcementLevel": LEVEL,
// ...the rule's config } }`. The CLI checks that file for the policy pack; the scan reads the same
// file through this, so one file sets how both judge. Every mistake is reported at once, each at
// its path, with the fix.

import { isObject } from "./check";
import { ENFORCEMENT_LEVELS, MFA_RULES, withDefaults, type EnforcementLevel, type MfaRule, type RuleConfig, type UserMfa } from "./mfaRules";

export interface RuleSetting {
    rule: MfaRule;
    level: EnforcementLevel;
    config: RuleConfig;
}

export interface RuleSettingsResult {
    settings: RuleSetting[];
    errors: string[];
}


/** The rules as their defaults set them. */
export function defaultRuleSettings(): RuleSetting[] {
    return MFA_RULES.map((rule) => ({ rule, level: rule.defaultLevel, config: withDefaults(rule, {}) }));
}

/** The settings a parsed config file gives; `errors` lists each mistake, and the settings are then not to be used. */
export function ruleSettings(file: unknown): RuleSettingsResult {
    const errors: string[] = [];
    if (!isObject(file)) {
        return { settings: [], errors: ["the file must hold a JSON object, from rule id (or \"all\") to an enforcement level or an object of the rule's config"] };
    }
    const ids = MFA_RULES.map((rule) => rule.id);
    for (const key of Object.keys(file)) {
        if (key !== "all" && !ids.includes(key)) {
            errors.push(`${key}: no such rule; the rules are ${ids.join(", ")}`);
        }
    }
    const levelAt = (path: string, value: unknown): EnforcementLevel | undefined => {
        if (value === undefined || ENFORCEMENT_LEVELS.includes(value as EnforcementLevel)) {
            return value as EnforcementLevel | undefined;
        }
        errors.push(`${path}: ${JSON.stringify(value)} is not an enforcement level; use ${ENFORCEMENT_LEVELS.join(", ")}`);
        return undefined;
    };
    const all = file.all;
    const allLevel = levelAt(isObject(all) ? "all.enforcementLevel" : "all", isObject(all) ? all.enforcementLevel : all);
    const settings = MFA_RULES.map((rule): RuleSetting => {
        const given = file[rule.id];
        if (!isObject(given)) {
            return { rule, level: levelAt(rule.id, given) ?? allLevel ?? rule.defaultLevel, config: withDefaults(rule, {}) };
        }
        const { enforcementLevel, ...config } = given;
        checkConfig(rule, config, errors);
        return { rule, level: levelAt(`${rule.id}.enforcementLevel`, enforcementLevel) ?? allLevel ?? rule.defaultLevel, config: withDefaults(rule, config as RuleConfig) };
    });
    return { settings, errors };
}

/** Adds to `errors` each of `config`'s properties that the rule's config schema refuses. */
export function checkConfig(rule: MfaRule, config: Record<string, unknown>, errors: string[]): void {
    for (const [name, value] of Object.entries(config)) {
        const property = rule.config[name as keyof RuleConfig];
        const path = `${rule.id}.${name}`;
        if (property === undefined) {
            const names = Object.keys(rule.config);
            errors.push(`${path}: ${rule.id} has no such setting; it takes ${names.length === 0 ? "only enforcementLevel" : `enforcementLevel, ${names.join(", ")}`}`);
        } else if (property.type === "string") {
            if (typeof value !== "string") {
                errors.push(`${path}: must be a string (a JavaScript regular expression)`);
            } else {
                const problem = patternProblem(value);
                if (problem !== undefined) {
                    errors.push(`${path}: ${problem}`);
                }
            }
        } else if (!Array.isArray(value) || value.length < property.minItems || value.some((item) => !property.items.enum.includes(item as string))) {
            errors.push(`${path}: must be a list of at least ${property.minItems} of ${property.items.enum.join(", ")}`);
        }
    }
}

/** Why `pattern` is no regular expression the rules can use; undefined when it is one. */
function patternProblem(pattern: string): string | undefined {
    try {
        new RegExp(pattern, "u");
        return undefined;
    } catch (error) {
        return `not a valid regular expression (${(error as Error).message}); fix the pattern`;
    }
}

export interface Violation {
    setting: RuleSetting;
    message: string;
}

/** The rules `user` breaks, each with its message, in the rules' order; disabled rules are not run. */
export function violationsOf(user: UserMfa, settings: readonly RuleSetting[]): Violation[] {
    const violations: Violation[] = [];
    for (const setting of settings) {
        const message = setting.level === "disabled" ? undefined : setting.rule.check(user, setting.config);
        if (message !== undefined) {
            violations.push({ setting, message });
        }
    }
    return violations;
}
