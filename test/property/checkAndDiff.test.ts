// Property-based tests of check and diff over arbitrary inputs: unknown values, wrong types,
// empty, huge and non-ASCII strings. CASES (default 10,000 per property) sets the count.

import * as assert from "node:assert/strict";
import fc from "fast-check";
import { checkInputs } from "../../provider/core/check";
import { diffInputs } from "../../provider/core/diff";
import { FACTORS, PREFERABLE_FACTORS, type MfaPreferenceInputs } from "../../provider/core/types";
import { UNKNOWN } from "../../provider/core/unknown";
import { fakeAccessToken } from "../support/jwt";

const CASES = Number(process.env.CASES ?? 10_000);
const TOP_LEVEL = ["userPoolId", "username", "accessToken", "region", "endpoint", ...FACTORS];

// Cognito's documented constraints (API reference: UserPoolId, Username, AccessToken).
const COGNITO_USER_POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/;
const COGNITO_USERNAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;
const COGNITO_ACCESS_TOKEN = /^[A-Za-z0-9\-_=.]+$/;

const strings = fc.oneof(
    fc.string(),
    fc.string({ unit: "grapheme" }),
    fc.string({ unit: "binary", maxLength: 200 }),
    fc.string({ minLength: 1000, maxLength: 5000 }),
    fc.constantFrom("", " ", "alice", "Zoë", "用户@example.com", "us-east-1_AbC123", "eu-west-1_x", "us-east-1_", "http://127.0.0.1:5000", UNKNOWN),
);
const scalars = fc.oneof(strings, fc.boolean(), fc.integer(), fc.double(), fc.constant(null), fc.constant(UNKNOWN));
const factorBlock = fc.oneof(
    fc.record({ enabled: fc.oneof(fc.boolean(), scalars), preferred: fc.option(fc.oneof(fc.boolean(), scalars), { nil: undefined }) }, { requiredKeys: [] }),
    fc.dictionary(strings, scalars, { maxKeys: 3 }),
    scalars,
);
const tokens = fc.oneof(
    strings,
    fc.record({ sub: fc.uuid(), userPoolId: fc.constantFrom("us-east-1_AbC123", "eu-west-1_Zz9") }).map((claims) => fakeAccessToken(claims)),
);
const inputObjects = fc.record(
    {
        userPoolId: fc.oneof(strings, scalars),
        username: fc.oneof(strings, scalars),
        accessToken: tokens,
        region: fc.oneof(strings, scalars),
        endpoint: fc.oneof(strings, scalars),
        smsMfa: factorBlock,
        softwareTokenMfa: factorBlock,
        emailMfa: factorBlock,
        webAuthnMfa: factorBlock,
        [`extra`]: scalars,
    },
    { requiredKeys: [] },
);
const anyInput = fc.oneof({ weight: 4, arbitrary: inputObjects }, { weight: 1, arbitrary: fc.anything() });

/** Inputs that pass check, so that diff sees what the engine would give it. */
const validInputs = fc
    .record({
        admin: fc.boolean(),
        username: fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }).filter((name) => COGNITO_USERNAME.test(name)),
        sub: fc.uuid(),
        factors: fc.subarray([...FACTORS], { minLength: 1 }),
        enabled: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        preferred: fc.option(fc.constantFrom(...PREFERABLE_FACTORS), { nil: undefined }),
    })
    .map(({ admin, username, sub, factors, enabled, preferred }) => {
        const inputs: Record<string, unknown> = admin ? { userPoolId: "us-east-1_AbC123", username } : { accessToken: fakeAccessToken({ sub, userPoolId: "us-east-1_AbC123" }) };
        factors.forEach((factor, index) => {
            const on = enabled[index] || factor === preferred;
            inputs[factor] = factor === "webAuthnMfa" ? { enabled: on } : { enabled: on, preferred: factor === preferred };
        });
        return inputs;
    })
    .filter((inputs) => checkInputs(inputs).failures?.length === 0);

describe(`check and diff over arbitrary inputs (${CASES} cases per property)`, function () {
    this.timeout(600_000);

    it("check never throws, and every failure names a property of the resource", () => {
        fc.assert(
            fc.property(anyInput, (news) => {
                const result = checkInputs(news);
                for (const failure of result.failures ?? []) {
                    assert.equal(typeof failure.reason, "string");
                    assert.ok(failure.reason.length > 0);
                    // A known property or a path in one, or the name of an unknown key the input has.
                    const namesKnown = TOP_LEVEL.some((name) => failure.property === name || failure.property.startsWith(`${name}.`));
                    const namesGiven = typeof news === "object" && news !== null && failure.property in news;
                    assert.ok(failure.property === "" || namesKnown || namesGiven, failure.property);
                }
            }),
            { numRuns: CASES },
        );
    });

    it("check is idempotent", () => {
        fc.assert(
            fc.property(anyInput, (news) => {
                const once = checkInputs(news);
                const twice = checkInputs(once.inputs);
                assert.deepEqual(twice.inputs, once.inputs);
                if (once.failures?.length === 0) {
                    assert.deepEqual(twice.failures, []);
                }
            }),
            { numRuns: CASES },
        );
    });

    it("whatever check accepts, Cognito's documented constraints accept too", () => {
        fc.assert(
            fc.property(anyInput, (news) => {
                const result = checkInputs(news);
                if (result.failures?.length !== 0) {
                    return;
                }
                const inputs = result.inputs as Record<string, unknown>;
                const known = (value: unknown) => value !== UNKNOWN;
                if (typeof inputs.userPoolId === "string" && known(inputs.userPoolId)) {
                    assert.match(inputs.userPoolId, COGNITO_USER_POOL_ID);
                    assert.ok(inputs.userPoolId.length <= 55);
                }
                if (typeof inputs.username === "string" && known(inputs.username)) {
                    assert.match(inputs.username, COGNITO_USERNAME);
                    assert.ok([...inputs.username].length <= 128);
                }
                if (typeof inputs.accessToken === "string" && known(inputs.accessToken)) {
                    assert.match(inputs.accessToken, COGNITO_ACCESS_TOKEN);
                }
                const blocks = PREFERABLE_FACTORS.map((factor) => inputs[factor] as { enabled?: unknown; preferred?: unknown } | undefined);
                assert.ok(blocks.filter((block) => block?.preferred === true).length <= 1, "at most one preferred factor");
                for (const block of blocks) {
                    assert.ok(!(block?.preferred === true && block.enabled === false), "a preferred factor is enabled");
                }
            }),
            { numRuns: CASES },
        );
    });

    it("diff(x, x) reports no change", () => {
        fc.assert(
            fc.property(validInputs, (raw) => {
                const inputs = checkInputs(raw).inputs as MfaPreferenceInputs;
                const result = diffInputs({ ...inputs, enabledMfas: [] }, inputs);
                assert.deepEqual(result, { changes: false, replaces: [], deleteBeforeReplace: false });
            }),
            { numRuns: CASES },
        );
    });

    it("diff never throws and replaces only for identity properties", () => {
        fc.assert(
            fc.property(validInputs, anyInput, (old, news) => {
                const olds = { ...(checkInputs(old).inputs as MfaPreferenceInputs), enabledMfas: [] };
                const result = diffInputs(olds, checkInputs(news).inputs as MfaPreferenceInputs);
                for (const property of result.replaces ?? []) {
                    assert.ok(["userPoolId", "username", "accessToken"].includes(property), property);
                }
                assert.equal(result.deleteBeforeReplace, (result.replaces ?? []).length > 0);
            }),
            { numRuns: CASES },
        );
    });
});
