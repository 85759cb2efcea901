// `--format summary`: the pool's MFA as Markdown, for a CI job's summary ($GITHUB_STEP_SUMMARY):
// how many users have MFA and which factors, the users with none and those with SMS alone, and
// every user that breaks an MFA rule (provider/core/mfaRules.ts), judged as the policy pack judges
// a declaration. Users are counted as they stream by; only the names to print are kept, capped,
// so that a pool of 100,000 stays within a job summary's 1 MiB.

import { factorLabel, reportedMfa, type LiveUserMfa } from "../core/mfaRules";
import { violationsOf, type RuleSetting, type Violation } from "../core/ruleSettings";
import { PREFERABLE_FACTORS, type PreferableFactor } from "../core/types";
import type { Format, ScannedUser } from "./formats";

/** Names listed per list (users without MFA, with SMS alone) before "and N more". */
export const LISTED_NAMES = 200;
/** Violations listed before "and N more". */
export const LISTED_VIOLATIONS = 1_000;

interface Capped<T> {
    count: number;
    kept: T[];
}

function add<T>(list: Capped<T>, item: T, cap: number): void {
    list.count += 1;
    if (list.kept.length < cap) {
        list.kept.push(item);
    }
}

/** Text that Markdown prints as it is: every ASCII punctuation mark a Markdown or table rule could read is escaped. */
export function markdownText(text: string): string {
    return text.replace(/[\\`*_{}[\]<>()#+\-.!|~&]/g, "\\$&");
}

const percent = (part: number, whole: number) => (whole === 0 ? "" : ` (${Math.round((part / whole) * 100)}%)`);
const number = (n: number) => n.toLocaleString("en-US");

/** The lines that count what a capped list left out, COUNT in all and LISTED written; none when nothing was. */
export function andMore(count: number, listed: number): string[] {
    return count > listed ? ["", `… and ${number(count - listed)} more.`] : [];
}

function more<T>(list: Capped<T>): string[] {
    return andMore(list.count, list.kept.length);
}

function names(title: string, list: Capped<string>): string[] {
    const body = list.count === 0 ? ["None."] : [list.kept.map(markdownText).join(", "), ...more(list)];
    return [`### ${title} (${number(list.count)})`, "", ...body, ""];
}

export function summaryFormat(userPoolId: string, settings: readonly RuleSetting[], selection: { group?: string; filter?: string } = {}): Format {
    let read = 0;
    const enabled = new Map<PreferableFactor, number>(PREFERABLE_FACTORS.map((factor) => [factor, 0]));
    const preferred = new Map<PreferableFactor, number>(PREFERABLE_FACTORS.map((factor) => [factor, 0]));
    const withoutMfa: Capped<string> = { count: 0, kept: [] };
    const smsOnly: Capped<string> = { count: 0, kept: [] };
    const violations: Capped<{ username: string; violation: Violation }> = { count: 0, kept: [] };
    const broken = new Map<string, number>(settings.map((setting) => [setting.rule.id, 0]));

    const count = (user: LiveUserMfa) => {
        read += 1;
        for (const factor of user.enabled) {
            enabled.set(factor, (enabled.get(factor) ?? 0) + 1);
        }
        if (user.preferred !== undefined) {
            preferred.set(user.preferred, (preferred.get(user.preferred) ?? 0) + 1);
        }
        if (user.enabled.length === 0) {
            add(withoutMfa, user.username, LISTED_NAMES);
        } else if (user.enabled.length === 1 && user.enabled[0] === "smsMfa") {
            add(smsOnly, user.username, LISTED_NAMES);
        }
        for (const violation of violationsOf(user, settings)) {
            broken.set(violation.setting.rule.id, (broken.get(violation.setting.rule.id) ?? 0) + 1);
            add(violations, { username: user.username, violation }, LISTED_VIOLATIONS);
        }
    };

    const render = (): string => {
        const { group, filter } = selection;
        const where =
            group !== undefined ? `group ${group} of user pool ${userPoolId}` : filter !== undefined ? `user pool ${userPoolId}, users with ${filter}` : `user pool ${userPoolId}`;
        const mfa = read - withoutMfa.count;
        const lines = [
            `## MFA in ${markdownText(where)}`,
            "",
            `${number(read)} user${read === 1 ? "" : "s"} read.`,
            "",
            "| users | count |",
            "|---|---:|",
            `| with MFA | ${number(mfa)}${percent(mfa, read)} |`,
            `| without MFA | ${number(withoutMfa.count)}${percent(withoutMfa.count, read)} |`,
            `| with SMS as their only factor | ${number(smsOnly.count)}${percent(smsOnly.count, read)} |`,
            "",
            "| factor | enabled | preferred |",
            "|---|---:|---:|",
            ...PREFERABLE_FACTORS.map((factor) => `| ${markdownText(factorLabel(factor))} | ${number(enabled.get(factor) ?? 0)} | ${number(preferred.get(factor) ?? 0)} |`),
            "",
            "Passkey MFA is not counted: Cognito reports no per-user flag for it.",
            "",
            "### Rules",
            "",
            "| rule | level | users breaking it |",
            "|---|---|---:|",
            ...settings.map((setting) => `| ${markdownText(setting.rule.id)} | ${setting.level} | ${setting.level === "disabled" ? "not run" : number(broken.get(setting.rule.id) ?? 0)} |`),
            "",
            ...names("Users without MFA", withoutMfa),
            ...names("Users with SMS as their only factor", smsOnly),
            `### Violations (${number(violations.count)})`,
            "",
        ];
        if (violations.count === 0) {
            lines.push("None.", "");
        } else {
            lines.push("| user | rule | level | what to do |", "|---|---|---|---|");
            for (const { username, violation } of violations.kept) {
                lines.push(`| ${markdownText(username)} | ${markdownText(violation.setting.rule.id)} | ${violation.setting.level} | ${markdownText(violation.message)} |`);
            }
            lines.push(...more(violations), "");
        }
        return lines.join("\n");
    };

    return {
        begin: () => "",
        entry: (user: ScannedUser) => {
            count(reportedMfa(user.username, user.reported));
            return undefined;
        },
        end: render,
    };
}
