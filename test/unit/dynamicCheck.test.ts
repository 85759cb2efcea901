// The dynamic front end's check: what it adds to the core's, and what it keeps from it.
import * as assert from "node:assert/strict";
import { checkInputs } from "../../provider/core/check";
import { checkDynamicInputs } from "../../provider/dynamic/check";
import { fakeAccessToken } from "../support/jwt";

const POOL = "us-east-1_AbC123xyz";
const admin = (extra: object = {}) => ({ userPoolId: POOL, username: "alice", softwareTokenMfa: { enabled: true }, ...extra });
const EARLIER = 'UserMfaPreference "alice" (user "alice" in user pool us-east-1_AbC123xyz)';

function failuresOf(news: unknown): Record<string, string> {
    return Object.fromEntries((checkDynamicInputs(news).failures ?? []).map((failure) => [failure.property, failure.reason]));
}

describe("the dynamic provider's check", () => {
    it("takes the serialized provider out of the inputs, which the core would refuse as unknown", () => {
        const news = { ...admin(), __provider: "exports.handler = ..." };
        const result = checkDynamicInputs(news);
        assert.deepEqual(result.failures, []);
        assert.deepEqual(Object.keys(result.inputs ?? {}).sort(), ["softwareTokenMfa", "userPoolId", "username"]);
        assert.match(checkInputs(news).failures.map((failure) => failure.reason).join("\n"), /unknown property "__provider"/);
    });

    it("fails a resource that another resource of the program already manages the same user with", () => {
        assert.match(failuresOf(admin({ sameUserAs: EARLIER })).username, /UserMfaPreference "alice" .* manages the same user/);
        const token = fakeAccessToken({ sub: "sub-1", userPoolId: POOL });
        const self = failuresOf({ accessToken: token, smsMfa: { enabled: true }, sameUserAs: EARLIER })[""];
        assert.match(self, /^accessToken: UserMfaPreference "alice" .* manages the same user/);
        assert.equal(checkDynamicInputs(admin({ sameUserAs: EARLIER })).inputs?.userPoolId, POOL);
        assert.ok(!("sameUserAs" in (checkDynamicInputs(admin({ sameUserAs: EARLIER })).inputs ?? {})), "never stored");
    });

    it("gives every other verdict to the core", () => {
        for (const news of [admin(), admin({ smsMfa: { enabled: false, preferred: true } }), admin({ username: "has space" }), 42, null]) {
            assert.deepEqual(checkDynamicInputs(news), checkInputs(news));
        }
    });
});
