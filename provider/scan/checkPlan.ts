// `pulumi-cognito-mfa check-plan <plan.json>`: a Terraform or OpenTofu plan judged by the MFA
// rules, with the policy pack's config file, so that a Terraform pipeline fails on what fails a
// Pulumi preview. It reads the JSON of `terraform show -json <planfile>` (terraformPlan.ts), judges
// each declared user (planVerdict.ts), and writes each violation (text) or Markdown for a job
// summary (planSummary.ts) on stdout, and one line of verdict on stderr.
//
// The exit code is what a pipeline acts on: 1 only when a mandatory rule is broken, so that input
// the command cannot judge (2) is never mistaken for a plan that breaks the rules.

import * as fs from "node:fs";
import type { RuleSetting } from "../core/ruleSettings";
import { moreViolations, NAMED_VIOLATIONS_PER_SET } from "../policy/policies";
import { breaksMandatory, planVerdict, type PlanVerdict, type PlanViolation, type UnjudgedUser } from "../policy/planVerdict";
import { PlanError, plannedResources, type PlannedResource } from "../policy/terraformPlan";
import { planSummary } from "./planSummary";
import { readPolicyConfig } from "./policyConfig";

export const PLAN_FORMATS = ["text", "summary"] as const;
export type PlanFormatName = (typeof PLAN_FORMATS)[number];

export const EXIT_PASSED = 0;
/** A mandatory rule is broken. */
export const EXIT_FAILED = 1;
/** The plan or the config cannot be read: nothing was judged. */
export const EXIT_BAD_INPUT = 2;

export interface CheckPlanOptions {
    policyConfig?: string;
    format: PlanFormatName;
}

export interface CheckPlanResult {
    exitCode: number;
    /** For stdout: the violations, or the Markdown summary. */
    output: string;
    /** For stderr: the verdict in one line, or each error. */
    report: string;
}

/** The plan in FILE judged by the rules; reads files, and writes nothing itself. */
export function checkPlan(file: string, options: CheckPlanOptions): CheckPlanResult {
    const rules = readPolicyConfig(options.policyConfig);
    const errors = rules.errors.map((error) => `error: --policy-config: ${error}`);
    const plan = readPlan(file);
    if (typeof plan === "string") {
        errors.push(`error: ${plan}`);
    }
    if (errors.length > 0 || typeof plan === "string") {
        return { exitCode: EXIT_BAD_INPUT, output: "", report: `${errors.join("\n")}\n` };
    }
    const verdict = planVerdict(plan, rules.settings);
    const output = options.format === "summary" ? planSummary(file, verdict, rules.settings) : textLines(verdict).join("");
    return { exitCode: breaksMandatory(verdict) ? EXIT_FAILED : EXIT_PASSED, output, report: `${verdictLine(file, verdict, rules.settings)}\n` };
}

/** The plan's declared resources, or what is wrong with FILE. */
function readPlan(file: string): PlannedResource[] | string {
    let bytes: Buffer;
    try {
        bytes = fs.readFileSync(file);
    } catch (error) {
        return `cannot read ${file}: ${(error as Error).message}`;
    }
    let plan: unknown;
    try {
        plan = JSON.parse(bytes.toString("utf8"));
    } catch (error) {
        // A saved plan file is a zip archive: the common mistake is to give it as it is.
        const zip = bytes.subarray(0, 4).equals(Buffer.from("PK\x03\x04", "latin1"));
        return zip
            ? `${file} is a saved plan file, not its JSON: give \`terraform show -json ${file}\`'s output (or \`tofu show -json ${file}\`'s)`
            : `${file} is not JSON (${(error as Error).message}): give \`terraform show -json <planfile>\`'s output`;
    }
    try {
        return plannedResources(plan);
    } catch (error) {
        if (error instanceof PlanError) {
            return `${file}: ${error.message}`;
        }
        throw error;
    }
}

/**
 * One line a violation: address, rule and level, and the rule's message (which names the user);
 * grouped by resource and rule. As the policy pack does for a pool resource, each group names at
 * most NAMED_VIOLATIONS_PER_SET users and counts the rest in one more line, so that a plan adopting
 * thousands of users does not print thousands of lines; the summary lists more. Then the users not
 * judged, capped alike.
 */
function textLines(verdict: PlanVerdict): string[] {
    const lines: string[] = [];
    for (const group of groupedBy(verdict.violations, (violation) => `${violation.address}\n${violation.setting.rule.id}`)) {
        lines.push(...group.slice(0, NAMED_VIOLATIONS_PER_SET).map((violation) => violationLine(violation, violation.message)));
        if (group.length > NAMED_VIOLATIONS_PER_SET) {
            lines.push(violationLine(group[0], moreViolations(group[0].setting.rule.id, group.length)));
        }
    }
    for (const group of groupedBy(verdict.unjudged, (user) => user.address)) {
        lines.push(...group.slice(0, NAMED_VIOLATIONS_PER_SET).map(unjudgedLine));
        const more = group.length - NAMED_VIOLATIONS_PER_SET;
        if (more > 0) {
            lines.push(`${group[0].address}: ${more} more user${more === 1 ? "" : "s"} of \`users\` not judged (${group.length} in all; the first ${NAMED_VIOLATIONS_PER_SET} are named)\n`);
        }
    }
    return lines;
}

/** ITEMS in groups of equal KEY, the groups in the order their first item comes. */
function groupedBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
    const groups = new Map<string, T[]>();
    for (const item of items) {
        const group = groups.get(key(item));
        if (group === undefined) {
            groups.set(key(item), [item]);
        } else {
            group.push(item);
        }
    }
    return [...groups.values()];
}

function violationLine({ address, setting }: Pick<PlanViolation, "address" | "setting">, message: string): string {
    return `${address}: ${setting.rule.id} (${setting.level}): ${message}\n`;
}

function unjudgedLine({ address, username, unknown }: UnjudgedUser): string {
    const who = username === undefined ? "" : ` user ${JSON.stringify(username)}`;
    return `${address}:${who} not judged: ${unknown.join(", ")} ${unknown.length === 1 ? "is" : "are"} known only after apply\n`;
}

/** The verdict in one line: how much was judged, each rule broken with its level, and what the exit code means. */
function verdictLine(file: string, verdict: PlanVerdict, settings: readonly RuleSetting[]): string {
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    const broken = settings
        .map((setting) => ({ id: setting.rule.id, level: setting.level, count: verdict.violations.filter((violation) => violation.setting === setting).length }))
        .filter(({ count }) => count > 0)
        .map(({ id, level, count }) => `${id} ${plural(count, "user")} (${level})`);
    const parts = [`${file}: ${plural(verdict.judged, "user")} of ${plural(verdict.resources, "resource")} judged by the MFA rules (docs/mfa-rules.md)`];
    parts.push(broken.length === 0 ? "no rule broken" : `breaking ${broken.join(", ")}`);
    if (verdict.unjudged.length > 0) {
        parts.push(`${verdict.unjudged.length} not judged (known only after apply)`);
    }
    return `${parts.join("; ")}. ${breaksMandatory(verdict) ? "A mandatory rule is broken: exit 1." : "No mandatory rule is broken."}`;
}

