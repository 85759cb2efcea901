import * as assert from "node:assert/strict";
import { checkInputs } from "../../provider/core/check";
import { UNKNOWN } from "../../provider/core/unknown";
import { fakeAccessToken } from "../support/jwt";

const POOL = "us-east-1_AbC123xyz";
const admin = (extra: object = {}) => ({ userPoolId: POOL, username: "alice", softwareTokenMfa: { enabled: true }, ...extra });

function failuresOf(news: unknown): Record<string, string> {
    const result = checkInputs(news);
    return Object.fromEntries((result.failures ?? []).map((failure) => [failure.property, failure.reason]));
}

describe("check", () => {
    it("accepts the admin form and defaults preferred to false", () => {
        const result = checkInputs({ ...admin(), smsMfa: { enabled: true, preferred: true }, webAuthnMfa: { enabled: false } });
        assert.deepEqual(result.failures, []);
        assert.deepEqual(result.inputs, {
            userPoolId: POOL,
            username: "alice",
            softwareTokenMfa: { enabled: true, preferred: false },
            smsMfa: { enabled: true, preferred: true },
            webAuthnMfa: { enabled: false },
        });
    });

    it("drops absent values from the inputs it returns", () => {
        const result = checkInputs({ ...admin(), region: undefined, endpoint: null });
        assert.deepEqual(Object.keys(result.inputs ?? {}).sort(), ["softwareTokenMfa", "userPoolId", "username"]);
    });

    it("accepts the self-service form", () => {
        const token = fakeAccessToken({ sub: "sub-1", userPoolId: POOL });
        assert.deepEqual(failuresOf({ accessToken: token, smsMfa: { enabled: true } }), {});
    });

    it("requires userPoolId and username in the admin form", () => {
        const failures = failuresOf({ smsMfa: { enabled: true } });
        assert.match(failures.userPoolId, /userPoolId is required/);
        assert.match(failures.username, /username is required/);
    });

    it("requires at least one managed factor", () => {
        assert.match(failuresOf({ userPoolId: POOL, username: "alice" }).smsMfa, /declare at least one factor/);
    });

    for (const bad of ["us-east-1", "useast1_abc", "us-east-1_", "us-east-1_abc-def", "US-EAST-1_abc", `us-east-1_${"a".repeat(50)}`]) {
        it(`rejects the malformed userPoolId ${JSON.stringify(bad)}`, () => {
            assert.match(failuresOf(admin({ userPoolId: bad })).userPoolId, /userPoolId/);
        });
    }

    for (const bad of ["", "has space", "tab\there", "a".repeat(129)]) {
        it(`rejects the malformed username ${JSON.stringify(bad.slice(0, 20))}`, () => {
            assert.match(failuresOf(admin({ username: bad })).username, /username/);
        });
    }

    it("accepts aliases and non-ASCII usernames", () => {
        for (const username of ["alice@example.com", "+15555550100", "Zoë", "用户", "a".repeat(128)]) {
            assert.deepEqual(failuresOf(admin({ username })), {}, username);
        }
    });

    it("rejects non-string identifiers", () => {
        assert.match(failuresOf(admin({ userPoolId: 42 })).userPoolId, /must be a string/);
        assert.match(failuresOf(admin({ username: ["alice"] })).username, /must be a string/);
    });

    it("rejects mixing the admin and self-service forms, without echoing the token", () => {
        const token = fakeAccessToken({ sub: "sub-1", userPoolId: POOL });
        const failures = failuresOf(admin({ accessToken: token }));
        // Named in the reason, not as the property: the engine would print the value beside it.
        assert.match(failures[""], /^accessToken: .*cannot be combined/);
        assert.ok(!JSON.stringify(failures).includes(token));
    });

    it("rejects an access token that is not a Cognito JWT, without echoing it", () => {
        for (const token of ["not-a-jwt", "a.b.c", "has spaces.x.y", ""]) {
            const failures = failuresOf({ accessToken: token, smsMfa: { enabled: true } });
            assert.match(failures[""], /^accessToken: must be a Cognito access token/);
            if (token !== "") {
                assert.ok(!failures[""].includes(token));
            }
        }
    });

    it("allows at most one preferred factor and names each", () => {
        const failures = failuresOf(admin({ smsMfa: { enabled: true, preferred: true }, softwareTokenMfa: { enabled: true, preferred: true } }));
        assert.match(failures["smsMfa.preferred"], /only one factor can be preferred/);
        assert.match(failures["softwareTokenMfa.preferred"], /only one factor can be preferred/);
    });

    it("requires a preferred factor to be enabled", () => {
        const failures = failuresOf(admin({ emailMfa: { enabled: false, preferred: true } }));
        assert.match(failures["emailMfa.preferred"], /preferred but not enabled/);
    });

    it("rejects passkey MFA as the only factor when every other factor is declared off", () => {
        const off = { enabled: false };
        const failures = failuresOf(admin({ smsMfa: off, softwareTokenMfa: off, emailMfa: off, webAuthnMfa: { enabled: true } }));
        assert.match(failures["webAuthnMfa.enabled"], /cannot be the only factor/);
        // With one of them unmanaged the provider cannot know, so it does not guess.
        assert.deepEqual(failuresOf(admin({ smsMfa: off, softwareTokenMfa: off, webAuthnMfa: { enabled: true } })), {});
    });

    it("rejects a preference on passkey MFA", () => {
        assert.match(failuresOf(admin({ webAuthnMfa: { enabled: true, preferred: true } }))["webAuthnMfa.preferred"], /no preferred setting/);
    });

    it("checks the shape of factor blocks", () => {
        assert.match(failuresOf(admin({ smsMfa: true })).smsMfa, /must be an object/);
        assert.match(failuresOf(admin({ smsMfa: {} }))["smsMfa.enabled"], /is required/);
        assert.match(failuresOf(admin({ smsMfa: { enabled: "yes" } }))["smsMfa.enabled"], /must be a boolean/);
        assert.match(failuresOf(admin({ smsMfa: { enabled: true, preferred: 1 } }))["smsMfa.preferred"], /must be a boolean/);
        assert.match(failuresOf(admin({ smsMfa: { enabled: true, prefered: true } }))["smsMfa.prefered"], /unknown property/);
    });

    it("rejects unknown properties by name", () => {
        assert.match(failuresOf(admin({ smsMFA: { enabled: true } })).smsMFA, /unknown property "smsMFA"/);
    });

    it("checks region and endpoint", () => {
        assert.match(failuresOf(admin({ region: "Virginia" })).region, /AWS region/);
        assert.match(failuresOf(admin({ endpoint: "localhost:5000" })).endpoint, /http:\/\/ or https:\/\//);
        assert.match(failuresOf(admin({ endpoint: "ftp://example.com" })).endpoint, /http:\/\/ or https:\/\//);
        assert.deepEqual(failuresOf(admin({ region: "eu-central-1", endpoint: "http://127.0.0.1:5000" })), {});
    });

    it("never fails on values that are not known yet", () => {
        assert.deepEqual(failuresOf({ userPoolId: UNKNOWN, username: UNKNOWN, softwareTokenMfa: UNKNOWN }), {});
        assert.deepEqual(failuresOf({ accessToken: UNKNOWN, smsMfa: { enabled: UNKNOWN, preferred: UNKNOWN } }), {});
        assert.deepEqual(failuresOf(admin({ region: UNKNOWN, endpoint: UNKNOWN, smsMfa: { enabled: UNKNOWN, preferred: true } })), {});
    });

    it("reports inputs that are not an object instead of crashing", () => {
        for (const news of [undefined, null, 42, "x", []]) {
            assert.equal(checkInputs(news).failures?.length, 1);
        }
    });
});
