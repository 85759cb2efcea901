// What a scan tells its user at the end, on standard error: what was read and written, who was
// left out and why, what failed, and what to do next.

import { MAX_FAILURES, type ScanOptions, type ScanResult } from "./scan";

/**
 * From this many users in one stack, the CLI's checkpoint after every step costs more than
 * Cognito's quota (BENCHMARKS.md, "Large stacks"): the report says how to run such a stack.
 */
export const LARGE_STACK_USERS = 1_000;

export function scanReport(options: ScanOptions & { out?: string }, result: ScanResult, seconds: number): string {
    const lines: string[] = [];
    const where = options.group === undefined ? `user pool ${options.userPoolId}` : `group ${JSON.stringify(options.group)} of user pool ${options.userPoolId}`;
    lines.push(`Scanned ${where}: ${count(result.read, "user")} read in ${seconds.toFixed(1)} s.`);
    if (options.format === "import") {
        lines.push(`  to import: ${count(result.declared, "user")}; \`pulumi import\` reads each one's SMS, TOTP and email OTP settings as they are`);
    } else if (options.format !== "json" && options.format !== "summary") {
        lines.push(`  declared: ${count(result.declared, "user")}, each with exactly the factors it has enabled and its preferred one`);
    }
    if (result.unset > 0) {
        const more = result.unset - result.unsetSample.length;
        const names = result.unsetSample.join(", ") + (more > 0 ? ` and ${more} more (--format json lists every user)` : "");
        const treatment =
            options.format === "json" || options.format === "summary"
                ? ""
                : options.format === "import"
                  ? options.includeUnset
                      ? ", in the file (--include-unset)"
                      : ", not in the file (--include-unset adds them)"
                  : options.includeUnset
                    ? ", declared with SMS and TOTP off (--include-unset)"
                    : ", not declared (--include-unset declares them with SMS and TOTP off)";
        lines.push(`  without MFA: ${count(result.unset, "user")}${treatment}: ${names}`);
    }
    const broken = options.rules.filter((setting) => (result.broken.get(setting.rule.id) ?? 0) > 0);
    if (broken.length > 0) {
        const each = broken.map((setting) => `${setting.rule.id} ${count(result.broken.get(setting.rule.id) ?? 0, "user")} (${setting.level})`);
        lines.push(`  breaking the MFA rules (docs/mfa-rules.md): ${each.join(", ")}${options.format === "summary" ? "" : "; --format summary lists them"}`);
    }
    if (result.vanished > 0) {
        lines.push(`  deleted during the scan: ${count(result.vanished, "user")} (listed, then gone before being read)`);
    }
    if (result.failures.length > 0) {
        const stopped = result.stoppedEarly ? `; the scan stopped at ${MAX_FAILURES} failures` : "";
        lines.push(`${count(result.failures.length, "user")} could not be read, after retries${stopped}:`);
        for (const { username, message } of result.failures) {
            lines.push(`  ${username}: ${message}`);
        }
        lines.push(options.out === undefined ? "The output above is incomplete: run the scan again." : `Nothing was written to ${options.out}: run the scan again.`);
        return lines.join("\n");
    }
    if (options.out !== undefined) {
        lines.push(`Wrote ${options.out}.`);
        if (options.format !== "json" && options.resource === "user" && result.declared >= LARGE_STACK_USERS) {
            lines.push(
                `That is ${count(result.declared, "resource")} in one stack, and the engine's cost per resource makes every run slow: declare them as one UserMfaPreferenceSet instead, scanning with --resource set (README, "Large pools").`,
            );
        }
        if (options.format === "config" && options.resource === "set" && (options.sets ?? 1) > 1) {
            lines.push(
                `Next, in the program's directory: pulumi config set userPoolId ${options.userPoolId} && pulumi config set usersFile ${options.out}; the root program declares a users file that is a list of sets as one UserMfaPreferenceSet each, and \`pulumi up\` adopts these users with no change in Cognito. Keep the number of sets (${options.sets}): a user who moves between sets is turned off by one and on by the other.`,
            );
        } else if (options.format === "config" && options.resource === "set") {
            lines.push(
                `Next, in the program's directory: pulumi config set userPoolId ${options.userPoolId} && pulumi config set usersFile ${options.out}; the root program declares a users file that is an object as one UserMfaPreferenceSet, and \`pulumi up\` adopts these users with no change in Cognito.`,
            );
        } else if (options.format === "config") {
            lines.push(
                `Next, in the program's directory: pulumi config set userPoolId ${options.userPoolId} && pulumi config set usersFile ${options.out}; then \`pulumi up\` adopts these users with no change in Cognito.`,
            );
        } else if (options.format === "import") {
            lines.push(
                `Next, in a project with the cognito-mfa plugin installed: pulumi import --file ${options.out} --out <code file>, then add the code it writes to the program; Cognito is only read.`,
            );
        }
    }
    return lines.join("\n");
}

function count(n: number, noun: string): string {
    return `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;
}
