// `check-plan --format summary`: a Terraform plan judged by the MFA rules, in Markdown for a CI
// job's summary ($GITHUB_STEP_SUMMARY), in the form and within the caps of `scan --format summary`
// (summary.ts): each rule's level and count, every violation with what to do, and the users the
// plan cannot tell enough of to judge.

import type { RuleSetting } from "../core/ruleSettings";
import { breaksMandatory, type PlanVerdict } from "../policy/planVerdict";
import { andMore, LISTED_VIOLATIONS, markdownText } from "./summary";

const number = (n: number) => n.toLocaleString("en-US");
const plural = (n: number, word: string) => `${number(n)} ${word}${n === 1 ? "" : "s"}`;

/** The Markdown summary of VERDICT, the plan in FILE judged with SETTINGS. */
export function planSummary(file: string, verdict: PlanVerdict, settings: readonly RuleSetting[]): string {
    const mandatory = verdict.violations.filter((violation) => violation.setting.level === "mandatory").length;
    const outcome = breaksMandatory(verdict) ? `**Fails**: ${plural(mandatory, "violation")} of mandatory rules.` : "**Passes**: no mandatory rule is broken.";
    const lines = [
        `## MFA rules on the plan ${markdownText(file)}`,
        "",
        `${plural(verdict.judged, "user")} of ${plural(verdict.resources, "resource")} judged. ${outcome}`,
        "",
        "### Rules",
        "",
        "| rule | level | users breaking it |",
        "|---|---|---:|",
        ...settings.map((setting) => {
            const broken = verdict.violations.filter((violation) => violation.setting === setting).length;
            return `| ${markdownText(setting.rule.id)} | ${setting.level} | ${setting.level === "disabled" ? "not run" : number(broken)} |`;
        }),
        "",
        `### Violations (${number(verdict.violations.length)})`,
        "",
    ];
    if (verdict.violations.length === 0) {
        lines.push("None.", "");
    } else {
        lines.push("| resource | user | rule | level | what to do |", "|---|---|---|---|---|");
        for (const { address, username, setting, message } of verdict.violations.slice(0, LISTED_VIOLATIONS)) {
            lines.push(`| ${markdownText(address)} | ${markdownText(username ?? "")} | ${markdownText(setting.rule.id)} | ${setting.level} | ${markdownText(message)} |`);
        }
        lines.push(...andMore(verdict.violations.length, LISTED_VIOLATIONS), "");
    }
    if (verdict.unjudged.length > 0) {
        lines.push(
            `### Not judged (${number(verdict.unjudged.length)})`,
            "",
            "Values the rules read that are known only after apply: a plan made after the apply judges them.",
            "",
            "| resource | user | known after apply |",
            "|---|---|---|",
        );
        for (const { address, username, unknown } of verdict.unjudged.slice(0, LISTED_VIOLATIONS)) {
            lines.push(`| ${markdownText(address)} | ${markdownText(username ?? "")} | ${markdownText(unknown.join(", "))} |`);
        }
        lines.push(...andMore(verdict.unjudged.length, LISTED_VIOLATIONS), "");
    }
    return lines.join("\n");
}
