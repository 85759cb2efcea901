// The GitOps example's workflow (examples/gitops/workflow.yml), checked without running it:
// actionlint (scripts/setup/actionlint.sh) reports nothing on it, it runs the policy pack on
// previews and applies and publishes the scan's summary on schedule (docs/mfa-rules.md; the pack's
// config file is checked by the CLI in test/yaml/policyPack.test.ts), and it runs the way the
// README says a large pool runs (PULUMI_SKIP_CHECKPOINTS) with one run per ref at a time.
// The Terraform example's (examples/gitops-terraform) likewise: actionlint, the MFA rules on the
// saved plan's JSON before it is applied, the drift check's exit codes (its script run with a
// stand-in `tofu`), and its configuration's S3 backend, users file and the dynamic block that
// makes a `users` block of each of its users.

import * as assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as os from "node:os";
import { RESOURCE_SCHEMAS, SET_RESOURCE } from "../../provider/terraform/schema";
import { parseYaml } from "../support/parseYaml";

const PROJECT_ROOT = path.resolve(__dirname, "../..");
const WORKFLOW_FILE = path.join("examples", "gitops", "workflow.yml");
const WORKFLOW = fs.readFileSync(path.join(PROJECT_ROOT, WORKFLOW_FILE), "utf8");

interface Step {
    name?: string;
    if?: string;
    run?: string;
}

/** The workflow as GitHub reads it: a step's `if:` and `run:` are the step's own, wherever its lines fall. */
const PARSED = parseYaml(WORKFLOW) as { env: Record<string, unknown>; jobs: { pulumi: { steps: Step[] } } };
const STEPS = PARSED.jobs.pulumi.steps;

function step(name: string): Step {
    const found = STEPS.find((candidate) => candidate.name === name);
    assert.ok(found, `a step named ${name}`);
    return found;
}

/** Whether WORDS hold FLAG followed by VALUE. */
const hasOption = (words: string[], flag: string, value: string) => words.some((word, at) => word === flag && words[at + 1] === value);

