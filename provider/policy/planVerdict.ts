// The MFA rules applied to the users a Terraform plan declares (terraformPlan.ts), with the
// settings of the policy pack's config file: as the pack judges a Pulumi program's resources, user
// by user, a declaration that manages no factor not judged. The messages are the rules' own, in
// Terraform's words (snake_case attributes). The command (provider/scan/checkPlan.ts) prints it.

import { declaredMfa, managesAnyFactor } from "../core/mfaRules";
import { violationsOf, type RuleSetting } from "../core/ruleSettings";
import { terraformText } from "../terraform/terms";
import type { PlannedResource } from "./terraformPlan";

export interface PlanViolation {
    address: string;
    username: string | undefined;
    setting: RuleSetting;
    /** The rule's message in Terraform's words. */
    message: string;
}

/** A user, or a set's whole `users`, whose values the rules read are known only after apply. */
export interface UnjudgedUser {
    address: string;
    /** Undefined when the username is what is unknown, or the whole `users` map is. */
    username: string | undefined;
    /** Terraform paths of the unknown values. */
    unknown: string[];
}

export interface PlanVerdict {
    /** This provider's resources the plan leaves declared. */
    resources: number;
    /** Users judged: known, and managing a factor. */
    judged: number;
    violations: PlanViolation[];
    unjudged: UnjudgedUser[];
}

export function planVerdict(resources: readonly PlannedResource[], settings: readonly RuleSetting[]): PlanVerdict {
    const verdict: PlanVerdict = { resources: resources.length, judged: 0, violations: [], unjudged: [] };
    for (const { address, users, unknownUsers } of resources) {
        if (unknownUsers) {
            verdict.unjudged.push({ address, username: undefined, unknown: ["users"] });
        }
        for (const { username, factors, unknown } of users) {
            if (unknown.length > 0) {
                verdict.unjudged.push({ address, username, unknown });
                continue;
            }
            if (!managesAnyFactor(factors)) {
                continue;
            }
            verdict.judged += 1;
            for (const { setting, message } of violationsOf(declaredMfa(username, factors), settings)) {
                verdict.violations.push({ address, username, setting, message: terraformMessage(message, username, setting) });
            }
        }
    }
    return verdict;
}

/** Whether a violation is of a mandatory rule: the plan then fails the check. */
export function breaksMandatory(verdict: PlanVerdict): boolean {
    return verdict.violations.some((violation) => violation.setting.level === "mandatory");
}

/**
 * MESSAGE with its factor names in snake_case, except inside the username and the patterns it
 * quotes: those are the user's own text, and a username such as "smsMfa-test" must stay as it is.
 */
function terraformMessage(message: string, username: string | undefined, setting: RuleSetting): string {
    const kept = [username === undefined ? "" : JSON.stringify(username), setting.config.usernamePattern ?? "", setting.config.exemptPattern ?? ""]
        .filter((text) => text !== "")
        .sort((a, b) => b.length - a.length);
    if (kept.length === 0) {
        return terraformText(message);
    }
    // A capturing group keeps the separators in split's result, at the odd indexes.
    const parts = message.split(new RegExp(`(${kept.map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`));
    return parts.map((part, index) => (index % 2 === 1 ? part : terraformText(part))).join("");
}
