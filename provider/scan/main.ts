#!/usr/bin/env node
// `pulumi-cognito-mfa scan`: reads a user pool's MFA preferences and writes declarations that
// adopt them with no change. The package's `bin`, so `npx pulumi-cognito-mfa scan ...` runs it.
// It needs no Pulumi: only the AWS SDK and its standard credential chain. `check-plan` judges a
// Terraform plan by the MFA rules (checkPlan.ts), offline.

import { Command, Option } from "commander";
import { checkLocation } from "../core/check";
import { exitOnBrokenPipe } from "../process/brokenPipe";
import { checkPlan, EXIT_BAD_INPUT, PLAN_FORMATS, type CheckPlanOptions } from "./checkPlan";
import { FORMATS, NATIVE_SET_RESOURCE_TYPE, RESOURCE_KINDS, setResourceName, SPLIT_FORMATS, type FormatName, type ResourceKind } from "./formats";
import { fileOutput, standardOutput } from "./outputFile";
import { readPolicyConfig } from "./policyConfig";
import { progressOnStderr } from "./progress";
import { scanReport } from "./report";
import { scanUserPool, type ScanOptions } from "./scan";

interface CommandOptions {
    userPoolId: string;
    group?: string;
    filter?: string;
    format: FormatName;
    out?: string;
    region?: string;
    endpoint?: string;
    includeUnset?: boolean;
    resource: ResourceKind;
    sets?: string;
    policyConfig?: string;
}

const FLAGS: Record<string, string> = { userPoolId: "--user-pool-id", region: "--region", endpoint: "--endpoint", format: "--format", sets: "--sets", policyConfig: "--policy-config" };

const NODE_VERSION_WARNING_DISABLED = "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED";

/**
 * On Node.js before 22, the AWS SDK's client prints a warning of several lines ahead of the scan's
 * output: its versions published after the first week of January 2027 will require Node.js 22.
 * The scan says so in one line instead. The variable silences that warning alone, so Node.js
 * still prints any other; a user who set it has seen the news.
 */
function noteNodeVersionSupport(): void {
    if (process.env[NODE_VERSION_WARNING_DISABLED] === "true" || Number(process.versions.node.split(".")[0]) >= 22) {
        return;
    }
    process.env[NODE_VERSION_WARNING_DISABLED] = "true";
    console.error('note: AWS SDK for JavaScript versions published after the first week of January 2027 will require Node.js 22 or newer (README, "Node.js 20")');
}

async function scan(options: CommandOptions): Promise<number> {
    const failures = checkLocation(options);
    if (options.group !== undefined && options.filter !== undefined) {
        failures.push({ property: "filter", reason: "--filter cannot be combined with --group (ListUsersInGroup takes no filter): scan the group, or filter the whole pool" });
    }
    if (options.format === "import" && options.resource === "set") {
        failures.push({
            property: "format",
            reason: `a UserMfaPreferenceSet is imported from its pool alone, with no file: pulumi import ${NATIVE_SET_RESOURCE_TYPE} ${setResourceName(options.userPoolId)} ${options.userPoolId}`,
        });
    }
    if (options.format === "stack-config" && options.resource !== "set") {
        failures.push({ property: "format", reason: "the stack's config holds the users of one UserMfaPreferenceSet: add --resource set" });
    }
    const sets = options.sets === undefined ? 1 : /^[1-9][0-9]{0,3}$/.test(options.sets) ? Number(options.sets) : NaN;
    if (Number.isNaN(sets)) {
        failures.push({ property: "sets", reason: `${JSON.stringify(options.sets)} is not a number of sets: give a whole number from 1 to 9999, such as --sets 10` });
    } else if (sets > 1 && options.resource !== "set") {
        failures.push({ property: "sets", reason: "--sets splits the users of a UserMfaPreferenceSet: add --resource set" });
    } else if (sets > 1 && !SPLIT_FORMATS.includes(options.format)) {
        failures.push({ property: "sets", reason: `--format ${options.format} declares no sets: use --format ${SPLIT_FORMATS.join(", ")}` });
    }
    const rules = readPolicyConfig(options.policyConfig);
    failures.push(...rules.errors.map((reason) => ({ property: "policyConfig", reason })));
    if (failures.length > 0) {
        for (const { property, reason } of failures) {
            const flag = FLAGS[property];
            console.error(flag === undefined ? `error: ${reason}` : `error: ${flag}: ${reason}`);
        }
        return 1;
    }
    const scanOptions: ScanOptions = { ...options, sets, includeUnset: options.includeUnset === true, rules: rules.settings };
    let output;
    try {
        output = options.out === undefined ? standardOutput() : fileOutput(options.out);
    } catch (error) {
        console.error(`error: cannot write --out ${options.out}: ${(error as Error).message}`);
        return 1;
    }
    noteNodeVersionSupport();
    const started = Date.now();
    const result = await scanUserPool(scanOptions, output, progressOnStderr());
    console.error(scanReport(scanOptions, result, (Date.now() - started) / 1000));
    return result.failures.length > 0 ? 1 : 0;
}

