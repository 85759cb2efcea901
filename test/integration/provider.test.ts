// The provider's check/diff/create/read/update/delete, through the real AWS SDK, against moto.
// Cases moto cannot show (email and passkey MFA, SMS without a phone number, preferred without
// enabled) are covered by the unit tests against the real request shapes; see the README.

import * as assert from "node:assert/strict";
import {
    AdminDeleteUserCommand,
    AdminGetUserCommand,
    DeleteUserPoolCommand,
    type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { provider } from "../../provider/implementation";
import type { MfaPreferenceInputs, MfaPreferenceOutputs } from "../../provider/core/types";
import { adminClient, createPool, createUser, verifyTotp, type Pool, type TestUser, setMfaOutOfBand, userMfa } from "../../harness/fixtures";
import { startEmulator, type Emulator } from "../../harness/moto";
import { createPlainUser, createStrictPool } from "../../harness/strictPools";

let emulator: Emulator;
let cognito: CognitoIdentityProviderClient;
let pool: Pool;
let alice: TestUser;

const mfaOf = (username: string, userPoolId = pool.userPoolId) => userMfa(cognito, userPoolId, username);
const setOutOfBand = (username: string, settings: object, userPoolId = pool.userPoolId) => setMfaOutOfBand(cognito, userPoolId, username, settings);

/** check, then create: what the engine does for a new resource. */
async function create(news: object): Promise<{ id: string; outs: MfaPreferenceOutputs; inputs: MfaPreferenceInputs }> {
    const checked = await provider.check!({}, news as MfaPreferenceInputs);
    assert.deepEqual(checked.failures, []);
    const inputs = checked.inputs!;
    const created = await provider.create(inputs);
    return { id: created.id, outs: created.outs!, inputs };
}

async function update(id: string, olds: MfaPreferenceOutputs, news: object): Promise<MfaPreferenceOutputs> {
    const inputs = (await provider.check!(olds, news as MfaPreferenceInputs)).inputs!;
    const diff = await provider.diff!(id, olds, inputs);
    assert.equal(diff.changes, true);
    assert.deepEqual(diff.replaces, []);
    return (await provider.update!(id, olds, inputs)).outs!;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
    return promise.then(
        () => assert.fail("expected a failure"),
        (error: Error) => error,
    );
}

describe("provider against the Cognito emulator", function () {
    this.timeout(60_000);

    before(async () => {
        emulator = await startEmulator();
        Object.assign(process.env, emulator.env);
        cognito = adminClient(emulator.endpoint);
    });

    after(async () => {
        await emulator?.stop();
    });

    beforeEach(async () => {
        await emulator.reset();
        pool = await createPool(cognito);
        alice = await createUser(cognito, pool, "alice");
        await verifyTotp(cognito, alice);
    });

    it("create sets exactly the managed factors and outputs what Cognito reports", async () => {
        const { id, outs } = await create({
            userPoolId: pool.userPoolId,
            username: "alice",
            softwareTokenMfa: { enabled: true, preferred: true },
            smsMfa: { enabled: true },
        });
        assert.equal(id, `${pool.userPoolId}/alice`);
        assert.deepEqual(await mfaOf("alice"), { enabled: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], preferred: "SOFTWARE_TOKEN_MFA" });
        assert.deepEqual(outs, {
            userPoolId: pool.userPoolId,
            username: "alice",
            softwareTokenMfa: { enabled: true, preferred: true },
            smsMfa: { enabled: true, preferred: false },
            enabledMfas: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"],
            preferredMfa: "SOFTWARE_TOKEN_MFA",
        });
    });

    it("updates each factor alone, both together, and switches the preferred factor", async () => {
        const base = { userPoolId: pool.userPoolId, username: "alice" };
        const { id, outs } = await create({ ...base, smsMfa: { enabled: false }, softwareTokenMfa: { enabled: false } });
        assert.deepEqual(await mfaOf("alice"), { enabled: [], preferred: undefined });

        let state = await update(id, outs, { ...base, smsMfa: { enabled: true }, softwareTokenMfa: { enabled: false } });
        assert.deepEqual(await mfaOf("alice"), { enabled: ["SMS_MFA"], preferred: undefined });

        state = await update(id, state, { ...base, smsMfa: { enabled: true }, softwareTokenMfa: { enabled: true, preferred: true } });
        assert.deepEqual(await mfaOf("alice"), { enabled: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], preferred: "SOFTWARE_TOKEN_MFA" });

        state = await update(id, state, { ...base, smsMfa: { enabled: true, preferred: true }, softwareTokenMfa: { enabled: true } });
        assert.deepEqual(await mfaOf("alice"), { enabled: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], preferred: "SMS_MFA" });
        assert.equal(state.preferredMfa, "SMS_MFA");

        state = await update(id, state, { ...base, smsMfa: { enabled: false }, softwareTokenMfa: { enabled: false } });
        assert.deepEqual(await mfaOf("alice"), { enabled: [], preferred: undefined });
        assert.deepEqual(state.enabledMfas, []);
    });

    it("adopts a user who already has the desired settings, changing nothing", async () => {
        await setOutOfBand("alice", { SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
        const before = await cognito.send(new AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username: "alice" }));
        const { outs } = await create({ userPoolId: pool.userPoolId, username: "alice", softwareTokenMfa: { enabled: true, preferred: true } });
        const after = await cognito.send(new AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username: "alice" }));
        assert.deepEqual(after.UserMFASettingList, before.UserMFASettingList);
        assert.equal(after.PreferredMfaSetting, before.PreferredMfaSetting);
        assert.deepEqual(outs.softwareTokenMfa, { enabled: true, preferred: true });
    });

    it("leaves an unmanaged factor alone through create, update and delete, and never reports it as drift", async () => {
        await setOutOfBand("alice", { SMSMfaSettings: { Enabled: true, PreferredMfa: false } });
        const base = { userPoolId: pool.userPoolId, username: "alice" };
        const { id, outs, inputs } = await create({ ...base, softwareTokenMfa: { enabled: true } });
        assert.deepEqual((await mfaOf("alice")).enabled, ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]);
        assert.equal(outs.smsMfa, undefined);

        const read = await provider.read!(id, outs);
        assert.equal((await provider.diff!(id, read.props!, inputs)).changes, false);

        const updated = await update(id, outs, { ...base, softwareTokenMfa: { enabled: false } });
        assert.deepEqual((await mfaOf("alice")).enabled, ["SMS_MFA"]);

        await provider.update!(id, updated, (await provider.check!({}, { ...base, softwareTokenMfa: { enabled: true } } as never)).inputs!);
        await provider.delete!(id, { ...updated, softwareTokenMfa: { enabled: true, preferred: false } });
        assert.deepEqual(await mfaOf("alice"), { enabled: ["SMS_MFA"], preferred: undefined });
    });

    it("detects drift: read reports the truth, diff reports the change, update repairs it", async () => {
        const desired = { userPoolId: pool.userPoolId, username: "alice", softwareTokenMfa: { enabled: true, preferred: true }, smsMfa: { enabled: false } };
        const { id, outs, inputs } = await create(desired);
        await setOutOfBand("alice", { SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false }, SMSMfaSettings: { Enabled: true, PreferredMfa: false } });

        const read = await provider.read!(id, outs);
        assert.deepEqual(read.props?.softwareTokenMfa, { enabled: false, preferred: false });
        assert.deepEqual(read.props?.smsMfa, { enabled: true, preferred: false });
        assert.deepEqual(read.inputs?.softwareTokenMfa, { enabled: false, preferred: false });
        assert.deepEqual(read.props?.enabledMfas, ["SMS_MFA"]);

        const diff = await provider.diff!(id, read.props!, inputs);
        assert.deepEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false });

        const repaired = await provider.update!(id, read.props!, inputs);
        assert.deepEqual(await mfaOf("alice"), { enabled: ["SOFTWARE_TOKEN_MFA"], preferred: "SOFTWARE_TOKEN_MFA" });
        assert.equal((await provider.diff!(id, repaired.outs!, inputs)).changes, false);
    });

    it("reports the resource gone when the user is deleted out of band, and deletes cleanly", async () => {
        const { id, outs } = await create({ userPoolId: pool.userPoolId, username: "alice", smsMfa: { enabled: true } });
        await cognito.send(new AdminDeleteUserCommand({ UserPoolId: pool.userPoolId, Username: "alice" }));
        assert.deepEqual(await provider.read!(id, outs), { id: "" });
        await provider.delete!(id, outs);
    });

    it("reports the resource gone when the pool is deleted out of band, and deletes cleanly", async () => {
        const { id, outs } = await create({ userPoolId: pool.userPoolId, username: "alice", smsMfa: { enabled: true } });
        await cognito.send(new DeleteUserPoolCommand({ UserPoolId: pool.userPoolId }));
        assert.deepEqual(await provider.read!(id, outs), { id: "" });
        await provider.delete!(id, outs);
    });

    it("delete disables the managed factors and leaves the others as they were", async () => {
        const { id, outs } = await create({ userPoolId: pool.userPoolId, username: "alice", softwareTokenMfa: { enabled: true, preferred: true } });
        await setOutOfBand("alice", { SMSMfaSettings: { Enabled: true } });
        await provider.delete!(id, outs);
        assert.deepEqual(await mfaOf("alice"), { enabled: ["SMS_MFA"], preferred: undefined });
    });

    it("fails clearly enabling TOTP without a verified token, leaving the user unchanged", async () => {
        const bob = await createUser(cognito, pool, "bob");
        await setOutOfBand(bob.username, { SMSMfaSettings: { Enabled: true, PreferredMfa: true } });
        const checked = await provider.check!({}, { userPoolId: pool.userPoolId, username: "bob", softwareTokenMfa: { enabled: true } } as never);
        const error = await rejection(provider.create(checked.inputs!));
        assert.match(error.message, /^AdminSetUserMFAPreference for user "bob" in user pool .* failed: InvalidParameterException: User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA\. Fix: /);
        assert.match(error.message, /AssociateSoftwareToken, then VerifySoftwareToken/);
        assert.deepEqual(await mfaOf("bob"), { enabled: ["SMS_MFA"], preferred: "SMS_MFA" });
    });

    it("email and passkey MFA: a precondition not met fails naming the user, what is missing and the fix; met, email OTP reads back", async () => {
        const lite = pool.userPoolId;
        await createPlainUser(cognito, lite, "erin");
        const onLite = await rejection(create({ userPoolId: lite, username: "erin", emailMfa: { enabled: true } }));
        assert.match(onLite.message, /^AdminSetUserMFAPreference for user "erin" in user pool \S+ failed: InvalidParameterException: Email MFA requires the ESSENTIALS or PLUS feature plan/);
        assert.match(onLite.message, /Fix: email MFA needs the pool's Essentials \(or Plus\) feature plan, an SES email configuration on the pool, and the user's email attribute/);

        const ready = await createStrictPool(cognito, "email-and-passkey");
        await createPlainUser(cognito, ready.userPoolId, "erin");
        const alone = await rejection(create({ userPoolId: ready.userPoolId, username: "erin", webAuthnMfa: { enabled: true } }));
        assert.match(alone.message, /InvalidParameterException: Passkey MFA requires another MFA factor to be enabled for the user\. Fix: passkey MFA needs .*another enabled MFA factor/);
        const { outs } = await create({ userPoolId: ready.userPoolId, username: "erin", emailMfa: { enabled: true, preferred: true }, webAuthnMfa: { enabled: true } });
        assert.deepEqual([outs.enabledMfas, outs.preferredMfa, outs.emailMfa], [["EMAIL_OTP"], "EMAIL_OTP", { enabled: true, preferred: true }]);
    });

    it("a factor declared off in a pool that requires MFA: the write fails naming the pool's setting and the fix, whichever way Cognito answers", async () => {
        const required = await createStrictPool(cognito, "required", "ON");
        await createPlainUser(cognito, required.userPoolId, "rita");
        await setOutOfBand("rita", { SMSMfaSettings: { Enabled: true } }, required.userPoolId);
        for (const answer of ["ignore", "reject"] as const) {
            await emulator.strict.configure({ requiredPoolOff: answer });
            const error = await rejection(create({ userPoolId: required.userPoolId, username: "rita", smsMfa: { enabled: false } }));
            assert.match(error.message, /user "rita"/, answer);
            assert.match(error.message, /Fix: the user pool requires MFA \(MfaConfiguration ON\), and in such a pool Cognito turns no factor off/, `${answer}: ${error.message}`);
        }
        await emulator.strict.configure({ requiredPoolOff: "ignore" });
        assert.deepEqual(await mfaOf("rita", required.userPoolId), { enabled: ["SMS_MFA"], preferred: undefined });
    });

    it("self-service form: create, read, update and delete with the user's access token", async () => {
        const token = alice.accessToken;
        const { id, outs } = await create({ accessToken: token, softwareTokenMfa: { enabled: true, preferred: true } });
        assert.equal(id, `${pool.userPoolId}/alice`);
        assert.equal(outs.userPoolId, pool.userPoolId);
        assert.equal(outs.username, "alice");
        assert.deepEqual(await mfaOf("alice"), { enabled: ["SOFTWARE_TOKEN_MFA"], preferred: "SOFTWARE_TOKEN_MFA" });

        await setOutOfBand("alice", { SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: false } });
        const read = await provider.read!(id, outs);
        assert.deepEqual(read.inputs, { accessToken: token, softwareTokenMfa: { enabled: true, preferred: false } });

        const updated = await update(id, read.props!, { accessToken: token, softwareTokenMfa: { enabled: true, preferred: true }, smsMfa: { enabled: true } });
        assert.deepEqual(await mfaOf("alice"), { enabled: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], preferred: "SOFTWARE_TOKEN_MFA" });

        await provider.delete!(id, updated);
        assert.deepEqual(await mfaOf("alice"), { enabled: [], preferred: undefined });
    });

    it("self-service form: an invalid token gets a clear error that does not repeat it", async () => {
        const { id, outs } = await create({ accessToken: alice.accessToken, smsMfa: { enabled: true } });
        // A well-formed token the emulator never issued: as Cognito treats an expired or revoked one.
        const [header, payload] = alice.accessToken.split(".");
        const forged = `${header}.${payload}.Zm9yZ2Vk`;
        const error = await rejection(provider.read!(id, { ...outs, accessToken: forged }));
        assert.match(error.message, /GetUser for the user of the given access token .* failed: NotAuthorizedException/);
        assert.match(error.message, /fresh access token/);
        assert.ok(!error.message.includes(forged));
    });

    it("bad identifiers: unknown pool and unknown user fail clearly; a malformed pool id fails at check", async () => {
        const unknownPool = await rejection(provider.create({ userPoolId: "us-east-1_doesnotexist", username: "alice", smsMfa: { enabled: true, preferred: false } }));
        // Create reads first (it adopts), so the read is what fails.
        assert.match(unknownPool.message, /AdminGetUser for user "alice" in user pool us-east-1_doesnotexist failed: (ResourceNotFound|UserNotFound)Exception/);

        const unknownUser = await rejection(provider.create({ userPoolId: pool.userPoolId, username: "nobody", smsMfa: { enabled: true, preferred: false } }));
        assert.match(unknownUser.message, /user "nobody" .* failed: UserNotFoundException/);

        const malformed = await provider.check!({}, { userPoolId: "not-a-pool", username: "alice", smsMfa: { enabled: true } } as never);
        assert.deepEqual(malformed.failures?.map((failure) => failure.property), ["userPoolId"]);
    });
});
