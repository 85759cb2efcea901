import * as assert from "node:assert/strict";
import { diffInputs } from "../../provider/core/diff";
import type { MfaPreferenceInputs, MfaPreferenceOutputs } from "../../provider/core/types";
import { UNKNOWN } from "../../provider/core/unknown";
import { fakeAccessToken } from "../support/jwt";

const POOL = "us-east-1_AbC123xyz";
const inputs: MfaPreferenceInputs = {
    userPoolId: POOL,
    username: "alice",
    smsMfa: { enabled: true, preferred: false },
    softwareTokenMfa: { enabled: true, preferred: true },
    webAuthnMfa: { enabled: false },
};
const outputs: MfaPreferenceOutputs = { ...inputs, enabledMfas: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], preferredMfa: "SOFTWARE_TOKEN_MFA" };

describe("diff", () => {
    it("reports no change when the desired state is the stored one", () => {
        assert.deepEqual(diffInputs(outputs, inputs), { changes: false, replaces: [], deleteBeforeReplace: false });
    });

    it("ignores the computed outputs (unmanaged factors show up there)", () => {
        const withUnmanaged = { ...outputs, enabledMfas: ["EMAIL_OTP", "SMS_MFA", "SOFTWARE_TOKEN_MFA"], preferredMfa: "EMAIL_OTP" };
        assert.equal(diffInputs(withUnmanaged, inputs).changes, false);
    });

    for (const property of ["userPoolId", "username"] as const) {
        it(`replaces, deleting first, when ${property} changes`, () => {
            const news = { ...inputs, [property]: property === "userPoolId" ? "us-east-1_Other" : "bob" };
            assert.deepEqual(diffInputs(outputs, news), { changes: true, replaces: [property], deleteBeforeReplace: true });
        });

        it(`replaces when ${property} is not known yet`, () => {
            assert.deepEqual(diffInputs(outputs, { ...inputs, [property]: UNKNOWN }).replaces, [property]);
        });
    }

    const factorChanges: [string, MfaPreferenceInputs][] = [
        ["smsMfa enabled", { ...inputs, smsMfa: { enabled: false, preferred: false } }],
        ["smsMfa preferred", { ...inputs, smsMfa: { enabled: true, preferred: true }, softwareTokenMfa: { enabled: true, preferred: false } }],
        ["emailMfa newly managed", { ...inputs, emailMfa: { enabled: false, preferred: false } }],
        ["webAuthnMfa enabled", { ...inputs, webAuthnMfa: { enabled: true } }],
        ["smsMfa no longer managed", { ...inputs, smsMfa: undefined }],
        ["smsMfa not known yet", { ...inputs, smsMfa: UNKNOWN as never }],
        ["smsMfa.enabled not known yet", { ...inputs, smsMfa: { enabled: UNKNOWN as never, preferred: false } }],
    ];
    for (const [what, news] of factorChanges) {
        it(`updates in place when ${what}`, () => {
            const result = diffInputs(outputs, news);
            assert.equal(result.changes, true);
            assert.deepEqual(result.replaces, []);
            assert.equal(result.deleteBeforeReplace, false);
        });
    }

    it("treats an absent preferred as false", () => {
        const stored = { ...outputs, smsMfa: { enabled: true } };
        assert.equal(diffInputs(stored, inputs).changes, false);
    });

    it("updates in place when region or endpoint changes", () => {
        assert.deepEqual(diffInputs(outputs, { ...inputs, region: "us-east-1" }), { changes: true, replaces: [], deleteBeforeReplace: false });
        assert.deepEqual(diffInputs(outputs, { ...inputs, endpoint: "http://127.0.0.1:1" }), { changes: true, replaces: [], deleteBeforeReplace: false });
    });

    describe("self-service form", () => {
        const token = fakeAccessToken({ sub: "sub-1", userPoolId: POOL });
        const self: MfaPreferenceInputs = { accessToken: token, smsMfa: { enabled: true, preferred: false } };
        const stored: MfaPreferenceOutputs = { ...self, userPoolId: POOL, username: "alice", enabledMfas: ["SMS_MFA"] };

        it("reports no change for the same token", () => {
            assert.equal(diffInputs(stored, self).changes, false);
        });

        it("updates in place for a fresh token of the same user", () => {
            const fresh = fakeAccessToken({ sub: "sub-1", userPoolId: POOL, username: "alice-renewed" });
            assert.deepEqual(diffInputs(stored, { ...self, accessToken: fresh }), { changes: true, replaces: [], deleteBeforeReplace: false });
        });

        it("replaces for a token of another user, or one not known yet", () => {
            const other = fakeAccessToken({ sub: "sub-2", userPoolId: POOL });
            assert.deepEqual(diffInputs(stored, { ...self, accessToken: other }).replaces, ["accessToken"]);
            assert.deepEqual(diffInputs(stored, { ...self, accessToken: UNKNOWN }).replaces, ["accessToken"]);
        });

        it("replaces when switching between the admin and self-service forms", () => {
            const result = diffInputs(outputs, self);
            assert.deepEqual(result.replaces, ["accessToken", "userPoolId", "username"]);
            assert.equal(result.deleteBeforeReplace, true);
        });
    });
});