describe("the GitOps example's workflow", function () {
    let actionlint = "";

    before(function () {
        this.timeout(10 * 60_000);
        actionlint = execFileSync("bash", [path.join(PROJECT_ROOT, "scripts", "setup", "actionlint.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
    });

    it("actionlint reports nothing", () => {
        const result = spawnSync(actionlint, ["-no-color", WORKFLOW_FILE], { cwd: PROJECT_ROOT, encoding: "utf8" });
        assert.equal(`${result.stdout}${result.stderr}`, "", "actionlint's report");
        assert.equal(result.status, 0);
    });

    it("runs the package's policy pack with the example's config on the pull request's preview and the apply, and publishes the scan's summary by the same config", () => {
        assert.equal(PARSED.env.POLICY_PACK, "node_modules/pulumi-cognito-mfa/policy-pack");
        // The pack loads @pulumi/policy, which the program's lock file holds (examples/gitops/README.md:
        // npm install --save-dev @pulumi/policy): npm ci installs it, dev dependencies included,
        // before the pack runs.
        const install = STEPS.findIndex((candidate) => candidate.run === "npm ci");
        assert.ok(install >= 0, "an npm ci step");
        for (const [name, condition, command] of [
            ["Preview (pull request)", "github.event_name == 'pull_request'", "preview"],
            ["Apply (merge to main)", "github.event_name == 'push'", "up"],
        ]) {
            const found = step(name);
            assert.equal(found.if, condition, name);
            assert.ok(STEPS.indexOf(found) > install, `${name} runs after npm ci`);
            const run = found.run ?? "";
            // One command, so that a policy violation fails the step.
            assert.doesNotMatch(run, /[;&|\n]/, name);
            const words = run.split(" ");
            assert.deepEqual(words.slice(0, 2), ["pulumi", command], name);
            assert.ok(hasOption(words, "--policy-pack", '"$POLICY_PACK"') && hasOption(words, "--policy-pack-config", "mfa-policy.json"), `${name}: ${run}`);
        }
        const summary = step("MFA summary (schedule)");
        assert.equal(summary.if, "always() && github.event_name == 'schedule'");
        const words = (summary.run ?? "").split(" ");
        assert.deepEqual(words.slice(0, 3), ["npx", "pulumi-cognito-mfa", "scan"], summary.run);
        assert.ok(hasOption(words, "--format", "summary") && hasOption(words, "--policy-config", "mfa-policy.json"), summary.run);
        assert.deepEqual(words.slice(-2), [">>", '"$GITHUB_STEP_SUMMARY"'], summary.run);
        assert.ok(fs.existsSync(path.join(PROJECT_ROOT, "examples", "gitops", "mfa-policy.json")), "the config file the workflow names");
    });

    it("runs the CLI with PULUMI_SKIP_CHECKPOINTS, one run per ref at a time, never cancelling a run", () => {
        assert.match(WORKFLOW, /^env:\n(?: {2}.*\n|\n)*? {2}PULUMI_SKIP_CHECKPOINTS: "true"\n/m);
        assert.match(WORKFLOW, /^concurrency:\n {2}group: pulumi-\$\{\{ github\.ref \}\}\n {2}cancel-in-progress: false\n/m);
    });
});

describe("the Terraform GitOps example's workflow", function () {
    const EXAMPLE = path.join("examples", "gitops-terraform");
    const FILE = path.join(EXAMPLE, "workflow.yml");
    const TEXT = fs.readFileSync(path.join(PROJECT_ROOT, FILE), "utf8");
    const parsed = parseYaml(TEXT) as { on: Record<string, unknown>; env: Record<string, unknown>; jobs: { tofu: { steps: Step[] } } };
    const steps = parsed.jobs.tofu.steps;
    const named = (name: string): Step => {
        const found = steps.find((candidate) => candidate.name === name);
        assert.ok(found, `a step named ${name}`);
        return found;
    };
    let actionlint = "";

    before(function () {
        this.timeout(10 * 60_000);
        actionlint = execFileSync("bash", [path.join(PROJECT_ROOT, "scripts", "setup", "actionlint.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
    });

    it("actionlint reports nothing", () => {
        const result = spawnSync(actionlint, ["-no-color", FILE], { cwd: PROJECT_ROOT, encoding: "utf8" });
        assert.equal(`${result.stdout}${result.stderr}`, "", "actionlint's report");
        assert.equal(result.status, 0);
    });

    it("runs on pull requests, pushes to main and a schedule, one run per ref at a time, never cancelling a run", () => {
        assert.deepEqual(Object.keys(parsed.on), ["pull_request", "push", "schedule"]);
        assert.match(TEXT, /^concurrency:\n {2}group: tofu-\$\{\{ github\.ref \}\}\n {2}cancel-in-progress: false\n/m);
    });

    it("plans to a file and its JSON, judges that by the MFA rules into the run's summary, and applies that very plan on main", () => {
        const install = steps.findIndex((candidate) => candidate.run === "npm ci");
        assert.ok(install >= 0, "an npm ci step, for npx pulumi-cognito-mfa");
        const plan = named("Plan (pull request, merge to main)");
        const rules = named("MFA rules (pull request, merge to main)");
        const apply = named("Apply (merge to main)");
        assert.equal(plan.if, "github.event_name != 'schedule'");
        assert.equal(rules.if, "github.event_name != 'schedule'");
        assert.equal(apply.if, "github.event_name == 'push'");
        const planLines = (plan.run ?? "").trim().split("\n");
        assert.equal(planLines.length, 2, plan.run);
        assert.deepEqual(planLines[0].split(" ").slice(0, 2), ["tofu", "plan"]);
        assert.ok(planLines[0].split(" ").includes("-out") && planLines[0].endsWith(" plan.tfplan"), planLines[0]);
        assert.equal(planLines[1], "tofu show -json plan.tfplan > plan.json");
        // One command whose exit code is the step's: 1 (a mandatory rule broken) or 2 (nothing judged) fails the job.
        const words = (rules.run ?? "").split(" ");
        assert.doesNotMatch(rules.run ?? "", /[;&|\n]/);
        assert.deepEqual(words.slice(0, 4), ["npx", "pulumi-cognito-mfa", "check-plan", "plan.json"], rules.run);
        assert.ok(hasOption(words, "--policy-config", "mfa-policy.json") && hasOption(words, "--format", "summary"), rules.run);
        assert.deepEqual(words.slice(-2), [">>", '"$GITHUB_STEP_SUMMARY"'], rules.run);
        assert.ok(install < steps.indexOf(plan) && steps.indexOf(plan) < steps.indexOf(rules) && steps.indexOf(rules) < steps.indexOf(apply), "npm ci, plan, rules, apply, in that order");
        assert.match(apply.run ?? "", /^tofu apply( -[a-z-]+=\S+)* plan\.tfplan$/);
        assert.ok(fs.existsSync(path.join(PROJECT_ROOT, EXAMPLE, "mfa-policy.json")), "the config file the workflow names");
        JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, EXAMPLE, "mfa-policy.json"), "utf8"));
    });

    it("fails the drift check, saying so, when the refresh-only plan exits 2, and passes its other exit codes through", () => {
        const drift = named("Drift check (schedule)");
        assert.equal(drift.if, "github.event_name == 'schedule'");
        assert.match(drift.run ?? "", /tofu plan -refresh-only -detailed-exitcode/);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "drift-check-"));
        try {
            // A stand-in tofu that exits as told; the step runs as GitHub runs a bash step.
            fs.writeFileSync(path.join(dir, "tofu"), '#!/bin/sh\necho "tofu $*"\nexit "$TOFU_EXIT"\n', { mode: 0o755 });
            fs.writeFileSync(path.join(dir, "step.sh"), drift.run ?? "");
            for (const [tofuExit, stepExit, says] of [
                [0, 0, false],
                [2, 1, true],
                [1, 1, false],
            ] as const) {
                const summary = path.join(dir, `summary-${tofuExit}.md`);
                const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", path.join(dir, "step.sh")], {
                    encoding: "utf8",
                    env: { PATH: `${dir}${path.delimiter}${process.env.PATH}`, TOFU_EXIT: String(tofuExit), GITHUB_STEP_SUMMARY: summary },
                });
                assert.equal(result.status, stepExit, `tofu exiting ${tofuExit}: ${result.stdout}${result.stderr}`);
                assert.equal(/::error title=MFA drift::/.test(result.stdout), says, `tofu exiting ${tofuExit}: the drift annotation`);
                assert.equal(fs.existsSync(summary) && /MFA drift/.test(fs.readFileSync(summary, "utf8")), says, `tofu exiting ${tofuExit}: the run's summary`);
            }
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("keeps its state in S3 with S3's own lock, and declares users with the set's factor attributes alone, each a users block", () => {
        const main = fs.readFileSync(path.join(PROJECT_ROOT, EXAMPLE, "main.tf"), "utf8");
        const backend = /^ {2}backend "s3" \{\n([\s\S]*?)^ {2}\}/m.exec(main);
        assert.ok(backend, "an s3 backend block");
        for (const setting of ["bucket", "key", "region"]) {
            assert.match(backend[1], new RegExp(`^ {4}${setting} += "[^"]+"$`, "m"), setting);
        }
        assert.match(backend[1], /^ {4}use_lockfile += true$/m);
        assert.match(main, /source += "pulumi-cognito-mfa\/cognitomfa"/);
        const users = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, EXAMPLE, "users.json"), "utf8")) as Record<string, Record<string, Record<string, unknown>>>;
        const usersAttribute = RESOURCE_SCHEMAS[SET_RESOURCE].attributes.find((attribute) => attribute.name === "users")!;
        const factors = usersAttribute.nested!.attributes;
        // users is a block type: a dynamic block over users.json, whose content reads every factor
        // the block has (one it leaves out would be ignored in users.json) and nothing else.
        assert.equal(usersAttribute.block, true, "users is a block type");
        const dynamic = /^ {2}dynamic "users" \{\n {4}for_each = jsondecode\(file\("\$\{path\.module\}\/users\.json"\)\)\n {4}labels {3}= \[users\.key\]\n {4}content \{\n([\s\S]*?)^ {4}\}\n {2}\}$/m.exec(main);
        assert.ok(dynamic, 'main.tf: a dynamic "users" block over users.json, labelled with the username');
        const read = [...dynamic[1].matchAll(/^ {6}([a-z_]+) += try\(users\.value\.([a-z_]+), null\)$/gm)];
        assert.equal(read.length, dynamic[1].trim().split("\n").length, `main.tf: every line of the content is \`<factor> = try(users.value.<factor>, null)\`:\n${dynamic[1]}`);
        for (const [, name, source] of read) {
            assert.equal(name, source, `main.tf: ${name} reads users.value.${name}`);
        }
        assert.deepEqual(read.map(([, name]) => name).sort(), factors.map((factor) => factor.name).sort(), "main.tf: the content reads every factor of a users block");
        for (const [username, declared] of Object.entries(users)) {
            for (const [factor, settings] of Object.entries(declared)) {
                const attribute = factors.find((candidate) => candidate.name === factor);
                assert.ok(attribute, `users.json: ${username}: ${factor} is no factor of the set`);
                for (const setting of Object.keys(settings)) {
                    assert.ok(attribute.nested!.attributes.some((candidate) => candidate.name === setting), `users.json: ${username}.${factor}: no ${setting}`);
                }
            }
        }
    });
});
