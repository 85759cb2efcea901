// The MFA rules (provider/core/mfaRules.ts) and their settings from a policy pack config file
// (ruleSettings.ts): each rule firing and holding, on a declaration and on what Cognito reports,
// its config, and every mistake in a config file named at its path.

import * as assert from "node:assert/strict";
import { declaredMfa, managesAnyFactor, MFA_RULES, reportedMfa, withDefaults, type UserMfa } from "../../provider/core/mfaRules";
import { defaultRuleSettings, ruleSettings, violationsOf } from "../../provider/core/ruleSettings";

const rule = (id: string) => MFA_RULES.find((candidate) => candidate.id === id)!;
/** The message of rule `id` for `user`, with the rule's defaults and `config` over them. */
const check = (id: string, user: UserMfa, config = {}) => rule(id).check(user, withDefaults(rule(id), config));
const live = (username: string, enabledMfas: string[], preferredMfa?: string) => reportedMfa(username, { enabledMfas, preferredMfa });

describe("MFA rules", () => {
    it("each rule has an id, a description and a default level; SMS alone is advisory, the others mandatory", () => {
        assert.deepEqual(
            MFA_RULES.map(({ id, defaultLevel }) => [id, defaultLevel]),
            [
                ["mfa-enabled", "mandatory"],
                ["no-sms-only", "advisory"],
                ["preferred-factor", "mandatory"],
                ["preferred-enabled", "mandatory"],
            ],
        );
        assert.ok(MFA_RULES.every((each) => each.description.length > 20));
    });

    it("mfa-enabled: a user with no factor enabled, declared or reported, is named with what to do; an exempt one is not", () => {
        assert.equal(
            check("mfa-enabled", declaredMfa("bob", { smsMfa: { enabled: false } })),
            'user "bob" has no MFA factor enabled as declared (a factor left out counts as off): enable softwareTokenMfa (TOTP), emailMfa or smsMfa',
        );
        assert.equal(check("mfa-enabled", live("bob", [])), 'user "bob" has no MFA factor enabled: enable softwareTokenMfa (TOTP), emailMfa or smsMfa');
        assert.equal(check("mfa-enabled", live("bob", ["EMAIL_OTP"])), undefined);
        assert.equal(check("mfa-enabled", declaredMfa("bob", { webAuthnMfa: { enabled: true } })), undefined, "a passkey is a factor");
        assert.equal(check("mfa-enabled", live("svc-batch", []), { exemptPattern: "^svc-" }), undefined);
        assert.match(check("mfa-enabled", declaredMfa(undefined, { smsMfa: { enabled: false } }))!, /^the user \(named by an access token\) has no MFA/);
    });

    it("no-sms-only: SMS as the only enabled factor, and nothing else", () => {
        assert.equal(
            check("no-sms-only", live("carol", ["SMS_MFA"], "SMS_MFA")),
            'user "carol" has SMS as the only MFA factor: enable softwareTokenMfa (TOTP) or emailMfa beside it, and prefer it',
        );
        assert.match(check("no-sms-only", declaredMfa("carol", { smsMfa: { enabled: true }, softwareTokenMfa: { enabled: false } }))!, /as declared/);
        assert.equal(check("no-sms-only", live("carol", ["SMS_MFA", "SOFTWARE_TOKEN_MFA"])), undefined);
        assert.equal(check("no-sms-only", live("carol", [])), undefined, "no factor is mfa-enabled's");
        assert.equal(check("no-sms-only", live("carol", ["SMS_MFA"]), { exemptPattern: "^car" }), undefined);
    });

    it("preferred-factor: by default users named admin… prefer TOTP; the pattern and the factors are the config's", () => {
        assert.equal(
            check("preferred-factor", live("admin-zoe", ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], "SMS_MFA")),
            'user "admin-zoe" matches ^admin and must prefer softwareTokenMfa, but smsMfa is preferred: enable softwareTokenMfa and set its preferred to true',
        );
        assert.match(check("preferred-factor", declaredMfa("admin-zoe", { softwareTokenMfa: { enabled: true } }))!, /but none is preferred/);
        assert.equal(check("preferred-factor", live("admin-zoe", ["SOFTWARE_TOKEN_MFA"], "SOFTWARE_TOKEN_MFA")), undefined);
        assert.equal(check("preferred-factor", live("zoe", ["SMS_MFA"], "SMS_MFA")), undefined, "not matched");
        const config = { usernamePattern: "^ops:", factors: ["softwareTokenMfa", "emailMfa"] };
        assert.equal(check("preferred-factor", live("ops:dave", ["EMAIL_OTP"], "EMAIL_OTP"), config), undefined);
        assert.match(check("preferred-factor", live("ops:dave", ["SMS_MFA"], "SMS_MFA"), config)!, /^user "ops:dave" matches \^ops: and must prefer softwareTokenMfa or emailMfa, but smsMfa/);
        assert.equal(check("preferred-factor", live("admin-zoe", ["SMS_MFA"], "SMS_MFA"), config), undefined, "the default pattern replaced");
        assert.equal(check("preferred-factor", declaredMfa(undefined, { smsMfa: { enabled: true, preferred: true } })), undefined, "no username, no match");
    });

    it("preferred-enabled: a preferred factor that is off", () => {
        assert.equal(
            check("preferred-enabled", live("erin", ["SMS_MFA"], "SOFTWARE_TOKEN_MFA")),
            'user "erin" prefers softwareTokenMfa, which is not enabled: enable softwareTokenMfa, or prefer an enabled factor',
        );
        assert.match(check("preferred-enabled", declaredMfa("erin", { emailMfa: { enabled: false, preferred: true } }))!, /prefers emailMfa, which is not enabled/);
        assert.equal(check("preferred-enabled", live("erin", ["SMS_MFA"], "SMS_MFA")), undefined);
    });

    it("a declaration judges only the factors it declares, and one that declares none is not judged", () => {
        assert.deepEqual(declaredMfa("f", { smsMfa: { enabled: true }, emailMfa: { enabled: true, preferred: true }, softwareTokenMfa: { enabled: false } }), {
            username: "f",
            enabled: ["smsMfa", "emailMfa"],
            preferred: "emailMfa",
            source: "declared",
        });
        assert.equal(managesAnyFactor({}), false);
        assert.equal(managesAnyFactor({ webAuthnMfa: { enabled: false } }), true);
        assert.deepEqual(live("g", ["WEBAUTHN", "SOFTWARE_TOKEN_MFA"], "SOFTWARE_TOKEN_MFA").enabled, ["softwareTokenMfa"], "a name with no factor block is left out");
    });
});

