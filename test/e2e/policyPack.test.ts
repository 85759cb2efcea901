// The package's policy pack on a TypeScript program, through the real CLI: the Automation API's
// `policyPacks` and `policyPackConfigs` (`pulumi preview --policy-pack … --policy-pack-config …`)
// on an inline program of the dynamic resources, the pack being the installed package's
// policy-pack/ (its @pulumi/policy installed beside it, as a user installs it), on the oldest and the
// newest SDK and CLI. The CLIs built here have no Node.js language host, so they run the pack
// through the launcher the setup puts beside them (harness/policyPack.ts says how each CLI is
// handed it). Previews only: a create's preview calls no Cognito.

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { EngineEvent, PolicyEvent, Stack } from "@pulumi/pulumi/automation";
import { installedPackage, installedPackageDir } from "../../harness/installedPackage";
import { policyPackArgument } from "../../harness/policyPack";
import { afterFailedInlineRun, freshStack } from "../../harness/pulumi";

const { UserMfaPreference, UserMfaPreferenceSet } = installedPackage;
const PACK = path.join(installedPackageDir, "policy-pack");
const POOL = "eu-west-1_Policy2";
const TOTP = { softwareTokenMfa: { enabled: true, preferred: true } };
const SMS_PREFERRED = { smsMfa: { enabled: true, preferred: true } };

describe("the policy pack on a TypeScript program (dynamic resources), through the Automation API", function () {
    this.timeout(180_000);
    let stack: Stack;
    /** The program's declarations, set by each test before its preview. */
    let declare: () => void = () => undefined;

    before(async () => {
        const program = async () => declare();
        // No Cognito: an endpoint where nothing answers, which a create's preview never calls.
        stack = await freshStack({ name: "policy-pack", program, env: { AWS_REGION: "eu-west-1", AWS_ACCESS_KEY_ID: "x", AWS_SECRET_ACCESS_KEY: "x", AWS_ENDPOINT_URL: "http://127.0.0.1:9" } });
    });

    /** Runs a preview with the pack (and config files); returns the policy events, and the error if it failed. */
    async function preview(policyPackConfigs: string[] = []): Promise<{ events: PolicyEvent[]; error?: Error }> {
        const events: PolicyEvent[] = [];
        const onEvent = (event: EngineEvent) => (event.policyEvent ? events.push(event.policyEvent) : undefined);
        try {
            await stack.preview({ policyPacks: [policyPackArgument(PACK, stack.workspace.workDir)], policyPackConfigs, onEvent });
            return { events };
        } catch (error) {
            await afterFailedInlineRun();
            return { events, error: error as Error };
        }
    }

    const seen = (events: PolicyEvent[]) =>
        events.map((event) => `${event.enforcementLevel} ${event.policyPackName} ${event.policyName} ${(event.resourceUrn ?? "").split("::")[2]}: ${event.message.trim().split("\n").at(-1)}`).sort();

    /** Alice and Bob prefer TOTP; the set holds `users`. */
    function declareWith(users: Record<string, object>, bob: object = TOTP): void {
        declare = () => {
            new UserMfaPreference("alice-mfa", { userPoolId: POOL, username: "alice", ...TOTP });
            new UserMfaPreference("bob-mfa", { userPoolId: POOL, username: "bob", ...bob });
            new UserMfaPreferenceSet("pool", { userPoolId: POOL, users });
        };
    }

    it("a program that breaks no mandatory rule passes: SMS as a user's only factor warns (advisory), naming the user of the set", async () => {
        declareWith({ "admin-zoe": TOTP, "ops:carol": SMS_PREFERRED }, { smsMfa: { enabled: true }, ...TOTP });
        const { events, error } = await preview();
        assert.equal(error, undefined);
        assert.deepEqual(seen(events), [
            'advisory cognito-mfa no-sms-only pulumi-nodejs:dynamic/cognito:UserMfaPreferenceSet: user "ops:carol" has SMS as the only MFA factor as declared (a factor left out counts as off): enable softwareTokenMfa (TOTP) or emailMfa beside it, and prefer it',
        ]);
    });

    it("a violating declaration fails, mandatory, naming each user; the config file disables a rule", async () => {
        declareWith({ "admin-zoe": { ...SMS_PREFERRED, softwareTokenMfa: { enabled: true } }, "ops:carol": SMS_PREFERRED }, { smsMfa: { enabled: false } });
        const config = path.join(stack.workspace.workDir, "policy.json");
        fs.writeFileSync(config, JSON.stringify({ "no-sms-only": "disabled" }));
        const { events, error } = await preview([config]);
        assert.match(String(error), /preview failed/);
        assert.deepEqual(seen(events), [
            'mandatory cognito-mfa mfa-enabled pulumi-nodejs:dynamic/cognito:UserMfaPreference: user "bob" has no MFA factor enabled as declared (a factor left out counts as off): enable softwareTokenMfa (TOTP), emailMfa or smsMfa',
            'mandatory cognito-mfa preferred-factor pulumi-nodejs:dynamic/cognito:UserMfaPreferenceSet: user "admin-zoe" matches ^admin and must prefer softwareTokenMfa, but smsMfa is preferred: enable softwareTokenMfa and set its preferred to true',
        ]);
    });

    it("a preferred factor that is off fails, mandatory, beside the resource's own check error", async () => {
        declareWith({ "admin-zoe": TOTP, dave: { smsMfa: { enabled: false, preferred: true }, softwareTokenMfa: { enabled: true } } });
        const { events, error } = await preview();
        assert.match(String(error), /users\["dave"\]\.smsMfa\.preferred.*smsMfa is preferred but not enabled; set smsMfa\.enabled to true or smsMfa\.preferred to false/s);
        assert.deepEqual(seen(events), [
            'mandatory cognito-mfa preferred-enabled pulumi-nodejs:dynamic/cognito:UserMfaPreferenceSet: user "dave" prefers smsMfa, which is not enabled: enable smsMfa, or prefer an enabled factor',
        ]);
    });

    it("the config file changes a rule's level and the pattern: SMS alone fails, ops: users must prefer TOTP or email, admins are free", async () => {
        const config = path.join(stack.workspace.workDir, "policy.json");
        fs.writeFileSync(config, JSON.stringify({ "no-sms-only": { enforcementLevel: "mandatory" }, "preferred-factor": { usernamePattern: "^ops:", factors: ["softwareTokenMfa", "emailMfa"] } }));
        declareWith({ "admin-zoe": SMS_PREFERRED, "ops:erin": { emailMfa: { enabled: true, preferred: true } }, "ops:carol": { ...SMS_PREFERRED, softwareTokenMfa: { enabled: true } } });
        const { events, error } = await preview([config]);
        assert.match(String(error), /preview failed/);
        assert.deepEqual(seen(events), [
            'mandatory cognito-mfa no-sms-only pulumi-nodejs:dynamic/cognito:UserMfaPreferenceSet: user "admin-zoe" has SMS as the only MFA factor as declared (a factor left out counts as off): enable softwareTokenMfa (TOTP) or emailMfa beside it, and prefer it',
            'mandatory cognito-mfa preferred-factor pulumi-nodejs:dynamic/cognito:UserMfaPreferenceSet: user "ops:carol" matches ^ops: and must prefer softwareTokenMfa or emailMfa, but smsMfa is preferred: enable softwareTokenMfa or emailMfa and set its preferred to true',
        ]);
    });
});
