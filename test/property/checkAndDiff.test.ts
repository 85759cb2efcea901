// Property-based tests of check and diff over arbitrary inputs: unknown values, wrong types,
// empty, huge and non-ASCII strings. CASES (default 10,000 per property) sets the count: a property
// that takes both kinds of input runs CASES cases of each. Each property counts the cases that
// reached its assertions (check accepted the input, or failed it) and fails if too few did.

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

/** Inputs of a valid shape: mostly accepted by check (validInputs keeps those it accepts). */
const validShapes = fc
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
    });

/** Inputs that pass check, so that diff sees what the engine would give it. */
const validInputs = validShapes.filter((inputs) => checkInputs(inputs).failures?.length === 0);

/** What may stand in one property of a valid input. */
const replacementFor = (property: string): fc.Arbitrary<unknown> =>
    property === "accessToken" ? tokens : (FACTORS as readonly string[]).includes(property) ? factorBlock : fc.oneof(strings, scalars);

/**
 * A valid shape with one property replaced by an arbitrary value or removed. check accepts next to
 * none of anyInput (0 or 1 in 10,000 measured: some property is almost always wrong), so the properties
 * about what check accepts run over these too: about 30% of them are accepted.
 */
const nearlyValidInputs = fc
    .tuple(validShapes, fc.oneof(...TOP_LEVEL.map((property) => fc.tuple(fc.constant(property), fc.option(replacementFor(property), { nil: undefined })))))
    .map(([inputs, [property, value]]) => ({ ...inputs, [property]: value }));

/**
 * How many runs must reach a property's assertions, as shares of CASES. Measured (three runs of
 * 10,000 cases and one of 100,000): check accepted 29.4% to 30.8% of nearlyValidInputs (next to
 * none of anyInput), so at least 15% (1,500 of 10,000 in CI, 15,000 of 100,000 in the full run); and it
 * failed 84.9% to 85.3% of the 2 x CASES inputs of the first property (all of anyInput's), so at
 * least 70% (14,000 and 140,000). At 10,000 runs the standard deviation is under half a point.
 */
const MIN_ACCEPTED = 0.15;
const MIN_FAILED = 0.7;

function assertReached(reached: number, runs: number, minimumShare: number, what: string): void {
    const minimum = Math.floor(runs * minimumShare);
    assert.ok(reached >= minimum, `only ${reached} of ${runs} runs reached the assertions (${what}); at least ${minimum} must`);
}

const isAccepted = (news: unknown) => checkInputs(news).failures?.length === 0;

describe(`check and diff over arbitrary inputs (${CASES} cases per property)`, function () {
    this.timeout(600_000);

    it("check never throws, and every failure names a property of the resource", () => {
        let failed = 0;
        const predicate = (news: unknown) => {
            const result = checkInputs(news);
            failed += (result.failures ?? []).length > 0 ? 1 : 0;
            for (const failure of result.failures ?? []) {
                assert.equal(typeof failure.reason, "string");
                assert.ok(failure.reason.length > 0);
                // A known property or a path in one, or the name of an unknown key the input has.
                const namesKnown = TOP_LEVEL.some((name) => failure.property === name || failure.property.startsWith(`${name}.`));
                const namesGiven = typeof news === "object" && news !== null && failure.property in news;
                assert.ok(failure.property === "" || namesKnown || namesGiven, failure.property);
            }
        };
        fc.assert(fc.property(anyInput, predicate), { numRuns: CASES });
        fc.assert(fc.property(nearlyValidInputs, predicate), { numRuns: CASES });
        assertReached(failed, 2 * CASES, MIN_FAILED, "check failed the input");
    });

    it("check is idempotent", () => {
        let accepted = 0;
        const predicate = (news: unknown) => {
            const once = checkInputs(news);
            const twice = checkInputs(once.inputs);
            assert.deepEqual(twice.inputs, once.inputs);
            if (once.failures?.length === 0) {
                accepted += 1;
                assert.deepEqual(twice.failures, []);
            }
        };
        fc.assert(fc.property(anyInput, predicate), { numRuns: CASES });
        fc.assert(fc.property(nearlyValidInputs, predicate), { numRuns: CASES });
        assertReached(accepted, CASES, MIN_ACCEPTED, "check accepted the input");
    });

    it("whatever check accepts, Cognito's documented constraints accept too", () => {
        let accepted = 0;
        const predicate = (news: unknown) => {
            const result = checkInputs(news);
            if (result.failures?.length !== 0) {
                return;
            }
            accepted += 1;
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
        };
        fc.assert(fc.property(anyInput, predicate), { numRuns: CASES });
        fc.assert(fc.property(nearlyValidInputs, predicate), { numRuns: CASES });
        assertReached(accepted, CASES, MIN_ACCEPTED, "check accepted the input");
    });

    it("diff(x, x) reports no change", () => {
        let diffed = 0;
        fc.assert(
            fc.property(validInputs, (raw) => {
                const inputs = checkInputs(raw).inputs as MfaPreferenceInputs;
                const result = diffInputs({ ...inputs, enabledMfas: [] }, inputs);
                assert.deepEqual(result, { changes: false, replaces: [], deleteBeforeReplace: false });
                diffed += 1;
            }),
            { numRuns: CASES },
        );
        assert.equal(diffed, CASES, "every run diffed an input check accepted");
    });

    it("diff never throws and replaces only for identity properties", () => {
        let acceptedNews = 0;
        const predicate = (old: unknown, news: unknown) => {
            acceptedNews += isAccepted(news) ? 1 : 0;
            const olds = { ...(checkInputs(old).inputs as MfaPreferenceInputs), enabledMfas: [] };
            const result = diffInputs(olds, checkInputs(news).inputs as MfaPreferenceInputs);
            for (const property of result.replaces ?? []) {
                assert.ok(["userPoolId", "username", "accessToken"].includes(property), property);
            }
            assert.equal(result.deleteBeforeReplace, (result.replaces ?? []).length > 0);
        };
        fc.assert(fc.property(validInputs, anyInput, predicate), { numRuns: CASES });
        // New inputs check accepts too, as the engine gives diff: a change of user, of factors.
        fc.assert(fc.property(validInputs, nearlyValidInputs, predicate), { numRuns: CASES });
        assertReached(acceptedNews, CASES, MIN_ACCEPTED, "check accepted the new inputs");
    });
});