describe("MFA rules' settings from a policy pack config file", () => {
    const levels = (file: unknown) => Object.fromEntries(ruleSettings(file).settings.map((setting) => [setting.rule.id, setting.level]));

    it("no file: every rule at its default level, with its default config", () => {
        assert.deepEqual(
            defaultRuleSettings().map(({ rule: { id }, level, config }) => [id, level, config]),
            [
                ["mfa-enabled", "mandatory", { exemptPattern: undefined }],
                ["no-sms-only", "advisory", { exemptPattern: undefined }],
                ["preferred-factor", "mandatory", { usernamePattern: "^admin", factors: ["softwareTokenMfa"] }],
                ["preferred-enabled", "mandatory", {}],
            ],
        );
    });

    it("a rule's level, as a string or in its object, over `all`, over the default; its config over the defaults", () => {
        const file = { all: "advisory", "no-sms-only": "mandatory", "preferred-factor": { enforcementLevel: "disabled", usernamePattern: "^ops" } };
        assert.deepEqual(levels(file), { "mfa-enabled": "advisory", "no-sms-only": "mandatory", "preferred-factor": "disabled", "preferred-enabled": "advisory" });
        const { settings, errors } = ruleSettings(file);
        assert.deepEqual(errors, []);
        assert.deepEqual(settings[2].config, { usernamePattern: "^ops", factors: ["softwareTokenMfa"] });
        assert.deepEqual(violationsOf(live("admin", []), settings).map((violation) => violation.setting.rule.id), ["mfa-enabled"], "a disabled rule is not run");
    });

    it("every mistake at once, each at its path with the fix", () => {
        const { errors } = ruleSettings({
            all: "strict",
            "no-sms": "advisory",
            "mfa-enabled": { enforcementLevel: "block", exemptPattern: "(" },
            "preferred-factor": { factors: ["sms"], usernamePattern: 3 },
            "preferred-enabled": { exemptPattern: "x" },
        });
        assert.deepEqual(errors, [
            "no-sms: no such rule; the rules are mfa-enabled, no-sms-only, preferred-factor, preferred-enabled",
            'all: "strict" is not an enforcement level; use advisory, mandatory, disabled',
            "mfa-enabled.exemptPattern: not a valid regular expression (Invalid regular expression: /(/u: Unterminated group); fix the pattern",
            'mfa-enabled.enforcementLevel: "block" is not an enforcement level; use advisory, mandatory, disabled',
            "preferred-factor.factors: must be a list of at least 1 of smsMfa, softwareTokenMfa, emailMfa",
            "preferred-factor.usernamePattern: must be a string (a JavaScript regular expression)",
            "preferred-enabled.exemptPattern: preferred-enabled has no such setting; it takes only enforcementLevel",
        ]);
        assert.deepEqual(ruleSettings([]).errors.length, 1);
    });
});
