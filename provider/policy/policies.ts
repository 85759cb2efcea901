// The MFA rules (provider/core/mfaRules.ts) as Pulumi policies: one resource validation policy a
// rule, for every resource this package defines, in both front ends. A UserMfaPreference is one
// user; a UserMfaPreferenceSet is judged user by user. `pulumi-cognito-mfa/policy` exports them,
// to be combined with other policies in a pack of one's own; policy-pack/ is the ready-made pack.

import type { PolicyConfigSchema, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { declaredMfa, managesAnyFactor, MFA_RULES, withDefaults, type MfaRule, type RuleConfig } from "../core/mfaRules";
import { checkConfig } from "../core/ruleSettings";
import type { UserFactors } from "../core/types";
import { SET_RESOURCE_TYPES, USER_RESOURCE_TYPES } from "./resourceTypes";

/**
 * Violations of one rule named one by one for a pool resource; past this, one more violation
 * counts the rest. A pool of thousands breaking a rule would otherwise print thousands of entries.
 */
export const NAMED_VIOLATIONS_PER_SET = 20;

/** The message that counts a pool resource's violations of rule ID past the first NAMED_VIOLATIONS_PER_SET, BROKEN in all. */
export function moreViolations(id: string, broken: number): string {
    const more = broken - NAMED_VIOLATIONS_PER_SET;
    return `${more} more user${more === 1 ? "" : "s"} of \`users\` break ${id} too (${broken} in all; the first ${NAMED_VIOLATIONS_PER_SET} are named)`;
}

/** The policies, one a rule, each at its rule's default enforcement level. */
export function mfaPolicies(): ResourceValidationPolicy[] {
    return MFA_RULES.map((rule) => ({
        name: rule.id,
        description: rule.description,
        enforcementLevel: rule.defaultLevel,
        configSchema: { properties: rule.config } as unknown as PolicyConfigSchema,
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => validate(rule, args, reportViolation),
    }));
}

function validate(rule: MfaRule, args: ResourceValidationArgs, reportViolation: ReportViolation): void {
    if (USER_RESOURCE_TYPES.includes(args.type)) {
        const props = args.props as UserFactors & { username?: string };
        if (managesAnyFactor(props)) {
            const message = rule.check(declaredMfa(props.username, props), configOf(rule, args));
            if (message !== undefined) {
                reportViolation(message);
            }
        }
    } else if (SET_RESOURCE_TYPES.includes(args.type)) {
        const config = configOf(rule, args);
        const users = (args.props.users ?? {}) as Record<string, UserFactors>;
        let broken = 0;
        for (const [username, factors] of Object.entries(users)) {
            const message = managesAnyFactor(factors) ? rule.check(declaredMfa(username, factors), config) : undefined;
            if (message !== undefined && ++broken <= NAMED_VIOLATIONS_PER_SET) {
                reportViolation(message);
            }
        }
        if (broken > NAMED_VIOLATIONS_PER_SET) {
            reportViolation(moreViolations(rule.id, broken));
        }
    }
}

/** The rule's config from the pack's config, defaults filled in; a setting the rule cannot use stops the policy, saying why. */
function configOf(rule: MfaRule, args: ResourceValidationArgs): RuleConfig {
    const given = { ...args.getConfig<Record<string, unknown>>() };
    delete given.enforcementLevel;
    const errors: string[] = [];
    checkConfig(rule, given, errors);
    if (errors.length > 0) {
        throw new Error(`the policy pack's config: ${errors.join("; ")}`);
    }
    return withDefaults(rule, given as RuleConfig);
}
