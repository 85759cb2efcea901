// The Terraform provider under the real OpenTofu CLI, installed from its release zip through a
// filesystem mirror with no Node.js on PATH, against the strict Cognito in front of moto, with a
// counting proxy between them (the provider's `endpoint` setting). One configuration, changed step
// by step: the steps run in order.

import * as assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { AdminUpdateUserAttributesCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { startCognitoProxy, type CognitoProxy } from "../../harness/cognitoProxy";
import { adminClient, createPool, createUser, setMfaOutOfBand, userMfa, type Pool } from "../../harness/fixtures";
import { startEmulator, type Emulator } from "../../harness/moto";
import { createPlainUser, createStrictPool } from "../../harness/strictPools";
import { CLI, DEFAULT_HOST, h1Hash, PROVIDER_SOURCE, PROVIDER_VERSION, PROVIDER_ZIP, tofuProject, type TofuProject } from "../support/tofuProject";

const PROJECT_ROOT = path.resolve(__dirname, "../..");
const DIR = path.join(PROJECT_ROOT, ".cache", "terraform", "lifecycle");
const TEAM = ["t-01", "t-02", "t-03", "t-04", "t-05", "t-06"];
const BATCH = Array.from({ length: 60 }, (_, index) => `b-${String(index + 1).padStart(3, "0")}`);

let emulator: Emulator;
let proxy: CognitoProxy;
let cognito: CognitoIdentityProviderClient;
let pool: Pool;
let selfPool: Pool;
let importPool: Pool;
let token: string;
let project: TofuProject;

interface Declared {
    /** The pool resource's users, each the body of its `users` block: its factors, in HCL. */
    team: Record<string, string>;
    alice?: string;
    extra?: string;
}

const smsOn = "sms_mfa = { enabled = true }";
const smsPreferred = "sms_mfa = { enabled = true, preferred = true }";

function configuration({ team, alice = "sms_mfa = { enabled = true }", extra = "" }: Declared): string {
    const users = Object.entries(team)
        .map(([username, factors]) => `  users ${JSON.stringify(username)} {\n    ${factors}\n  }`)
        .join("\n");
    return `terraform {
  required_providers {
    cognitomfa = { source = "${PROVIDER_SOURCE}", version = "${PROVIDER_VERSION}" }
  }
}

provider "cognitomfa" {
  endpoint = "${proxy.endpoint}"
}

variable "token" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "cognitomfa_user_mfa_preference" "alice" {
  user_pool_id = "${pool.userPoolId}"
  username     = "alice"
  ${alice}
}

resource "cognitomfa_user_mfa_preference" "sam" {
  access_token = var.token
  sms_mfa      = { enabled = true }
}

resource "cognitomfa_user_mfa_preference_set" "team" {
  user_pool_id = "${pool.userPoolId}"
${users}
}

data "cognitomfa_user_mfa" "alice" {
  user_pool_id = "${pool.userPoolId}"
  username     = "alice"
  depends_on   = [cognitomfa_user_mfa_preference.alice]
}

output "alice_enabled" {
  value = data.cognitomfa_user_mfa.alice.enabled_mfas
}
${extra}`;
}

/** The package's `check-plan` command, from the source, on PLAN with the rules' config file CONFIG. */
function checkPlan(plan: string, config: string): { status: number; output: string } {
    const result = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(PROJECT_ROOT, "provider", "scan", "main.ts"), "check-plan", plan, "--policy-config", config], {
        cwd: PROJECT_ROOT,
        encoding: "utf8",
    });
    return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}

function declare(declared: Declared): void {
    project.write("main.tf", configuration(declared));
}

/** Erin as an import takes her up: every factor Cognito reports, enabled or not. */
function erinDeclared(): string {
    return `resource "cognitomfa_user_mfa_preference" "erin" {
  user_pool_id       = "${pool.userPoolId}"
  username           = "erin"
  sms_mfa            = { enabled = true }
  software_token_mfa = { enabled = false }
  email_mfa          = { enabled = false }
}
`;
}

const teamOf = (usernames: string[], factors = smsOn) => Object.fromEntries(usernames.map((username) => [username, factors]));

