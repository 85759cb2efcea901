// The native provider from Pulumi YAML under what real Cognito enforces (the strict Cognito in front
// of moto, harness/strictCognito/): a precondition not met fails naming the user, the factor, what
// is missing and the fix, while a pool resource keeps every other user and groups many failures by
// reason; a legacy SMS user is adopted with no write; email MFA round-trips, drifts and imports; a
// factor declared off in a pool that requires MFA fails the run, in both answers Cognito is
// reported to give. One stack; the steps run in order.

import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { AdminGetUserCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { adminClient, setMfaOutOfBand, userMfa, type Pool } from "../../harness/fixtures";
import { startEmulator, type Emulator } from "../../harness/moto";
import { createLegacySmsUser, createPlainUser, createStrictPool } from "../../harness/strictPools";
import { freshYamlProject, PLUGIN_ARCHIVE, PLUGIN_VERSION, yamlHostBin } from "../support/yamlProject";

const PROJECT_ROOT = path.resolve(__dirname, "../..");
const DIR = path.join(PROJECT_ROOT, ".cache", "stacks", "yaml-strict");
const STACK = "strict";
const GOOD = ["good-1", "good-2"];
/** More than the message lists one by one: it groups them. */
const NO_PHONE = Array.from({ length: 12 }, (_, index) => `nophone-${String(index + 1).padStart(2, "0")}`);

let emulator: Emulator;
let cognito: CognitoIdentityProviderClient;
let pool: Pool;
let required: Pool;
let env: NodeJS.ProcessEnv;

function pulumi(...args: string[]): { status: number; output: string } {
    const result = spawnSync("pulumi", [...args, "--non-interactive", "--stack", STACK], { cwd: DIR, env, encoding: "utf8", maxBuffer: 1 << 30 });
    return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}

function ok(...args: string[]): string {
    const result = pulumi(...args);
    assert.equal(result.status, 0, `pulumi ${args.join(" ")} exited ${result.status}:\n${result.output}`);
    return result.output;
}

const smsOn = "{ smsMfa: { enabled: true } }";

/** The program: email, legacy and team resources in POOL, and EXTRA resources. */
function writeProgram(teamUsers: string[], extra = ""): void {
    const users = teamUsers.map((username) => `        ${username}: ${smsOn}`).join("\n");
    fs.writeFileSync(
        path.join(DIR, "Pulumi.yaml"),
        `name: strict-cognito
runtime: yaml
config:
  poolId: { type: string }
  requiredPoolId: { type: string }
resources:
  emailer:
    type: cognito-mfa:index:UserMfaPreference
    properties:
      userPoolId: \${poolId}
      username: emailer
      smsMfa: { enabled: true }
      emailMfa: { enabled: true, preferred: true }
  legacy:
    type: cognito-mfa:index:UserMfaPreference
    properties:
      userPoolId: \${poolId}
      username: legacy
      smsMfa: { enabled: true }
  team:
    type: cognito-mfa:index:UserMfaPreferenceSet
    properties:
      userPoolId: \${poolId}
      users:
${users}
${extra}`,
    );
}

const requiredOff = `  required:
    type: cognito-mfa:index:UserMfaPreference
    properties:
      userPoolId: \${requiredPoolId}
      username: rita
      smsMfa: { enabled: false }
`;

function storedTeamUsers(): string[] {
    const state = JSON.parse(ok("stack", "export")) as { deployment: { resources?: { type: string; outputs?: { users?: object } }[] } };
    const team = state.deployment.resources?.find((resource) => resource.type === "cognito-mfa:index:UserMfaPreferenceSet");
    return Object.keys(team?.outputs?.users ?? {}).sort();
}

describe("native provider from Pulumi YAML under a strict Cognito", function () {
    this.timeout(300_000);

    before(async () => {
        const yamlBin = yamlHostBin();
        emulator = await startEmulator();
        cognito = adminClient(emulator.endpoint);
        pool = await createStrictPool(cognito, "strict");
        required = await createStrictPool(cognito, "required", "ON");
        for (const username of ["emailer", "emailer-2", ...GOOD]) {
            await createPlainUser(cognito, pool.userPoolId, username);
        }
        for (const username of NO_PHONE) {
            await createPlainUser(cognito, pool.userPoolId, username, true);
        }
        await createLegacySmsUser(cognito, pool.userPoolId, "legacy");
        await createPlainUser(cognito, required.userPoolId, "rita");
        await setMfaOutOfBand(cognito, required.userPoolId, "rita", { SMSMfaSettings: { Enabled: true } });

        env = freshYamlProject(DIR, emulator.env, yamlBin);
        spawnSync("pulumi", ["plugin", "install", "resource", "cognito-mfa", PLUGIN_VERSION, "--file", PLUGIN_ARCHIVE], { env, encoding: "utf8" });
        writeProgram([...GOOD, ...NO_PHONE]);
        spawnSync("pulumi", ["stack", "init", STACK, "--non-interactive"], { cwd: DIR, env });
        ok("config", "set", "poolId", pool.userPoolId);
        ok("config", "set", "requiredPoolId", required.userPoolId);
    });

    after(async () => {
        await emulator?.stop();
    });

    it("1. up: the users without a phone fail, grouped by reason with the fix; every other user is written and kept", async () => {
        const failed = pulumi("up", "--yes");
        assert.notEqual(failed.status, 0, failed.output);
        assert.match(failed.output, /Adopting the users failed for 12 of 14 users, by reason/);
        assert.match(
            failed.output,
            /12 users: AdminSetUserMFAPreference failed: InvalidParameterException: User does not have a phone_number set to turn on SMS MFA\. Fix: SMS MFA needs the user's phone_number attribute/,
        );
        assert.match(failed.output, /"nophone-01", "nophone-02", "nophone-03", "nophone-04", "nophone-05" and 7 more/);
        // The full list, in the engine's log under the resource.
        assert.match(failed.output, /"nophone-12": AdminSetUserMFAPreference failed: InvalidParameterException/);
        assert.deepEqual(storedTeamUsers(), GOOD);
        for (const username of GOOD) {
            assert.deepEqual(await userMfa(cognito, pool.userPoolId, username), { enabled: ["SMS_MFA"], preferred: undefined });
        }
        assert.deepEqual(await userMfa(cognito, pool.userPoolId, "emailer"), { enabled: ["EMAIL_OTP", "SMS_MFA"], preferred: "EMAIL_OTP" });
    });

    it("2. the legacy SMS user was adopted with no write: its MFAOptions are untouched", async () => {
        const legacy = await cognito.send(new AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username: "legacy" }));
        assert.deepEqual(legacy.MFAOptions, [{ DeliveryMedium: "SMS", AttributeName: "phone_number" }]);
        assert.equal(legacy.UserMFASettingList, undefined);
    });

    it("3. with the users fixed, up finishes and the drift check is clean: no phantom drift from absent fields", () => {
        writeProgram(GOOD);
        ok("up", "--yes");
        ok("preview", "--refresh", "--expect-no-changes");
    });

    it("4. email MFA turned off out of band is drift on emailMfa; up --refresh repairs it", async () => {
        await setMfaOutOfBand(cognito, pool.userPoolId, "emailer", { EmailMfaSettings: { Enabled: false } });
        const drifted = pulumi("preview", "--refresh", "--expect-no-changes");
        assert.notEqual(drifted.status, 0, drifted.output);
        assert.match(drifted.output, /emailer +update +\[diff: ~emailMfa\]|emailer update \[diff: ~emailMfa\]/, drifted.output);
        ok("up", "--refresh", "--yes");
        assert.deepEqual(await userMfa(cognito, pool.userPoolId, "emailer"), { enabled: ["EMAIL_OTP", "SMS_MFA"], preferred: "EMAIL_OTP" });
    });

    it("5. import takes up email MFA as Cognito reports it", async () => {
        await setMfaOutOfBand(cognito, pool.userPoolId, "emailer-2", { EmailMfaSettings: { Enabled: true, PreferredMfa: true } });
        ok("import", "cognito-mfa:index:UserMfaPreference", "emailer-2", `${pool.userPoolId}/emailer-2`, "--yes", "--protect=false", "--out", "imported.yaml");
        const generated = fs.readFileSync(path.join(DIR, "imported.yaml"), "utf8");
        assert.match(generated, /emailMfa:\s*\n\s*enabled: true\s*\n\s*preferred: true/, generated);
        ok("state", "delete", `urn:pulumi:${STACK}::strict-cognito::cognito-mfa:index:UserMfaPreference::emailer-2`, "--yes");
    });

    it("6. a factor declared off in a pool that requires MFA fails the run, naming the pool's setting and the fix, whichever way Cognito answers", async () => {
        writeProgram(GOOD, requiredOff);
        for (const answer of ["ignore", "reject"] as const) {
            await emulator.strict.configure({ requiredPoolOff: answer });
            const failed = pulumi("up", "--yes");
            assert.notEqual(failed.status, 0, `${answer}: ${failed.output}`);
            assert.match(failed.output, /rita/, answer);
            assert.match(failed.output, /requires MFA \(MfaConfiguration ON\).*keep the factor enabled.*or set the pool's MFA to OPTIONAL/, `${answer}: ${failed.output}`);
            assert.deepEqual(await userMfa(cognito, required.userPoolId, "rita"), { enabled: ["SMS_MFA"], preferred: undefined }, answer);
        }
        await emulator.strict.configure({ requiredPoolOff: "ignore" });
    });
});
