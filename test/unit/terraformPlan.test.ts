// `check-plan`: a Terraform plan's JSON read for the MFA rules (provider/policy/terraformPlan.ts),
// judged with the policy pack's config (planVerdict.ts), and the command's output and exit codes
// (provider/scan/checkPlan.ts, planSummary.ts), in process and as the package's command. The plans
// are written as `terraform show -json <planfile>` writes them (Terraform 1.11, JSON format 1.2):
// unknown values left out of `after` and marked in `after_unknown`, every attribute of the schema
// present, null when unset.

import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { defaultRuleSettings, ruleSettings } from "../../provider/core/ruleSettings";
import { NAMED_VIOLATIONS_PER_SET } from "../../provider/policy/policies";
import { planVerdict } from "../../provider/policy/planVerdict";
import { PlanError, plannedResources } from "../../provider/policy/terraformPlan";
import { checkPlan, EXIT_BAD_INPUT, EXIT_FAILED, EXIT_PASSED } from "../../provider/scan/checkPlan";

const PROJECT_ROOT = path.resolve(__dirname, "../..");
const PROVIDER_NAME = "registry.terraform.io/pulumi-cognito-mfa/cognitomfa";
const POOL = "eu-west-1_AbC123xyz";

/** A plan's JSON holding CHANGES; `planned_values` and `configuration` as Terraform writes them, which check-plan does not read. */
function planJson(changes: object[]): Record<string, unknown> {
    return {
        format_version: "1.2",
        terraform_version: "1.11.4",
        planned_values: { root_module: { resources: [] } },
        resource_changes: changes,
        configuration: { provider_config: { cognitomfa: { name: "cognitomfa", full_name: PROVIDER_NAME } }, root_module: {} },
        timestamp: "2026-12-04T18:58:01Z",
        applyable: true,
        complete: true,
        errored: false,
    };
}

/** A factor block's attributes as the plan holds a user resource's: every one, null when not declared. */
const NO_FACTORS = { sms_mfa: null, software_token_mfa: null, email_mfa: null, web_authn_mfa: null };
const USER_NULLS = { access_token: null, endpoint: null, region: null, ...NO_FACTORS };

/** `cognitomfa_user_mfa_preference.bob` created, declaring SMS off and nothing else. */
const BOB = {
    address: "cognitomfa_user_mfa_preference.bob",
    mode: "managed",
    type: "cognitomfa_user_mfa_preference",
    name: "bob",
    provider_name: PROVIDER_NAME,
    change: {
        actions: ["create"],
        before: null,
        after: { ...USER_NULLS, sms_mfa: { enabled: false, preferred: false }, user_pool_id: POOL, username: "bob" },
        after_unknown: { enabled_mfas: true, id: true, preferred_mfa: true, sms_mfa: {} },
        before_sensitive: false,
        after_sensitive: { access_token: true, enabled_mfas: [], sms_mfa: {} },
    },
};

/** A data source read at plan: not a declaration. */
const DATA_SOURCE = {
    address: "data.cognitomfa_user_mfa.zoe",
    mode: "data",
    type: "cognitomfa_user_mfa",
    name: "zoe",
    provider_name: PROVIDER_NAME,
    change: {
        actions: ["read"],
        before: null,
        after: { user_pool_id: POOL, username: "admin-zoe", sms_mfa: null, software_token_mfa: null, email_mfa: null, region: null, endpoint: null },
        after_unknown: { id: true, enabled_mfas: true, preferred_mfa: true },
        before_sensitive: false,
        after_sensitive: {},
    },
    action_reason: "read_because_dependency_pending",
};

/** Another provider's resource, of no interest. */
const TERRAFORM_DATA = {
    address: "terraform_data.later",
    mode: "managed",
    type: "terraform_data",
    name: "later",
    provider_name: "terraform.io/builtin/terraform",
    change: { actions: ["create"], before: null, after: { input: null, output: null, triggers_replace: null }, after_unknown: { id: true }, before_sensitive: false, after_sensitive: {} },
};

