// The GitOps example's workflow (examples/gitops/workflow.yml), checked without running it:
// actionlint (scripts/setup/actionlint.sh) reports nothing on it, it runs the policy pack on
// previews and applies and publishes the scan's summary on schedule (docs/mfa-rules.md; the pack's
// config file is checked by the CLI in test/yaml/policyPack.test.ts), and it runs the way the
// README says a large pool runs (PULUMI_SKIP_CHECKPOINTS) with one run per ref at a time.

import * as assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const PROJECT_ROOT = path.resolve(__dirname, "../..");
const WORKFLOW_FILE = path.join("examples", "gitops", "workflow.yml");
const WORKFLOW = fs.readFileSync(path.join(PROJECT_ROOT, WORKFLOW_FILE), "utf8");

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
        assert.match(WORKFLOW, /^ {2}POLICY_PACK: node_modules\/pulumi-cognito-mfa\/policy-pack\n/m);
        for (const step of ["Preview (pull request)", "Apply (merge to main)"]) {
            assert.match(WORKFLOW, new RegExp(`- name: ${step.replace(/[()]/g, "\\$&")}\n.*\n {8}run: pulumi (preview|up) .*--policy-pack "\\$POLICY_PACK" --policy-pack-config mfa-policy\\.json\n`), step);
        }
        assert.match(WORKFLOW, /- name: MFA summary \(schedule\)\n {8}if: always\(\) && github\.event_name == 'schedule'\n {8}run: npx pulumi-cognito-mfa scan .*--format summary --policy-config mfa-policy\.json >> "\$GITHUB_STEP_SUMMARY"\n/);
        assert.ok(fs.existsSync(path.join(PROJECT_ROOT, "examples", "gitops", "mfa-policy.json")), "the config file the workflow names");
    });

    it("runs the CLI with PULUMI_SKIP_CHECKPOINTS, one run per ref at a time, never cancelling a run", () => {
        assert.match(WORKFLOW, /^env:\n(?: {2}.*\n|\n)*? {2}PULUMI_SKIP_CHECKPOINTS: "true"\n/m);
        assert.match(WORKFLOW, /^concurrency:\n {2}group: pulumi-\$\{\{ github\.ref \}\}\n {2}cancel-in-progress: false\n/m);
    });
});