function main(): void {
    exitOnBrokenPipe();
    const program = new Command("pulumi-cognito-mfa").description("Amazon Cognito MFA preferences as Pulumi resources").showHelpAfterError();
    program
        .command("scan")
        .description("Read the MFA preference of every user of a user pool (or group) and write declarations that adopt them with no change")
        .requiredOption("--user-pool-id <id>", "the user pool, <region>_<id>")
        .option("--group <name>", "only the members of this group (ListUsersInGroup)")
        .option("--filter <expression>", 'a ListUsers filter, such as \'status = "CONFIRMED"\' or \'username ^= "a"\'')
        .addOption(
            new Option(
                "--format <format>",
                "config: the JSON users file the root program reads; typescript and yaml: declarations for a program; stack-config: with --resource set, a Pulumi YAML stack's config file holding the users, the fast form for large pools; json: every user's MFA as read; import: the file `pulumi import --file` reads, for the native provider; summary: Markdown for a CI job summary, the pool judged by the MFA rules",
            )
                .choices(FORMATS)
                .default("config"),
        )
        .addOption(
            new Option("--resource <kind>", "user: one UserMfaPreference per user; set: one UserMfaPreferenceSet of every user, for pools of a thousand users and more")
                .choices(RESOURCE_KINDS)
                .default("user"),
        )
        .option(
            "--sets <count>",
            "with --resource set: split the users into this many UserMfaPreferenceSets, each user in the one a hash of the username picks (userSetIndex); from about 10,000 users, sets of about 1,000 keep a one-user change fast. Keep the number: a user who moves between sets is turned off by one and on by the other",
        )
        .option("--out <file>", "write here (atomically: the file appears only when the scan is complete) instead of standard output")
        .option("--region <region>", "the AWS region (default: the user pool id's prefix)")
        .option("--endpoint <url>", "a Cognito endpoint other than AWS's, such as a local emulator (default: AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER or AWS_ENDPOINT_URL)")
        .option("--include-unset", "declare users without MFA too, with SMS and TOTP off (default: report them, not declare them)")
        .option("--policy-config <file>", "the MFA rules' levels and settings: the policy pack's config file (pulumi preview --policy-pack-config), so the scan judges as the pack does")
        .action(async (options: CommandOptions) => {
            process.exitCode = await scan(options);
        });
    program
        .command("check-plan")
        .description(
            "Judge a Terraform or OpenTofu plan by the MFA rules, as the policy pack judges a Pulumi preview: exit 1 when a mandatory rule is broken, 2 when the plan or the config cannot be read",
        )
        .argument("<plan.json>", "the plan's JSON: terraform show -json <planfile> > plan.json (or tofu show -json)")
        .option("--policy-config <file>", "the MFA rules' levels and settings: the policy pack's config file (pulumi preview --policy-pack-config)")
        .addOption(new Option("--format <format>", "text: one line a violation; summary: Markdown for a CI job summary").choices(PLAN_FORMATS).default("text"))
        // A mistake in the command line is bad input too: exit 2, never 1, which says a mandatory rule is broken.
        .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT_BAD_INPUT))
        .action((file: string, options: CheckPlanOptions) => {
            try {
                const result = checkPlan(file, options);
                process.stdout.write(result.output);
                process.stderr.write(result.report);
                process.exitCode = result.exitCode;
            } catch (error) {
                // Whatever stopped the check, nothing was judged: not exit 1, which a pipeline reads as a broken rule.
                console.error(`error: ${(error as Error).message}`);
                process.exitCode = EXIT_BAD_INPUT;
            }
        });
    program.parseAsync().catch((error: Error) => {
        console.error(`error: ${error.message}`);
        process.exitCode = 1;
    });
}

main();