/** `cognitomfa_user_mfa_preference_set.team` updated: admin-zoe on SMS alone, carol on TOTP, and "gone" let go of (no factor block). */
const TEAM_USERS = {
    "admin-zoe": { ...NO_FACTORS, sms_mfa: { enabled: true, preferred: true } },
    carol: { ...NO_FACTORS, software_token_mfa: { enabled: true, preferred: true } },
    gone: NO_FACTORS,
};
const TEAM = {
    address: "cognitomfa_user_mfa_preference_set.team",
    mode: "managed",
    type: "cognitomfa_user_mfa_preference_set",
    name: "team",
    provider_name: PROVIDER_NAME,
    change: {
        actions: ["update"],
        before: {
            endpoint: null,
            id: POOL,
            region: null,
            reported_mfas: { carol: { enabled_mfas: ["SOFTWARE_TOKEN_MFA"], preferred_mfa: "SOFTWARE_TOKEN_MFA" } },
            user_pool_id: POOL,
            users: { carol: TEAM_USERS.carol },
        },
        after: { endpoint: null, id: POOL, region: null, user_pool_id: POOL, users: TEAM_USERS },
        after_unknown: { reported_mfas: { "admin-zoe": true }, users: { "admin-zoe": { sms_mfa: {} }, carol: { software_token_mfa: {} }, gone: {} } },
        before_sensitive: { reported_mfas: {}, users: { carol: { software_token_mfa: {} } } },
        after_sensitive: { reported_mfas: {}, users: { "admin-zoe": { sms_mfa: {} }, carol: { software_token_mfa: {} }, gone: {} } },
    },
};

/** Resources in modules, with for_each and count indexes. */
const IN_MODULES = [
    {
        address: 'module.iam.cognitomfa_user_mfa_preference.admin["admin-ann"]',
        module_address: "module.iam",
        mode: "managed",
        type: "cognitomfa_user_mfa_preference",
        name: "admin",
        index: "admin-ann",
        provider_name: PROVIDER_NAME,
        change: {
            actions: ["create"],
            before: null,
            after: { ...USER_NULLS, software_token_mfa: { enabled: true, preferred: true }, user_pool_id: POOL, username: "admin-ann" },
            after_unknown: { enabled_mfas: true, id: true, preferred_mfa: true, software_token_mfa: {} },
            before_sensitive: false,
            after_sensitive: { access_token: true, enabled_mfas: [], software_token_mfa: {} },
        },
    },
    {
        address: "module.iam.module.pools.cognitomfa_user_mfa_preference_set.pool[0]",
        module_address: "module.iam.module.pools",
        mode: "managed",
        type: "cognitomfa_user_mfa_preference_set",
        name: "pool",
        index: 0,
        provider_name: PROVIDER_NAME,
        change: {
            actions: ["create"],
            before: null,
            after: { endpoint: null, region: null, user_pool_id: POOL, users: { dan: { ...NO_FACTORS, web_authn_mfa: { enabled: true } } } },
            after_unknown: { id: true, reported_mfas: true, users: { dan: { web_authn_mfa: {} } } },
            before_sensitive: false,
            after_sensitive: { reported_mfas: {}, users: { dan: { web_authn_mfa: {} } } },
        },
    },
];

/**
 * Values known only after apply: a username from another resource, a set whose whole `users` map
 * is computed, and in one set a user whose `enabled` is computed, one whose whole entry is, beside
 * one fully known.
 */
