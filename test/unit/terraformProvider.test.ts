// The Terraform front end without a CLI: msgpack values with unknowns, the schema's derivation
// from the definition, attribute paths, and the plans each resource type makes. The CLI itself
// drives it in test/terraform.

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { USER_MFA_PREFERENCE, USER_MFA_PREFERENCE_SET } from "../../provider/core/definition";
import { UNKNOWN } from "../../provider/core/unknown";
import { attributeSteps } from "../../provider/terraform/diagnostics";
import type { ProviderSettings } from "../../provider/terraform/resourceTypes";
import { PROVIDER_VERSION, RESOURCE_SCHEMAS, SET_RESOURCE, USER_RESOURCE, type TerraformAttribute } from "../../provider/terraform/schema";
import { setResource } from "../../provider/terraform/setResource";
import { terraformText } from "../../provider/terraform/terms";
import { userResource } from "../../provider/terraform/userResource";
import { fromMsgpack, toCore, toMsgpack, toTerraform } from "../../provider/terraform/values";
import { fakeAccessToken } from "../support/jwt";

const PROJECT_ROOT = path.resolve(__dirname, "../..");
const settings: ProviderSettings = { writeOnlyAttributes: true, stopped: () => false };
const POOL = "us-east-1_AbC123";

function names(attributes: readonly TerraformAttribute[]): string[] {
    return attributes.map((attribute) => attribute.name);
}

describe("the Terraform provider's values", () => {
    it("reads any msgpack extension as unknown, and writes unknown as d4 00 00", () => {
        // {"a": <unknown>} with extension 0, and one with code 12 (refinements)
        assert.deepEqual(fromMsgpack(Uint8Array.from([0x81, 0xa1, 0x61, 0xd4, 0x00, 0x00])), { a: UNKNOWN });
        assert.deepEqual(fromMsgpack(Uint8Array.from([0x81, 0xa1, 0x61, 0xc7, 0x01, 0x0c, 0x80])), { a: UNKNOWN });
        assert.deepEqual([...toMsgpack({ a: UNKNOWN })], [0x81, 0xa1, 0x61, 0xd4, 0x00, 0x00]);
        assert.equal(fromMsgpack(Uint8Array.from([0xc0])), null);
    });

    it("converts by the schema: snake_case attributes, nulls dropped, a map's keys (usernames) kept as they are", () => {
        const attributes = RESOURCE_SCHEMAS[SET_RESOURCE].attributes;
        const core = toCore(
            { id: "x", user_pool_id: POOL, region: null, endpoint: null, reported_mfas: null, users: { user_pool_id: { sms_mfa: { enabled: true, preferred: null }, email_mfa: null, software_token_mfa: null, web_authn_mfa: null } } },
            attributes,
        );
        assert.deepEqual(core, { userPoolId: POOL, users: { user_pool_id: { smsMfa: { enabled: true } } } });
    });

    it("writes complete objects: every attribute of the schema, nested ones too, null where absent", () => {
        const attributes = RESOURCE_SCHEMAS[USER_RESOURCE].attributes;
        const object = toTerraform({ userPoolId: POOL, username: "alice", smsMfa: { enabled: true }, enabledMfas: ["SMS_MFA"] }, attributes);
        assert.deepEqual(Object.keys(object), names(attributes));
        assert.deepEqual(object.sms_mfa, { enabled: true, preferred: null });
        assert.equal(object.email_mfa, null);
        assert.equal(object.preferred_mfa, null);
    });
});

describe("the Terraform provider's schema", () => {
    it("has every property of each resource's definition, in snake_case, and an id", () => {
        assert.deepEqual(names(RESOURCE_SCHEMAS[USER_RESOURCE].attributes), ["id", ...Object.keys(USER_MFA_PREFERENCE.properties).map((name) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`))]);
        assert.deepEqual(names(RESOURCE_SCHEMAS[SET_RESOURCE].attributes), ["id", ...Object.keys(USER_MFA_PREFERENCE_SET.properties).map((name) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`))]);
    });

    it("serves the pool's users as a block type of MAP nesting, which the CLI decodes user by user", () => {
        const users = RESOURCE_SCHEMAS[SET_RESOURCE].attributes.find((attribute) => attribute.name === "users")!;
        assert.equal(users.block, true);
        assert.equal(users.nested?.nesting, "MAP");
        assert.deepEqual(names(users.nested!.attributes), ["sms_mfa", "software_token_mfa", "email_mfa", "web_authn_mfa"]);
    });

    it("keeps the token sensitive and write-only, and the factor's preferred computed (it has a default)", () => {
        const attributes = RESOURCE_SCHEMAS[USER_RESOURCE].attributes;
        const token = attributes.find((attribute) => attribute.name === "access_token")!;
        assert.equal(token.sensitive, true);
        assert.equal(token.writeOnly, true);
        const preferred = attributes.find((attribute) => attribute.name === "sms_mfa")!.nested!.attributes.find((attribute) => attribute.name === "preferred")!;
        assert.deepEqual({ optional: preferred.optional, computed: preferred.computed }, { optional: true, computed: true });
    });

    it("speaks Terraform's terms in every description: no camelCase property, no pulumi command", () => {
        const texts = Object.values(RESOURCE_SCHEMAS).flatMap((schema) => [schema.description, ...schema.attributes.flatMap(function all(attribute: TerraformAttribute): string[] {
            return [attribute.description, ...(attribute.nested?.attributes.flatMap(all) ?? [])];
        })]);
        for (const text of texts) {
            assert.doesNotMatch(text, /\b(userPoolId|smsMfa|softwareTokenMfa|emailMfa|webAuthnMfa|accessToken|enabledMfas|preferredMfa)\b|pulumi (up|refresh|import|state)/, text);
        }
        assert.equal(terraformText("run `pulumi up` again; set smsMfa.preferred: false"), "run `terraform apply` again; set sms_mfa.preferred = false");
    });

    it("is the package's version", () => {
        assert.equal(PROVIDER_VERSION, (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { version: string }).version);
    });
});