function state(): { resources: { type: string; name: string; instances: { attributes: Record<string, unknown> }[] }[] } {
    return JSON.parse(fs.readFileSync(path.join(DIR, "terraform.tfstate"), "utf8"));
}

function stored(type: string, name: string): Record<string, unknown> | undefined {
    return state().resources.find((resource) => resource.type === type && resource.name === name)?.instances[0]?.attributes;
}

function writesFor(usernames: string[], userPoolId = pool.userPoolId): number {
    return usernames.reduce((sum, username) => sum + (proxy.receivedFor(username, userPoolId).AdminSetUserMFAPreference ?? 0), 0);
}

describe("the Terraform provider under OpenTofu", function () {
    this.timeout(300_000);

    before(async () => {
        emulator = await startEmulator();
        proxy = await startCognitoProxy(emulator.endpoint);
        cognito = adminClient(emulator.endpoint);
        pool = await createStrictPool(cognito, "terraform");
        for (const username of ["alice", "erin", ...TEAM, ...BATCH]) {
            await createPlainUser(cognito, pool.userPoolId, username);
        }
        await createPlainUser(cognito, pool.userPoolId, "nophone-1", true);
        await createPlainUser(cognito, pool.userPoolId, "nophone-2", true);
        selfPool = await createPool(cognito, "terraform-self-service");
        token = (await createUser(cognito, selfPool, "sam")).accessToken;
        importPool = await createStrictPool(cognito, "terraform-import");
        for (const username of ["i-1", "i-2", "i-3"]) {
            await createPlainUser(cognito, importPool.userPoolId, username);
        }
        await setMfaOutOfBand(cognito, importPool.userPoolId, "i-1", { SMSMfaSettings: { Enabled: true, PreferredMfa: true } });
        await setMfaOutOfBand(cognito, importPool.userPoolId, "i-2", { SMSMfaSettings: { Enabled: true }, EmailMfaSettings: { Enabled: true } });
        await setMfaOutOfBand(cognito, pool.userPoolId, "erin", { SMSMfaSettings: { Enabled: true } });
        // The emulator's credentials and region; no endpoint: the provider's setting names the proxy.
        const environment = { ...emulator.env, TF_VAR_token: token };
        delete (environment as Record<string, string>).AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER;
        project = tofuProject(DIR, environment);
    });

    after(async () => {
        await proxy?.close();
        await emulator?.stop();
    });

    it("1. init installs the provider from the filesystem mirror, with no Node.js on PATH, and records its h1: hash in the lock file", async () => {
        const onPath = (project.env.PATH ?? "").split(path.delimiter).filter((dir) => fs.existsSync(path.join(dir, "node")));
        assert.deepEqual(onPath, [], "no node on the CLI's PATH");
        declare({ team: teamOf([...TEAM, "nophone-1", "nophone-2"]) });
        const output = await project.ok("init");
        assert.match(output, new RegExp(`Installed pulumi-cognito-mfa/cognitomfa v${PROVIDER_VERSION.replaceAll(".", "\\.")}`), output);
        const lock = fs.readFileSync(path.join(DIR, ".terraform.lock.hcl"), "utf8");
        assert.match(lock, new RegExp(`provider "${DEFAULT_HOST}/${PROVIDER_SOURCE}" \\{\\s+version += "${PROVIDER_VERSION}"`), lock);
        assert.ok(lock.includes(`"${h1Hash(PROVIDER_ZIP)}"`), `the lock file holds the zip's h1: hash ${h1Hash(PROVIDER_ZIP)}:\n${lock}`);
    });

    it("2. a create that fails for some users saves no state (nothing to taint), names them with the fix, and keeps what it wrote", async () => {
        const failed = await project.run("apply", "-auto-approve");
        assert.equal(failed.status, 1, failed.output);
        assert.match(failed.output, /Adopting the users failed/, failed.output);
        assert.match(failed.output, /"nophone-1"/, failed.output);
        assert.match(failed.output, /phone_number/, failed.output);
        assert.match(failed.output.replace(/\s+/g, " "), /Nothing is saved to the state/, failed.output);
        assert.doesNotMatch(failed.output, /smsMfa|pulumi/, "in Terraform's terms");
        assert.equal(stored("cognitomfa_user_mfa_preference_set", "team"), undefined, "no state for the failed create");
        assert.doesNotMatch(await project.ok("state", "list"), /team/);
        for (const username of TEAM) {
            assert.deepEqual(await userMfa(cognito, pool.userPoolId, username), { enabled: ["SMS_MFA"], preferred: undefined }, username);
        }
        assert.deepEqual(await userMfa(cognito, pool.userPoolId, "alice"), { enabled: ["SMS_MFA"], preferred: undefined });
    });

    it("3. with the users fixed, the next apply adopts: it writes only the user still to do, and a plan then exits 0", async () => {
        await cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: pool.userPoolId, Username: "nophone-1", UserAttributes: [{ Name: "phone_number", Value: "+15555550100" }] }));
        declare({ team: teamOf([...TEAM, "nophone-1"]) });
        proxy.resetCounts();
        await project.ok("apply", "-auto-approve");
        assert.equal(writesFor(TEAM), 0, "the users written before are only read");
        assert.equal(writesFor(["nophone-1"]), 1);
        assert.equal((await project.run("plan", "-detailed-exitcode")).status, 0);
        assert.deepEqual(JSON.parse(await project.ok("output", "-json", "alice_enabled")), ["SMS_MFA"], "the data source reads alice");
    });

    it("4. the access token is in no state, no plan file and no output; the user is named in state by the token's pool and username", async () => {
        const sam = stored("cognitomfa_user_mfa_preference", "sam")!;
        assert.equal(sam.access_token, null);
        assert.equal(sam.user_pool_id, selfPool.userPoolId);
        assert.equal(sam.username, "sam");
        assert.deepEqual(await userMfa(cognito, selfPool.userPoolId, "sam"), { enabled: ["SMS_MFA"], preferred: undefined });
        const planned = await project.run("plan", "-out", "secret-check.tfplan", "-detailed-exitcode");
        assert.equal(planned.status, 0, planned.output);
        const shown = await project.ok("show", "-json", "secret-check.tfplan");
        for (const [what, text] of [
            ["the state", fs.readFileSync(path.join(DIR, "terraform.tfstate"), "latin1")],
            ["the plan file", fs.readFileSync(path.join(DIR, "secret-check.tfplan"), "latin1")],
            ["the plan's JSON", shown],
            ["the plan's output", planned.output],
            ["the outputs", await project.ok("output", "-json")],
        ]) {
            assert.ok(!text.includes(token), `the token is not in ${what}`);
            assert.ok(!text.includes(token.split(".")[2]), `the token's signature is not in ${what}`);
        }
    });

    it("5. a one-user change: the plan names the user and the factor, and the apply writes that user alone", async () => {
        declare({ team: { ...teamOf([...TEAM, "nophone-1"]), "t-03": smsPreferred } });
        const planned = await project.run("plan", "-detailed-exitcode");
        assert.equal(planned.status, 2, planned.output);
        assert.match(planned.output, /~ users "t-03" \{\s+~ sms_mfa = \{\s+~ preferred = false -> true/, planned.output);
        assert.match(planned.output, /Plan: 0 to add, 1 to change, 0 to destroy/);
        proxy.resetCounts();
        await project.ok("apply", "-auto-approve");
        assert.equal(proxy.received.get("AdminSetUserMFAPreference"), 1);
        assert.equal(writesFor(["t-03"]), 1);
        assert.equal((await project.run("plan", "-detailed-exitcode")).status, 0);
    });

    it("6. a change made out of band: `plan -refresh-only -detailed-exitcode` exits 2, naming the user and the attribute; apply repairs it", async () => {
        await setMfaOutOfBand(cognito, pool.userPoolId, "t-04", { SMSMfaSettings: { Enabled: false } });
        await setMfaOutOfBand(cognito, pool.userPoolId, "alice", { SMSMfaSettings: { Enabled: false } });
        const drifted = await project.run("plan", "-refresh-only", "-detailed-exitcode");
        assert.equal(drifted.status, 2, drifted.output);
        assert.match(drifted.output, /~ users "t-04" \{\s+~ sms_mfa = \{\s+~ enabled\s+= true -> false/, drifted.output);
        assert.match(drifted.output, /cognitomfa_user_mfa_preference\.alice has changed[\s\S]*~ enabled_mfas = \[\s+- "SMS_MFA",/, drifted.output);
        await project.ok("apply", "-auto-approve");
        assert.deepEqual(await userMfa(cognito, pool.userPoolId, "t-04"), { enabled: ["SMS_MFA"], preferred: undefined });
        assert.deepEqual(await userMfa(cognito, pool.userPoolId, "alice"), { enabled: ["SMS_MFA"], preferred: undefined });
        assert.equal((await project.run("plan", "-refresh-only", "-detailed-exitcode")).status, 0);
    });

    it("7. bad input fails at plan, at its attribute, with the core's message in Terraform's terms, and calls nothing", async () => {
        declare({
            team: { ...teamOf([...TEAM, "nophone-1"]), "t-03": smsPreferred, "t-05": "sms_mfa = { enabled = false, preferred = true }" },
            alice: "sms_mfa = { enabled = true, preferred = true }\n  email_mfa = { enabled = true, preferred = true }",
        });
        proxy.resetCounts();
        const failed = await project.run("plan");
        assert.equal(failed.status, 1, failed.output);
        // The CLI wraps the detail at 78 columns.
        const said = failed.output.replace(/\s+/g, " ");
        assert.match(said, /Error: Invalid email_mfa\.preferred .*only one factor can be preferred, but sms_mfa and email_mfa are; set preferred = false on all but one/, failed.output);
        assert.match(said, /Error: Invalid users\["t-05"\]\.sms_mfa\.preferred .*sms_mfa is preferred but not enabled; set sms_mfa\.enabled to true or sms_mfa\.preferred to false/, failed.output);
        assert.match(failed.output, /on main\.tf line \d+, in resource "cognitomfa_user_mfa_preference" "alice"/, failed.output);
        assert.equal(proxy.received.get("AdminSetUserMFAPreference") ?? 0, 0);
    });

    it("7b. the MFA rules judge a saved plan's JSON: a mandatory violation fails the check, naming the address and the user; an exemption in the config lets it pass", async () => {
        declare({ team: { ...teamOf([...TEAM, "nophone-1"]), "t-03": smsPreferred, "t-06": "sms_mfa = { enabled = false }" } });
        await project.ok("plan", "-out", "rules.tfplan");
        fs.writeFileSync(path.join(DIR, "plan.json"), await project.ok("show", "-json", "rules.tfplan"));
        const config = (exempt?: string) => {
            const file = path.join(DIR, "mfa-policy.json");
            fs.writeFileSync(file, JSON.stringify({ "mfa-enabled": { enforcementLevel: "mandatory", ...(exempt === undefined ? {} : { exemptPattern: exempt }) } }));
            return file;
        };
        const checked = checkPlan(path.join(DIR, "plan.json"), config());
        assert.equal(checked.status, 1, checked.output);
        assert.match(checked.output, /cognitomfa_user_mfa_preference_set\.team: mfa-enabled \(mandatory\): user "t-06" has no MFA factor enabled/, checked.output);
        assert.doesNotMatch(checked.output, /softwareTokenMfa/, "in Terraform's terms");
        const exempted = checkPlan(path.join(DIR, "plan.json"), config("^t-06$"));
        assert.equal(exempted.status, 0, exempted.output);
    });

    it("8. import: `tofu import` of one user, and an import block with -generate-config-out for a pool, whose configuration plans clean", async () => {
        const team = { ...teamOf([...TEAM, "nophone-1"]), "t-03": smsPreferred };
        const erin = erinDeclared();
        declare({ team, extra: erin });
        const imported = await project.ok("import", "cognitomfa_user_mfa_preference.erin", `${pool.userPoolId}/erin`);
        assert.match(imported, /Import successful/, imported);
        const planned = await project.run("plan", "-detailed-exitcode");
        assert.equal(planned.status, 0, `the declaration matches what was imported:\n${planned.output}`);

        declare({ team, extra: `${erin}\nimport {\n  to = cognitomfa_user_mfa_preference_set.imported\n  id = "${importPool.userPoolId}"\n}\n` });
        const generated = await project.run("plan", "-generate-config-out=generated.tf");
        assert.equal(generated.status, 0, generated.output);
        const config = fs.readFileSync(path.join(DIR, "generated.tf"), "utf8");
        assert.match(config, /users "i-1" \{[\s\S]*?sms_mfa\s+= \{\s+enabled\s+= true\s+preferred = true/, config);
        assert.match(config, /users "i-2" \{\s+email_mfa\s+= \{\s+enabled\s+= true\s+preferred = false\s+\}[\s\S]*?sms_mfa\s+= \{\s+enabled\s+= true/, config);
        assert.doesNotMatch(config, /i-3/, "a user with no MFA is not taken up");
        await project.ok("apply", "-auto-approve");
        const clean = await project.run("plan", "-detailed-exitcode");
        assert.equal(clean.status, 0, clean.output);
    });

    it("9. Ctrl-C during an update stops starting users; the state keeps those written, and the next apply writes only the rest", async () => {
        const team = { ...teamOf([...TEAM, "nophone-1"]), "t-03": smsPreferred };
        declare({ team: { ...team, ...teamOf(BATCH) }, extra: erinDeclared() });
        await project.ok("apply", "-auto-approve");
        declare({ team: { ...team, ...teamOf(BATCH, smsPreferred) }, extra: erinDeclared() });
        proxy.resetCounts();
        proxy.setFaults({ latencyMs: 250 });
        const apply = spawn(CLI, ["apply", "-no-color", "-input=false", "-auto-approve"], { cwd: DIR, env: project.env });
        let output = "";
        apply.stdout.on("data", (chunk) => (output += chunk));
        apply.stderr.on("data", (chunk) => (output += chunk));
        const exited = new Promise<number | null>((resolve) => apply.once("exit", resolve));
        while (writesFor(BATCH) < 5) {
            await new Promise((resolve) => setTimeout(resolve, 50));
        }
        apply.kill("SIGINT");
        const status = await exited;
        proxy.setFaults({});
        assert.notEqual(status, 0, output);
        assert.match(output, /Interrupt received/, output);
        const users = stored("cognitomfa_user_mfa_preference_set", "team")!.users as Record<string, { sms_mfa: { preferred: boolean } }>;
        const done = BATCH.filter((username) => users[username].sms_mfa.preferred);
        assert.ok(done.length > 0 && done.length < BATCH.length, `some users were done before the stop, not all: ${done.length}\n${output}`);
        for (const username of BATCH) {
            const preferred = (await userMfa(cognito, pool.userPoolId, username)).preferred === "SMS_MFA";
            assert.equal(preferred, done.includes(username), `${username}: the state says what Cognito has`);
        }
        proxy.resetCounts();
        await project.ok("apply", "-auto-approve");
        assert.equal(writesFor(BATCH), BATCH.length - done.length, "only the users not done are written");
        assert.equal((await project.run("plan", "-detailed-exitcode")).status, 0);
    });

    it("10. a removed block with destroy = false lets a user go with no call; destroy turns every managed factor off", async () => {
        const team = { ...teamOf([...TEAM, "nophone-1"]), "t-03": smsPreferred, ...teamOf(BATCH, smsPreferred) };
        const removed = `removed {\n  from = cognitomfa_user_mfa_preference.erin\n  lifecycle {\n    destroy = false\n  }\n}\n`;
        declare({ team, extra: removed });
        proxy.resetCounts();
        await project.ok("apply", "-auto-approve");
        assert.equal(proxy.receivedFor("erin", pool.userPoolId).AdminSetUserMFAPreference ?? 0, 0);
        assert.doesNotMatch(await project.ok("state", "list"), /\.erin/);
        assert.deepEqual(await userMfa(cognito, pool.userPoolId, "erin"), { enabled: ["SMS_MFA"], preferred: undefined });

        await project.ok("destroy", "-auto-approve");
        for (const username of ["alice", ...TEAM, "nophone-1", ...BATCH.slice(0, 3)]) {
            assert.deepEqual(await userMfa(cognito, pool.userPoolId, username), { enabled: [], preferred: undefined }, username);
        }
        assert.deepEqual(await userMfa(cognito, importPool.userPoolId, "i-2"), { enabled: [], preferred: undefined });
        assert.deepEqual(await userMfa(cognito, selfPool.userPoolId, "sam"), { enabled: [], preferred: undefined });
        assert.deepEqual(await userMfa(cognito, pool.userPoolId, "erin"), { enabled: ["SMS_MFA"], preferred: undefined }, "let go of, untouched");
    });
});