const UNKNOWNS = [
    {
        address: "cognitomfa_user_mfa_preference.later",
        mode: "managed",
        type: "cognitomfa_user_mfa_preference",
        name: "later",
        provider_name: PROVIDER_NAME,
        change: {
            actions: ["create"],
            before: null,
            after: { ...USER_NULLS, software_token_mfa: { enabled: true, preferred: true }, user_pool_id: POOL },
            after_unknown: { enabled_mfas: true, id: true, preferred_mfa: true, software_token_mfa: {}, username: true },
            before_sensitive: false,
            after_sensitive: { access_token: true, enabled_mfas: [], software_token_mfa: {} },
        },
    },
    {
        address: "cognitomfa_user_mfa_preference_set.computed",
        mode: "managed",
        type: "cognitomfa_user_mfa_preference_set",
        name: "computed",
        provider_name: PROVIDER_NAME,
        change: {
            actions: ["create"],
            before: null,
            after: { endpoint: null, region: null, user_pool_id: POOL },
            after_unknown: { id: true, reported_mfas: true, users: true },
            before_sensitive: false,
            after_sensitive: { reported_mfas: {}, users: {} },
        },
    },
    {
        address: "cognitomfa_user_mfa_preference_set.partly",
        mode: "managed",
        type: "cognitomfa_user_mfa_preference_set",
        name: "partly",
        provider_name: PROVIDER_NAME,
        change: {
            actions: ["create"],
            before: null,
            after: {
                endpoint: null,
                region: null,
                user_pool_id: POOL,
                users: {
                    carol: { ...NO_FACTORS, email_mfa: { preferred: false }, software_token_mfa: { enabled: true, preferred: true } },
                    erin: { ...NO_FACTORS, sms_mfa: { enabled: false, preferred: false } },
                },
            },
            after_unknown: { id: true, reported_mfas: true, users: { carol: { email_mfa: { enabled: true }, software_token_mfa: {} }, dave: true, erin: { sms_mfa: {} } } },
            before_sensitive: false,
            after_sensitive: { reported_mfas: {}, users: { carol: { email_mfa: {}, software_token_mfa: {} }, erin: { sms_mfa: {} } } },
        },
    },
];

/** A user resource of ACTIONS declaring SMS off for USERNAME (a violation of mfa-enabled wherever it is judged), with AFTER unless deleted. */
function userChange(name: string, actions: string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
    const state = { ...USER_NULLS, enabled_mfas: [], id: `${POOL}/${name}`, preferred_mfa: null, sms_mfa: { enabled: false, preferred: false }, user_pool_id: POOL, username: name };
    const deleted = actions.length === 1 && (actions[0] === "delete" || actions[0] === "forget");
    return {
        address: `cognitomfa_user_mfa_preference.${name}`,
        mode: "managed",
        type: "cognitomfa_user_mfa_preference",
        name,
        provider_name: PROVIDER_NAME,
        change: {
            actions,
            before: actions[0] === "create" ? null : state,
            after: deleted ? null : state,
            after_unknown: {},
            before_sensitive: { access_token: true, enabled_mfas: [], sms_mfa: {} },
            after_sensitive: deleted ? false : { access_token: true, enabled_mfas: [], sms_mfa: {} },
        },
        ...extra,
    };
}