describe("the Terraform provider's attribute paths", () => {
    it("turns the core's property paths into attribute steps, with usernames as map keys", () => {
        assert.deepEqual(attributeSteps('users["ops:dave.x"].smsMfa.preferred'), [
            { attribute_name: "users" },
            { element_key_string: "ops:dave.x" },
            { attribute_name: "sms_mfa" },
            { attribute_name: "preferred" },
        ]);
        assert.deepEqual(attributeSteps(""), []);
    });
});

describe("the Terraform provider's plans", () => {
    const config = (overrides: Record<string, unknown> = {}) =>
        toTerraform({ userPoolId: POOL, username: "alice", smsMfa: { enabled: true }, ...overrides }, RESOURCE_SCHEMAS[USER_RESOURCE].attributes);
    const applied = (overrides: Record<string, unknown> = {}) => ({ ...config(overrides), id: `${POOL}/alice`, sms_mfa: { enabled: true, preferred: false }, enabled_mfas: ["SMS_MFA"] });

    it("a create: computed attributes unknown, the default filled in", () => {
        const { planned } = userResource.plan(null, config(), config(), settings);
        assert.equal(planned!.id, UNKNOWN);
        assert.equal(planned!.enabled_mfas, UNKNOWN);
        assert.deepEqual(planned!.sms_mfa, { enabled: true, preferred: false });
    });

    it("no change: the plan is the prior state, so the CLI sees none", () => {
        const prior = applied();
        assert.deepEqual(userResource.plan(prior, config(), config(), settings).planned, prior);
    });

    it("a factor's change is an update whose reported state is unknown; a username's change replaces", () => {
        const prior = applied();
        const changed = userResource.plan(prior, config({ smsMfa: { enabled: true, preferred: true } }), config({ smsMfa: { enabled: true, preferred: true } }), settings);
        assert.deepEqual(changed.requiresReplace, []);
        assert.equal(changed.planned!.id, prior.id);
        assert.equal(changed.planned!.enabled_mfas, UNKNOWN);
        const renamed = userResource.plan(prior, config({ username: "bob" }), config({ username: "bob" }), settings);
        assert.deepEqual(renamed.requiresReplace, [["username"]]);
        assert.equal(renamed.planned!.id, UNKNOWN);
    });

    it("the token form: the pool and username come from the token's claims; the token is in no plan", () => {
        const token = fakeAccessToken({ sub: "s-1", userPoolId: POOL, username: "sam" });
        const tokenConfig = toTerraform({ accessToken: token, smsMfa: { enabled: true } }, RESOURCE_SCHEMAS[USER_RESOURCE].attributes);
        const { planned, diagnostics } = userResource.plan(null, tokenConfig, tokenConfig, settings);
        assert.deepEqual(diagnostics, []);
        assert.equal(planned!.user_pool_id, POOL);
        assert.equal(planned!.username, "sam");
        assert.equal(planned!.access_token, null);
    });

    it("the pool resource: only the changed user's report is unknown; a user no longer declared leaves it", () => {
        const attributes = RESOURCE_SCHEMAS[SET_RESOURCE].attributes;
        const users = { a: { smsMfa: { enabled: true, preferred: false } }, b: { smsMfa: { enabled: true, preferred: false } }, c: { smsMfa: { enabled: true, preferred: false } } };
        const reportedMfas = { a: { enabledMfas: ["SMS_MFA"] }, b: { enabledMfas: ["SMS_MFA"] }, c: { enabledMfas: ["SMS_MFA"] } };
        const prior = toTerraform({ id: POOL, userPoolId: POOL, users, reportedMfas }, attributes);
        const declared = toTerraform({ userPoolId: POOL, users: { a: users.a, b: { smsMfa: { enabled: true, preferred: true } } } }, attributes);
        const { planned } = setResource.plan(prior, declared, declared, settings);
        assert.deepEqual(planned!.reported_mfas, { a: { enabled_mfas: ["SMS_MFA"], preferred_mfa: null }, b: UNKNOWN });
        assert.equal(planned!.id, POOL);
        const moved = toTerraform({ userPoolId: "us-east-1_Other", users }, attributes);
        assert.deepEqual(setResource.plan(prior, moved, moved, settings).requiresReplace, [["user_pool_id"]]);
    });

    it("bad input: the core's failure at its attribute path, in Terraform's terms", () => {
        const bad = config({ smsMfa: { enabled: false, preferred: true } });
        const [diagnostic] = userResource.validate(bad);
        assert.equal(diagnostic.summary, "Invalid sms_mfa.preferred");
        assert.deepEqual(diagnostic.attribute, { steps: [{ attribute_name: "sms_mfa" }, { attribute_name: "preferred" }] });
        assert.match(diagnostic.detail, /sms_mfa is preferred but not enabled; set sms_mfa\.enabled to true or sms_mfa\.preferred to false/);
    });
});
