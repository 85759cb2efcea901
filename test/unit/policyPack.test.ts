// The policies (provider/policy/policies.ts), called as @pulumi/policy calls them, on each type
// this package defines; and what the pack directory needs to run (the CLI runs it in
// test/yaml/lifecycle.test.ts and test/e2e/policyPack.test.ts).

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { MFA_RULES } from "../../provider/core/mfaRules";
import { RESOURCE_TYPE, SET_RESOURCE_TYPE } from "../../provider/native/provider";
import { mfaPolicies, NAMED_VIOLATIONS_PER_SET } from "../../provider/policy/policies";
import { SET_RESOURCE_TYPES, USER_RESOURCE_TYPES } from "../../provider/policy/resourceTypes";

const PROJECT_ROOT = path.resolve(__dirname, "../..");

const policy = (id: string) => mfaPolicies().find((each) => each.name === id)!;

/** What `id`'s policy reports for a resource of `type` with `props`, under the pack's `config` for it. */
function reported(id: string, type: string, props: Record<string, unknown>, config: Record<string, unknown> = {}): string[] {
    const messages: string[] = [];
    const args = { type, props, urn: `urn:pulumi:dev::p::${type}::r`, name: "r", getConfig: () => config } as unknown as ResourceValidationArgs;
    const validate = (policy(id) as ResourceValidationPolicy).validateResource as (a: ResourceValidationArgs, report: (message: string) => void) => void;
    validate(args, (message) => messages.push(message));
    return messages;
}

describe("the policy pack's policies", () => {
    it("one policy a rule, named by its id, at its default level, with its config schema", () => {
        assert.deepEqual(
            mfaPolicies().map(({ name, enforcementLevel, configSchema }) => [name, enforcementLevel, Object.keys(configSchema?.properties ?? {})]),
            MFA_RULES.map((rule) => [rule.id, rule.defaultLevel, Object.keys(rule.config)]),
        );
    });

    it("judges UserMfaPreference in both front ends, by its declared factors; a resource managing no factor, or of another type, is not judged", () => {
        for (const type of USER_RESOURCE_TYPES) {
            assert.deepEqual(reported("mfa-enabled", type, { userPoolId: "p", username: "bob", smsMfa: { enabled: false, preferred: false } }), [
                'user "bob" has no MFA factor enabled as declared (a factor left out counts as off): enable softwareTokenMfa (TOTP), emailMfa or smsMfa',
            ]);
            assert.deepEqual(reported("mfa-enabled", type, { userPoolId: "p", username: "bob" }), []);
        }
        assert.deepEqual(reported("mfa-enabled", "aws:cognito/user:User", { username: "bob", smsMfa: { enabled: false } }), []);
    });

    it("judges each user of a UserMfaPreferenceSet, in both front ends, naming at most NAMED_VIOLATIONS_PER_SET and counting the rest", () => {
        const users: Record<string, unknown> = { ok: { softwareTokenMfa: { enabled: true, preferred: true } }, "let-go": {} };
        for (let i = 0; i < NAMED_VIOLATIONS_PER_SET + 3; i += 1) {
            users[`sms-${i}`] = { smsMfa: { enabled: true, preferred: true } };
        }
        for (const type of SET_RESOURCE_TYPES) {
            const messages = reported("no-sms-only", type, { userPoolId: "p", users });
            assert.equal(messages.length, NAMED_VIOLATIONS_PER_SET + 1);
            assert.match(messages[0], /^user "sms-0" has SMS as the only MFA factor/);
            assert.equal(messages.at(-1), `3 more users of \`users\` break no-sms-only too (${NAMED_VIOLATIONS_PER_SET + 3} in all; the first ${NAMED_VIOLATIONS_PER_SET} are named)`);
            assert.deepEqual(reported("no-sms-only", type, { userPoolId: "p", users: { a: { smsMfa: { enabled: true } } } }).length, 1);
        }
    });

    it("takes each rule's config from the pack's, and stops on a setting it cannot use", () => {
        const props = { userPoolId: "p", username: "ops:dave", smsMfa: { enabled: true, preferred: true } };
        assert.deepEqual(reported("preferred-factor", RESOURCE_TYPE, props), []);
        assert.equal(reported("preferred-factor", RESOURCE_TYPE, props, { enforcementLevel: "advisory", usernamePattern: "^ops:", factors: ["emailMfa"] }).length, 1);
        assert.throws(() => reported("preferred-factor", RESOURCE_TYPE, props, { usernamePattern: "[" }), /^Error: the policy pack's config: preferred-factor\.usernamePattern: not a valid regular expression/);
    });

    it("the native types are the plugin's", () => {
        assert.ok(USER_RESOURCE_TYPES.includes(RESOURCE_TYPE));
        assert.ok(SET_RESOURCE_TYPES.includes(SET_RESOURCE_TYPE));
    });

    it("the pack directory is in the package, its version the package's (which @pulumi/policy reads from it)", () => {
        const pack = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "policy-pack", "package.json"), "utf8")) as { version: string };
        const root = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { version: string; files: string[] };
        assert.equal(pack.version, root.version);
        for (const file of fs.readdirSync(path.join(PROJECT_ROOT, "policy-pack"))) {
            assert.ok(root.files.includes(`policy-pack/${file}`), `policy-pack/${file} in package.json's files`);
        }
    });
});