describe("reading a Terraform plan's JSON (terraformPlan.ts)", () => {
    it("a single cognitomfa_user_mfa_preference: its address, username and factor blocks in the core's names; data sources and other providers' resources are not read", () => {
        assert.deepEqual(plannedResources(planJson([TERRAFORM_DATA, DATA_SOURCE, BOB])), [
            {
                address: "cognitomfa_user_mfa_preference.bob",
                users: [{ username: "bob", factors: { smsMfa: { enabled: false, preferred: false } }, unknown: [] }],
                unknownUsers: false,
            },
        ]);
    });

    it("a cognitomfa_user_mfa_preference_set: each user of `users` in the plan's order, one with no factor block too (the verdict lets it go)", () => {
        assert.deepEqual(plannedResources(planJson([TEAM])), [
            {
                address: "cognitomfa_user_mfa_preference_set.team",
                users: [
                    { username: "admin-zoe", factors: { smsMfa: { enabled: true, preferred: true } }, unknown: [] },
                    { username: "carol", factors: { softwareTokenMfa: { enabled: true, preferred: true } }, unknown: [] },
                    { username: "gone", factors: {}, unknown: [] },
                ],
                unknownUsers: false,
            },
        ]);
    });

    it("keeps a module-nested address with its count and for_each index as Terraform writes it", () => {
        const resources = plannedResources(planJson(IN_MODULES));
        assert.deepEqual(
            resources.map(({ address, users }) => [address, users.map((user) => [user.username, user.factors])]),
            [
                ['module.iam.cognitomfa_user_mfa_preference.admin["admin-ann"]', [["admin-ann", { softwareTokenMfa: { enabled: true, preferred: true } }]]],
                ["module.iam.module.pools.cognitomfa_user_mfa_preference_set.pool[0]", [["dan", { webAuthnMfa: { enabled: true } }]]],
            ],
        );
    });

    it("names each value the rules read that is known only after apply, by its Terraform path: a username, a factor's enabled, a user's whole entry, a set's whole users", () => {
        const resources = plannedResources(planJson(UNKNOWNS));
        assert.deepEqual(
            resources.map(({ address, users, unknownUsers }) => [address, unknownUsers, users.map(({ username, unknown }) => [username, unknown])]),
            [
                ["cognitomfa_user_mfa_preference.later", false, [[undefined, ["username"]]]],
                ["cognitomfa_user_mfa_preference_set.computed", true, []],
                [
                    "cognitomfa_user_mfa_preference_set.partly",
                    false,
                    [
                        ["carol", ['users["carol"].email_mfa.enabled']],
                        ["erin", []],
                        ["dave", ['users["dave"]']],
                    ],
                ],
            ],
        );
    });

    it("reads what stays declared: created, updated, replaced either way, unchanged (no-op, imported too); not what is deleted, forgotten, or a deposed object", () => {
        const imported = userChange("imported", ["no-op"]);
        (imported.change as Record<string, unknown>).importing = { id: `${POOL}/imported` };
        const changes = [
            userChange("created", ["create"]),
            userChange("updated", ["update"]),
            userChange("replaced", ["delete", "create"]),
            userChange("replacedfirst", ["create", "delete"]),
            userChange("unchanged", ["no-op"]),
            imported,
            userChange("deleted", ["delete"], { action_reason: "delete_because_no_resource_config" }),
            userChange("forgotten", ["forget"]),
            userChange("replacedfirst", ["delete"], { deposed: "a1b2c3d4" }),
        ];
        assert.deepEqual(
            plannedResources(planJson(changes)).map((resource) => resource.address.split(".")[1]),
            ["created", "updated", "replaced", "replacedfirst", "unchanged", "imported"],
        );
    });

    it("refuses what is not a plan's JSON, saying what to give instead; a plan with no resource is an empty list", () => {
        const refused = (value: unknown) => assert.throws(() => plannedResources(value), PlanError) as unknown;
        refused([]);
        refused({ format_version: "1.0" });
        assert.throws(() => plannedResources({ format_version: "1.0", terraform_version: "1.11.4", values: { root_module: {} } }), /this is the JSON of a state \(terraform show -json with no plan file\)/);
        assert.throws(() => plannedResources({ name: "pkg" }), /not the JSON of a plan: give `terraform show -json <planfile>`'s output/);
        assert.throws(() => plannedResources({ ...planJson([]), resource_changes: {} }), /^Error: resource_changes: not a list/);
        assert.throws(() => plannedResources(planJson([{ ...BOB, change: { ...BOB.change, actions: "create" } }])), /^Error: resource_changes\[0\]\.change\.actions: not a list of actions$/);
        assert.throws(() => plannedResources(planJson([{ ...TEAM, change: { ...TEAM.change, after: { users: { a: { sms_mfa: true } } } } }])), /resource_changes\[0\]\.change\.after\.users\["a"\]\.sms_mfa: not a factor block/);
        assert.deepEqual(plannedResources({ format_version: "1.2", terraform_version: "1.11.4", planned_values: { root_module: {} }, configuration: { root_module: {} } }), []);
    });
});

describe("judging a plan's users (planVerdict.ts)", () => {
    const judged = (changes: object[], config?: unknown) => planVerdict(plannedResources(planJson(changes)), config === undefined ? defaultRuleSettings() : ruleSettings(config).settings);
    const brief = (verdict: ReturnType<typeof judged>) => verdict.violations.map(({ address, username, setting }) => `${address} ${username} ${setting.rule.id} ${setting.level}`);

    it("applies every rule at its default level to each user, a set's one by one; a user managing no factor is not judged", () => {
        const verdict = judged([BOB, TEAM, ...IN_MODULES]);
        assert.deepEqual(brief(verdict), [
            "cognitomfa_user_mfa_preference.bob bob mfa-enabled mandatory",
            "cognitomfa_user_mfa_preference_set.team admin-zoe no-sms-only advisory",
            "cognitomfa_user_mfa_preference_set.team admin-zoe preferred-factor mandatory",
        ]);
        assert.equal(verdict.resources, 4);
        assert.equal(verdict.judged, 5, "bob, admin-zoe, carol, admin-ann, dan: not gone");
    });

    it("takes the policy pack's config: each rule's level, a disabled rule not run, exemptPattern, usernamePattern and factors", () => {
        const svc = userChange("svc-sms", ["create"]);
        (svc.change as { after: Record<string, unknown> }).after.sms_mfa = { enabled: true, preferred: true };
        const config = {
            "mfa-enabled": "advisory",
            "no-sms-only": { enforcementLevel: "mandatory", exemptPattern: "^svc-" },
            "preferred-factor": { usernamePattern: "^(admin|ops)-", factors: ["softwareTokenMfa", "emailMfa"] },
        };
        assert.deepEqual(brief(judged([BOB, svc, TEAM], config)), [
            "cognitomfa_user_mfa_preference.bob bob mfa-enabled advisory",
            "cognitomfa_user_mfa_preference_set.team admin-zoe no-sms-only mandatory",
            "cognitomfa_user_mfa_preference_set.team admin-zoe preferred-factor mandatory",
        ]);
        assert.deepEqual(brief(judged([BOB, svc, TEAM], { ...config, "preferred-factor": "disabled", "no-sms-only": { exemptPattern: "^(svc|admin)-" } })), [
            "cognitomfa_user_mfa_preference.bob bob mfa-enabled advisory",
        ]);
        assert.deepEqual(brief(judged([BOB, svc, TEAM], { all: "disabled" })), []);
    });

    it("says what to do in Terraform's words, leaving the usernames and patterns it quotes as they are", () => {
        const named = userChange("smsMfa-admin", ["create"]);
        const [violation] = judged([named], { "mfa-enabled": "disabled", "preferred-factor": { usernamePattern: "softwareTokenMfa|admin", factors: ["softwareTokenMfa"] } }).violations;
        assert.equal(
            violation.message,
            'user "smsMfa-admin" matches softwareTokenMfa|admin and must prefer software_token_mfa, but none is preferred: enable software_token_mfa and set its preferred to true',
        );
    });

    it("does not judge a user whose values are known only after apply, nor count it as judged: it is listed instead", () => {
        const verdict = judged(UNKNOWNS);
        assert.deepEqual(brief(verdict), ["cognitomfa_user_mfa_preference_set.partly erin mfa-enabled mandatory"]);
        assert.equal(verdict.judged, 1);
        assert.deepEqual(verdict.unjudged, [
            { address: "cognitomfa_user_mfa_preference.later", username: undefined, unknown: ["username"] },
            { address: "cognitomfa_user_mfa_preference_set.computed", username: undefined, unknown: ["users"] },
            { address: "cognitomfa_user_mfa_preference_set.partly", username: "carol", unknown: ['users["carol"].email_mfa.enabled'] },
            { address: "cognitomfa_user_mfa_preference_set.partly", username: "dave", unknown: ['users["dave"]'] },
        ]);
    });
});

describe("check-plan (provider/scan/checkPlan.ts)", () => {
    let dir = "";
    const file = (name: string, content: unknown) => {
        const at = path.join(dir, name);
        fs.writeFileSync(at, typeof content === "string" || Buffer.isBuffer(content) ? content : JSON.stringify(content, null, 2));
        return at;
    };

    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "check-plan-"));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("prints each violation with its address, rule and level and the user it names, the users not judged, and a verdict; exits 1 on a mandatory rule", () => {
        const plan = file("plan.json", planJson([BOB, TEAM, UNKNOWNS[0]]));
        const result = checkPlan(plan, { format: "text" });
        assert.equal(result.exitCode, EXIT_FAILED);
        assert.equal(
            result.output,
            [
                'cognitomfa_user_mfa_preference.bob: mfa-enabled (mandatory): user "bob" has no MFA factor enabled as declared (a factor left out counts as off): enable software_token_mfa (TOTP), email_mfa or sms_mfa',
                'cognitomfa_user_mfa_preference_set.team: no-sms-only (advisory): user "admin-zoe" has SMS as the only MFA factor as declared (a factor left out counts as off): enable software_token_mfa (TOTP) or email_mfa beside it, and prefer it',
                'cognitomfa_user_mfa_preference_set.team: preferred-factor (mandatory): user "admin-zoe" matches ^admin and must prefer software_token_mfa, but sms_mfa is preferred: enable software_token_mfa and set its preferred to true',
                "cognitomfa_user_mfa_preference.later: not judged: username is known only after apply",
                "",
            ].join("\n"),
        );
        assert.equal(
            result.report,
            `${plan}: 3 users of 3 resources judged by the MFA rules (docs/mfa-rules.md); breaking mfa-enabled 1 user (mandatory), no-sms-only 1 user (advisory), preferred-factor 1 user (mandatory); 1 not judged (known only after apply). A mandatory rule is broken: exit 1.\n`,
        );
    });

    it("exits 0 when only advisory rules are broken, or none, whatever is not judged", () => {
        const config = file("mfa-policy.json", { "mfa-enabled": "advisory", "preferred-factor": { enforcementLevel: "advisory" } });
        const advisory = checkPlan(file("plan.json", planJson([BOB, TEAM])), { format: "text", policyConfig: config });
        assert.equal(advisory.exitCode, EXIT_PASSED);
        assert.equal(advisory.output.split("\n").filter((line) => line.includes("(advisory)")).length, 3);
        assert.match(advisory.report, /\. No mandatory rule is broken\.\n$/);
        const unknown = checkPlan(file("unknown.json", planJson([...UNKNOWNS.slice(0, 2), userChange("gone", ["delete"])])), { format: "text" });
        assert.equal(unknown.exitCode, EXIT_PASSED);
        assert.match(unknown.report, /: 0 users of 2 resources judged by the MFA rules \(docs\/mfa-rules\.md\); no rule broken; 2 not judged \(known only after apply\)\. No mandatory rule is broken\.\n$/);
    });

    it("exits 2, judging nothing, on a file that is not a plan's JSON or a config with mistakes, naming each", () => {
        const bad = (plan: string, policyConfig?: string) => {
            const result = checkPlan(plan, { format: "text", policyConfig });
            assert.equal(result.exitCode, EXIT_BAD_INPUT);
            assert.equal(result.output, "");
            return result.report;
        };
        const saved = file("plan.tfplan", Buffer.concat([Buffer.from("PK\x03\x04", "latin1"), Buffer.alloc(40)]));
        assert.equal(bad(saved), `error: ${saved} is a saved plan file, not its JSON: give \`terraform show -json ${saved}\`'s output (or \`tofu show -json ${saved}\`'s)\n`);
        assert.match(bad(file("log.txt", "Plan: 1 to add")), /^error: .*log\.txt is not JSON \(.*\): give `terraform show -json <planfile>`'s output\n$/);
        assert.match(bad(path.join(dir, "missing.json")), /^error: cannot read .*missing\.json: ENOENT/);
        assert.match(bad(file("state.json", { format_version: "1.0", terraform_version: "1.11.4", values: { root_module: {} } })), /state\.json: this is the JSON of a state/);
        const config = file("mfa-policy.json", { "no-sms-only": "strict", "preferred-factor": { usernamePattern: "(" } });
        const report = bad(file("plan.json", planJson([BOB])), config);
        assert.deepEqual(report.trim().split("\n"), [
            `error: --policy-config: ${config}: no-sms-only: "strict" is not an enforcement level; use advisory, mandatory, disabled`,
            `error: --policy-config: ${config}: preferred-factor.usernamePattern: not a valid regular expression (Invalid regular expression: /(/u: Unterminated group); fix the pattern`,
        ]);
    });

    it("names at most NAMED_VIOLATIONS_PER_SET users of a resource per rule, as the policy pack does, and counts the rest", () => {
        const users = Object.fromEntries(Array.from({ length: NAMED_VIOLATIONS_PER_SET + 3 }, (_, i) => [`sms-${String(i).padStart(2, "0")}`, { ...NO_FACTORS, sms_mfa: { enabled: true, preferred: true } }]));
        const big = { ...TEAM, change: { ...TEAM.change, after: { ...TEAM.change.after, users }, after_unknown: {} } };
        const { output, exitCode } = checkPlan(file("plan.json", planJson([big])), { format: "text" });
        assert.equal(exitCode, EXIT_PASSED);
        const lines = output.trim().split("\n");
        assert.equal(lines.length, NAMED_VIOLATIONS_PER_SET + 1);
        assert.equal(
            lines.at(-1),
            `cognitomfa_user_mfa_preference_set.team: no-sms-only (advisory): 3 more users of \`users\` break no-sms-only too (${NAMED_VIOLATIONS_PER_SET + 3} in all; the first ${NAMED_VIOLATIONS_PER_SET} are named)`,
        );
    });

    it("--format summary: Markdown for a CI job summary, as scan's, with each rule's level and count, every violation and the users not judged", () => {
        const plan = file("plan.json", planJson([BOB, TEAM, ...IN_MODULES, UNKNOWNS[2]]));
        const result = checkPlan(plan, { format: "summary", policyConfig: file("mfa-policy.json", { "no-sms-only": { exemptPattern: "^svc-" }, "preferred-enabled": "disabled" }) });
        assert.equal(result.exitCode, EXIT_FAILED);
        assert.equal(
            result.output,
            [
                `## MFA rules on the plan ${plan.replace(/[\\`*_{}[\]<>()#+\-.!|~&]/g, "\\$&")}`,
                "",
                "6 users of 5 resources judged. **Fails**: 3 violations of mandatory rules.",
                "",
                "### Rules",
                "",
                "| rule | level | users breaking it |",
                "|---|---|---:|",
                "| mfa\\-enabled | mandatory | 2 |",
                "| no\\-sms\\-only | advisory | 1 |",
                "| preferred\\-factor | mandatory | 1 |",
                "| preferred\\-enabled | disabled | not run |",
                "",
                "### Violations (4)",
                "",
                "| resource | user | rule | level | what to do |",
                "|---|---|---|---|---|",
                '| cognitomfa\\_user\\_mfa\\_preference\\.bob | bob | mfa\\-enabled | mandatory | user "bob" has no MFA factor enabled as declared \\(a factor left out counts as off\\): enable software\\_token\\_mfa \\(TOTP\\), email\\_mfa or sms\\_mfa |',
                '| cognitomfa\\_user\\_mfa\\_preference\\_set\\.team | admin\\-zoe | no\\-sms\\-only | advisory | user "admin\\-zoe" has SMS as the only MFA factor as declared \\(a factor left out counts as off\\): enable software\\_token\\_mfa \\(TOTP\\) or email\\_mfa beside it, and prefer it |',
                '| cognitomfa\\_user\\_mfa\\_preference\\_set\\.team | admin\\-zoe | preferred\\-factor | mandatory | user "admin\\-zoe" matches ^admin and must prefer software\\_token\\_mfa, but sms\\_mfa is preferred: enable software\\_token\\_mfa and set its preferred to true |',
                '| cognitomfa\\_user\\_mfa\\_preference\\_set\\.partly | erin | mfa\\-enabled | mandatory | user "erin" has no MFA factor enabled as declared \\(a factor left out counts as off\\): enable software\\_token\\_mfa \\(TOTP\\), email\\_mfa or sms\\_mfa |',
                "",
                "### Not judged (2)",
                "",
                "Values the rules read that are known only after apply: a plan made after the apply judges them.",
                "",
                "| resource | user | known after apply |",
                "|---|---|---|",
                '| cognitomfa\\_user\\_mfa\\_preference\\_set\\.partly | carol | users\\["carol"\\]\\.email\\_mfa\\.enabled |',
                '| cognitomfa\\_user\\_mfa\\_preference\\_set\\.partly | dave | users\\["dave"\\] |',
                "",
            ].join("\n"),
        );
        const clean = checkPlan(file("clean.json", planJson([IN_MODULES[0]])), { format: "summary" });
        assert.equal(clean.exitCode, EXIT_PASSED);
        assert.match(clean.output, /\n\n1 user of 1 resource judged\. \*\*Passes\*\*: no mandatory rule is broken\.\n[^]*\n### Violations \(0\)\n\nNone\.\n$/);
    });

    it("loads, of the Terraform provider, only the two files the npm package ships (schema.ts and terms.ts), and no devDependency", () => {
        // The rest of provider/terraform imports devDependencies (@grpc/grpc-js, ...): package.json's `files` leaves it out.
        const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string>; files: string[] };
        const modules = new Set<string>();
        const packages = new Set<string>();
        const visit = (file: string) => {
            if (modules.has(file)) {
                return;
            }
            modules.add(file);
            // Imports that load at run time: `import type` is erased.
            for (const [, specifier] of fs.readFileSync(file, "utf8").matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?\sfrom\s+"([^"]+)"/gm)) {
                if (specifier.startsWith(".")) {
                    const target = path.resolve(path.dirname(file), specifier);
                    visit(fs.existsSync(`${target}.ts`) ? `${target}.ts` : path.join(target, "index.ts"));
                } else if (!specifier.startsWith("node:")) {
                    packages.add(specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/"));
                }
            }
        };
        visit(path.join(PROJECT_ROOT, "provider", "scan", "main.ts"));
        const terraform = [...modules].map((file) => path.relative(PROJECT_ROOT, file)).filter((file) => file.startsWith(path.join("provider", "terraform")));
        assert.deepEqual(terraform.sort(), [path.join("provider", "terraform", "schema.ts"), path.join("provider", "terraform", "terms.ts")]);
        assert.deepEqual([...packages].filter((name) => !(name in manifest.dependencies)), []);
        for (const file of ["dist/provider/terraform/schema.*", "dist/provider/terraform/terms.*"]) {
            assert.ok(manifest.files.includes(file), `${file} in package.json's files`);
        }
    });

    describe("as the package's command", function () {
        // A process of its own, from the source, compiled on load (as scan.test.ts runs scan).
        this.timeout(60_000);
        const run = (...args: string[]) => spawnSync(process.execPath, ["--require", "ts-node/register/transpile-only", "provider/scan/main.ts", "check-plan", ...args], { cwd: PROJECT_ROOT, encoding: "utf8" });

        it("exits 1 on a mandatory rule, 0 once the config makes it advisory, writing the violations on stdout and the verdict on stderr", () => {
            const plan = file("plan.json", planJson([BOB]));
            const failed = run(plan);
            assert.equal(failed.status, EXIT_FAILED, failed.stderr);
            assert.match(failed.stdout, /^cognitomfa_user_mfa_preference\.bob: mfa-enabled \(mandatory\): user "bob" has no MFA factor enabled/);
            assert.match(failed.stderr, /A mandatory rule is broken: exit 1\.\n$/);
            const passed = run(plan, "--policy-config", file("mfa-policy.json", { "mfa-enabled": "advisory" }), "--format", "summary");
            assert.equal(passed.status, EXIT_PASSED, passed.stderr);
            assert.match(passed.stdout, /^## MFA rules on the plan /);
        });

        it("exits 2 on a mistake in its command line or its input, with the error on stderr", () => {
            const plan = file("plan.json", planJson([BOB]));
            const format = run(plan, "--format", "xml");
            assert.equal(format.status, EXIT_BAD_INPUT);
            assert.match(format.stderr, /^error: option '--format <format>' argument 'xml' is invalid\. Allowed choices are text, summary\./);
            assert.equal(run().status, EXIT_BAD_INPUT);
            const notPlan = run(file("package.json", { name: "p" }));
            assert.equal(notPlan.status, EXIT_BAD_INPUT);
            assert.match(notPlan.stderr, /^error: .*package\.json: this is not the JSON of a plan/);
            assert.equal(run("--help").status, 0);
        });
    });
});
