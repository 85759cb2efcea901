// The provider's executable as a process: run by hand it says how it is meant to be used, and
// started by OpenTofu it ends when its CLI is gone, however that happened (killed with SIGKILL
// mid-apply here), instead of living on, re-parented.

import * as assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startCognitoProxy, type CognitoProxy } from "../../harness/cognitoProxy";
import { adminClient } from "../../harness/fixtures";
import { startEmulator, type Emulator } from "../../harness/moto";
import { isTerraformProvider, killAll, processesMarked, ProcessWatch } from "../../harness/processes";
import { createPlainUser, createStrictPool } from "../../harness/strictPools";
import { CLI, PROVIDER_SOURCE, PROVIDER_VERSION, PROVIDER_ZIP, tofuProject } from "../support/tofuProject";

const PROJECT_ROOT = path.resolve(__dirname, "../..");
const EXECUTABLE = `terraform-provider-cognitomfa_v${PROVIDER_VERSION}`;

/** Every process of the killed run inherits this variable, so it is found after being re-parented. */
const RUN_MARKER = "COGNITO_MFA_TERRAFORM_RUN";

describe("the Terraform provider's process", function () {
    this.timeout(300_000);

    it("run by hand, says what it is and how it is meant to be used, and exits 1; --version prints its version", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "terraform-provider-"));
        try {
            execFileSync("unzip", ["-q", PROVIDER_ZIP, EXECUTABLE, "-d", dir]);
            const byHand = spawnSync(path.join(dir, EXECUTABLE), [], { encoding: "utf8", env: { PATH: "/usr/bin:/bin" } });
            assert.equal(byHand.status, 1);
            assert.equal(byHand.stdout, "", "nothing on stdout, which a CLI would read as the handshake");
            assert.match(byHand.stderr, /This program is a plugin: Terraform or OpenTofu start it/);
            assert.match(byHand.stderr, /source = "pulumi-cognito-mfa\/cognitomfa"/);
            const version = spawnSync(path.join(dir, EXECUTABLE), ["--version"], { encoding: "utf8", env: { PATH: "/usr/bin:/bin" } });
            assert.equal(version.stdout, `terraform-provider-cognitomfa v${PROVIDER_VERSION} (plugin protocol 6)\n`);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    describe("started by OpenTofu", () => {
        let emulator: Emulator;
        let proxy: CognitoProxy;

        before(async () => {
            emulator = await startEmulator();
            proxy = await startCognitoProxy(emulator.endpoint);
        });

        after(async () => {
            await proxy?.close();
            await emulator?.stop();
        });

        it("ends within seconds once its CLI is killed with SIGKILL in the middle of an apply", async () => {
            const cognito = adminClient(emulator.endpoint);
            const pool = await createStrictPool(cognito, "terraform-orphans");
            const users = Array.from({ length: 20 }, (_, index) => `u-${index}`);
            for (const username of users) {
                await createPlainUser(cognito, pool.userPoolId, username);
            }
            const project = tofuProject(path.join(PROJECT_ROOT, ".cache", "terraform", "orphans"), { ...emulator.env, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: proxy.endpoint });
            project.write(
                "main.tf.json",
                JSON.stringify({
                    terraform: { required_providers: { cognitomfa: { source: PROVIDER_SOURCE, version: PROVIDER_VERSION } } },
                    resource: { cognitomfa_user_mfa_preference_set: { team: { user_pool_id: pool.userPoolId, users: Object.fromEntries(users.map((u) => [u, { sms_mfa: { enabled: true } }])) } } },
                }),
            );
            await project.ok("init");
            proxy.setFaults({ latencyMs: 2_000 });
            const apply = spawn(CLI, ["apply", "-no-color", "-auto-approve"], { cwd: project.dir, env: { ...project.env, [RUN_MARKER]: "orphans" }, stdio: "ignore" });
            const exited = new Promise((resolve) => apply.once("exit", resolve));
            const watch = new ProcessWatch(() => processesMarked(RUN_MARKER, "orphans"));
            while (!(watch.sample().some(isTerraformProvider) && proxy.requests.length > 0)) {
                await new Promise((resolve) => setTimeout(resolve, 100));
            }
            apply.kill("SIGKILL");
            await exited;
            proxy.setFaults({});
            const survivors = await watch.untilGone(10_000);
            watch.stop();
            killAll(survivors);
            assert.deepEqual(
                survivors.map((info) => info.command),
                [],
                "the provider ended after its CLI was killed",
            );
        });
    });
});
