// The GitOps example's workflow (examples/gitops/workflow.yml), checked without running it:
// actionlint (scripts/setup/actionlint.sh) reports nothing on it, it runs the policy pack on
// previews and applies and publishes the scan's summary on schedule (docs/mfa-rules.md; the pack's
// config file is checked by the CLI in test/yaml/policyPack.test.ts), and it runs the way the
// README says a large pool runs (PULUMI_SKIP_CHECKPOINTS) with one run per ref at a time.

import * as assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
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
