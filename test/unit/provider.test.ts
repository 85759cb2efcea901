import * as assert from "node:assert/strict";
import {
    AdminGetUserCommand,
    AdminSetUserMFAPreferenceCommand,
    CognitoIdentityProviderClient,
    GetUserCommand,
    SetUserMFAPreferenceCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { mockClient } from "aws-sdk-client-mock";
import { clientCount } from "../../provider/core/client";
import { provider } from "../../provider/implementation";
import type { MfaPreferenceInputs, MfaPreferenceOutputs } from "../../provider/core/types";
import { fakeAccessToken } from "../support/jwt";

const cognito = mockClient(CognitoIdentityProviderClient);
const POOL = "eu-west-1_AbC123xyz";
const desired: MfaPreferenceInputs = {
    userPoolId: POOL,
    username: "alice",
    smsMfa: { enabled: true, preferred: false },
    softwareTokenMfa: { enabled: true, preferred: true },
};

function cognitoError(name: string, message: string): Error {
    return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });
}

function sentInputs(command: unknown): object[] {
    return cognito.commandCalls(command as never).map((call) => call.args[0].input as object);
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
    return promise.then(
        () => assert.fail("expected a failure"),
        (error: Error) => error,
    );
}

describe("provider", () => {
    beforeEach(() => {
        cognito.reset();
        cognito.on(AdminSetUserMFAPreferenceCommand).resolves({});
        cognito.on(AdminGetUserCommand).resolves({ Username: "alice", UserMFASettingList: ["SOFTWARE_TOKEN_MFA", "SMS_MFA"], PreferredMfaSetting: "SOFTWARE_TOKEN_MFA" });
    });

    describe("create", () => {
        /** Cognito's answers to AdminGetUser: first BEFORE (the adopting read), then AFTER the write. */
        const reports = (before: object, after: object) => cognito.on(AdminGetUserCommand).resolvesOnce({ Username: "alice", ...before }).resolves({ Username: "alice", ...after });
        const asDesired = { UserMFASettingList: ["SOFTWARE_TOKEN_MFA", "SMS_MFA"], PreferredMfaSetting: "SOFTWARE_TOKEN_MFA" };

        it("adopts a user already as declared with one read and no write", async () => {
            const result = await provider.create(desired);
            assert.deepEqual(sentInputs(AdminGetUserCommand), [{ UserPoolId: POOL, Username: "alice" }]);
            assert.equal(cognito.calls().length, 1);
            assert.equal(result.id, `${POOL}/alice`);
            assert.deepEqual(result.outs, { ...desired, enabledMfas: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], preferredMfa: "SOFTWARE_TOKEN_MFA" });
        });

        it("when Cognito differs, sends exactly the managed factors once, then reads the user back", async () => {
            reports({ UserMFASettingList: [] }, asDesired);
            const result = await provider.create(desired);
            assert.deepEqual(sentInputs(AdminSetUserMFAPreferenceCommand), [
                { UserPoolId: POOL, Username: "alice", SMSMfaSettings: { Enabled: true, PreferredMfa: false }, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } },
            ]);
            assert.deepEqual(sentInputs(AdminGetUserCommand), [
                { UserPoolId: POOL, Username: "alice" },
                { UserPoolId: POOL, Username: "alice" },
            ]);
            assert.equal(cognito.calls().length, 3);
            assert.deepEqual(result.outs, { ...desired, enabledMfas: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], preferredMfa: "SOFTWARE_TOKEN_MFA" });
        });

        it("writes when only the preferred factor differs", async () => {
            reports({ UserMFASettingList: ["SOFTWARE_TOKEN_MFA", "SMS_MFA"], PreferredMfaSetting: "SMS_MFA" }, asDesired);
            await provider.create(desired);
            assert.equal(sentInputs(AdminSetUserMFAPreferenceCommand).length, 1);
        });

        it("always writes a managed passkey factor, of which Cognito reports no per-user flag", async () => {
            const result = await provider.create({ ...desired, webAuthnMfa: { enabled: true } });
            assert.deepEqual(sentInputs(AdminSetUserMFAPreferenceCommand), [
                {
                    UserPoolId: POOL,
                    Username: "alice",
                    SMSMfaSettings: { Enabled: true, PreferredMfa: false },
                    SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
                    WebAuthnMfaSettings: { Enabled: true },
                },
            ]);
            assert.deepEqual(result.outs?.webAuthnMfa, { enabled: true });
        });

        it("adopts a factor declared off that Cognito has off, leaving the unmanaged ones alone", async () => {
            reports({ UserMFASettingList: ["SOFTWARE_TOKEN_MFA"], PreferredMfaSetting: "SOFTWARE_TOKEN_MFA" }, {});
            const result = await provider.create({ userPoolId: POOL, username: "alice", smsMfa: { enabled: false } });
            assert.equal(sentInputs(AdminSetUserMFAPreferenceCommand).length, 0);
            assert.deepEqual(result.outs?.smsMfa, { enabled: false, preferred: false });
            assert.deepEqual(result.outs?.enabledMfas, ["SOFTWARE_TOKEN_MFA"]);
        });

        it("sends email MFA settings and reports them", async () => {
            reports({ UserMFASettingList: [] }, { UserMFASettingList: ["EMAIL_OTP"], PreferredMfaSetting: "EMAIL_OTP" });
            const result = await provider.create({ userPoolId: POOL, username: "alice", emailMfa: { enabled: true, preferred: true } });
            assert.deepEqual(sentInputs(AdminSetUserMFAPreferenceCommand), [{ UserPoolId: POOL, Username: "alice", EmailMfaSettings: { Enabled: true, PreferredMfa: true } }]);
            assert.deepEqual(result.outs?.emailMfa, { enabled: true, preferred: true });
        });

        it("outputs the truth, not the request, when Cognito reports otherwise", async () => {
            reports({ UserMFASettingList: [] }, { UserMFASettingList: ["SMS_MFA"], PreferredMfaSetting: "" });
            const result = await provider.create(desired);
            assert.deepEqual(result.outs?.softwareTokenMfa, { enabled: false, preferred: false });
            assert.equal(result.outs?.preferredMfa, undefined);
            assert.ok(!("preferredMfa" in (result.outs ?? {})));
        });

        it("fails clearly for an unknown user", async () => {
            cognito.on(AdminGetUserCommand).rejects(cognitoError("UserNotFoundException", "User does not exist."));
            const error = await rejection(provider.create(desired));
            assert.match(error.message, /AdminGetUser for user "alice" in user pool eu-west-1_AbC123xyz failed: UserNotFoundException/);
            assert.match(error.message, /Fix: check username/);
            assert.equal(sentInputs(AdminSetUserMFAPreferenceCommand).length, 0);
        });

        it("explains how to enable TOTP when the token is not verified", async () => {
            cognito.on(AdminGetUserCommand).resolves({ Username: "alice", UserMFASettingList: [] });
            cognito.on(AdminSetUserMFAPreferenceCommand).rejects(cognitoError("InvalidParameterException", "User has not verified software token mfa"));
            const error = await rejection(provider.create(desired));
            assert.match(error.message, /User has not verified software token mfa/);
            assert.match(error.message, /AssociateSoftwareToken, then VerifySoftwareToken/);
            assert.equal(sentInputs(AdminGetUserCommand).length, 1, "only the adopting read: none after the failed write");
        });

        it("shares one SDK client per region and endpoint", async () => {
            const before = clientCount();
            await provider.create(desired);
            await provider.create({ ...desired, username: "bob" });
            await provider.create({ ...desired, username: "carol" });
            assert.ok(clientCount() - before <= 1);
        });
    });

    describe("update", () => {
        it("sends the new settings, including turning a factor off, and never the unmanaged ones", async () => {
            const news: MfaPreferenceInputs = { userPoolId: POOL, username: "alice", smsMfa: { enabled: false, preferred: false } };
            cognito.on(AdminGetUserCommand).resolves({ UserMFASettingList: ["SOFTWARE_TOKEN_MFA"], PreferredMfaSetting: "SOFTWARE_TOKEN_MFA" });
            const result = await provider.update!(`${POOL}/alice`, { ...desired, enabledMfas: [] }, news);
            assert.deepEqual(sentInputs(AdminSetUserMFAPreferenceCommand), [{ UserPoolId: POOL, Username: "alice", SMSMfaSettings: { Enabled: false, PreferredMfa: false } }]);
            assert.deepEqual(result.outs, { ...news, enabledMfas: ["SOFTWARE_TOKEN_MFA"], preferredMfa: "SOFTWARE_TOKEN_MFA" });
        });
    });

    describe("read", () => {
        const stored: MfaPreferenceOutputs = { ...desired, webAuthnMfa: { enabled: true }, enabledMfas: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], preferredMfa: "SOFTWARE_TOKEN_MFA" };

        it("makes one AdminGetUser and returns outputs and inputs as Cognito has them", async () => {
            cognito.on(AdminGetUserCommand).resolves({ UserMFASettingList: ["SOFTWARE_TOKEN_MFA"], PreferredMfaSetting: "SOFTWARE_TOKEN_MFA" });
            const result = await provider.read!(`${POOL}/alice`, stored);
            assert.equal(cognito.calls().length, 1);
            assert.equal(result.id, `${POOL}/alice`);
            const drifted = { ...desired, smsMfa: { enabled: false, preferred: false }, webAuthnMfa: { enabled: true } };
            assert.deepEqual(result.props, { ...drifted, enabledMfas: ["SOFTWARE_TOKEN_MFA"], preferredMfa: "SOFTWARE_TOKEN_MFA" });
            assert.deepEqual(result.inputs, drifted);
        });

        it("keeps passkey MFA as last written: Cognito does not report it", async () => {
            const result = await provider.read!(`${POOL}/alice`, stored);
            assert.deepEqual(result.props?.webAuthnMfa, { enabled: true });
        });

        it("reports unmanaged factors only in enabledMfas and preferredMfa", async () => {
            cognito.on(AdminGetUserCommand).resolves({ UserMFASettingList: ["EMAIL_OTP", "SMS_MFA", "SOFTWARE_TOKEN_MFA"], PreferredMfaSetting: "EMAIL_OTP" });
            const result = await provider.read!(`${POOL}/alice`, stored);
            assert.equal(result.props?.emailMfa, undefined);
            assert.deepEqual(result.props?.enabledMfas, ["EMAIL_OTP", "SMS_MFA", "SOFTWARE_TOKEN_MFA"]);
            assert.equal(result.props?.preferredMfa, "EMAIL_OTP");
            assert.deepEqual(result.props?.softwareTokenMfa, { enabled: true, preferred: false });
        });

        for (const [name, message] of [
            ["UserNotFoundException", "User does not exist."],
            ["ResourceNotFoundException", "User pool eu-west-1_AbC123xyz does not exist."],
        ]) {
            it(`reports the resource gone on ${name}`, async () => {
                cognito.on(AdminGetUserCommand).rejects(cognitoError(name, message));
                assert.deepEqual(await provider.read!(`${POOL}/alice`, stored), { id: "" });
            });
        }

        it("imports from the id alone, taking up the factors Cognito reports", async () => {
            const result = await provider.read!(`${POOL}/alice@example.com`, undefined);
            assert.deepEqual(sentInputs(AdminGetUserCommand), [{ UserPoolId: POOL, Username: "alice@example.com" }]);
            assert.deepEqual(result.inputs, {
                userPoolId: POOL,
                username: "alice@example.com",
                smsMfa: { enabled: true, preferred: false },
                softwareTokenMfa: { enabled: true, preferred: true },
                emailMfa: { enabled: false, preferred: false },
            });
        });

        it("splits an import id at the first slash: the username keeps the rest (`<pool>/a/b` is user `a/b`)", async () => {
            cognito.on(AdminGetUserCommand).resolves({ Username: "a/b", UserMFASettingList: ["SMS_MFA"], PreferredMfaSetting: "SMS_MFA" });
            const result = await provider.read!(`${POOL}/a/b`, undefined);
            assert.deepEqual(sentInputs(AdminGetUserCommand), [{ UserPoolId: POOL, Username: "a/b" }]);
            assert.equal(result.id, `${POOL}/a/b`);
            assert.equal(result.inputs?.userPoolId, POOL);
            assert.equal(result.inputs?.username, "a/b");
        });

        it("fails an import of a user or pool Cognito does not have, naming the id and the fix", async () => {
            for (const [name, message] of [
                ["UserNotFoundException", "User does not exist."],
                ["ResourceNotFoundException", "User pool does not exist."],
            ]) {
                cognito.on(AdminGetUserCommand).rejects(cognitoError(name, message));
                const error = await rejection(provider.read!(`${POOL}/nobody`, undefined));
                assert.match(error.message, new RegExp(`cannot import "${POOL}/nobody": user pool ${POOL} has no user "nobody".*check the id`));
            }
        });

        it("rejects an import id of the wrong form", async () => {
            const error = await rejection(provider.read!("alice", undefined));
            assert.match(error.message, /<userPoolId>\/<username>/);
        });
    });

    describe("delete", () => {
        it("disables exactly the managed factors", async () => {
            await provider.delete!(`${POOL}/alice`, { ...desired, webAuthnMfa: { enabled: true }, enabledMfas: [] });
            assert.deepEqual(sentInputs(AdminSetUserMFAPreferenceCommand), [
                {
                    UserPoolId: POOL,
                    Username: "alice",
                    SMSMfaSettings: { Enabled: false, PreferredMfa: false },
                    SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false },
                    WebAuthnMfaSettings: { Enabled: false },
                },
            ]);
            assert.equal(cognito.calls().length, 1);
        });

        it("succeeds when the user or pool is already gone", async () => {
            cognito.on(AdminSetUserMFAPreferenceCommand).rejects(cognitoError("UserNotFoundException", "User does not exist."));
            await provider.delete!(`${POOL}/alice`, { ...desired, enabledMfas: [] });
            cognito.on(AdminSetUserMFAPreferenceCommand).rejects(cognitoError("ResourceNotFoundException", "User pool does not exist."));
            await provider.delete!(`${POOL}/alice`, { ...desired, enabledMfas: [] });
        });

        it("says how to move on when Cognito refuses", async () => {
            cognito.on(AdminSetUserMFAPreferenceCommand).rejects(cognitoError("InvalidParameterException", "MFA is required for this user pool"));
            const error = await rejection(provider.delete!(`${POOL}/alice`, { ...desired, enabledMfas: [] }));
            assert.match(error.message, /set the pool's MFA to OPTIONAL/);
            assert.match(error.message, /pulumi state delete/);
        });
    });

    describe("self-service form", () => {
        const token = fakeAccessToken({ sub: "sub-1", userPoolId: POOL, username: "alice" });
        const self: MfaPreferenceInputs = { accessToken: token, smsMfa: { enabled: true, preferred: true } };

        beforeEach(() => {
            cognito.on(SetUserMFAPreferenceCommand).resolves({});
            cognito.on(GetUserCommand).resolves({ Username: "alice", UserAttributes: [], UserMFASettingList: ["SMS_MFA"], PreferredMfaSetting: "SMS_MFA" });
        });

        it("creates with GetUser and SetUserMFAPreference, never the admin calls", async () => {
            cognito
                .on(GetUserCommand)
                .resolvesOnce({ Username: "alice", UserAttributes: [], UserMFASettingList: [] })
                .resolves({ Username: "alice", UserAttributes: [], UserMFASettingList: ["SMS_MFA"], PreferredMfaSetting: "SMS_MFA" });
            const result = await provider.create(self);
            assert.deepEqual(sentInputs(SetUserMFAPreferenceCommand), [{ AccessToken: token, SMSMfaSettings: { Enabled: true, PreferredMfa: true } }]);
            assert.deepEqual(sentInputs(GetUserCommand), [{ AccessToken: token }, { AccessToken: token }]);
            assert.equal(sentInputs(AdminSetUserMFAPreferenceCommand).length + sentInputs(AdminGetUserCommand).length, 0);
            assert.equal(result.id, `${POOL}/alice`);
            assert.equal(result.outs?.userPoolId, POOL);
            assert.equal(result.outs?.username, "alice");
        });

        it("adopts with one GetUser when the user is already as declared", async () => {
            const result = await provider.create(self);
            assert.equal(sentInputs(SetUserMFAPreferenceCommand).length, 0);
            assert.deepEqual(sentInputs(GetUserCommand), [{ AccessToken: token }]);
            assert.equal(result.id, `${POOL}/alice`);
            assert.equal(result.outs?.username, "alice");
        });

        it("read returns the token among the inputs but not the derived pool and username", async () => {
            const stored = (await provider.create(self)).outs!;
            const result = await provider.read!(`${POOL}/alice`, stored);
            assert.deepEqual(result.inputs, self);
        });

        it("explains an expired token without revealing it", async () => {
            cognito.on(GetUserCommand).rejects(cognitoError("NotAuthorizedException", `Access Token has expired ${token}`));
            const error = await rejection(provider.read!(`${POOL}/alice`, { ...self, enabledMfas: [] }));
            assert.match(error.message, /GetUser for the user of the given access token \(sub sub-1 in user pool eu-west-1_AbC123xyz\) failed: NotAuthorizedException/);
            assert.match(error.message, /give the resource a fresh access token and run `pulumi up`/);
            assert.ok(!error.message.includes(token));
        });
    });
});
