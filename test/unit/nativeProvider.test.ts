// The native front end over a mocked Cognito: it must behave as the dynamic provider does (the
// core's own tests, in provider.test.ts and the rest, cover the decisions), translate the
// engine's wire values, and answer an import's Read.

import * as assert from "node:assert/strict";
import { AdminGetUserCommand, AdminSetUserMFAPreferenceCommand, CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { ReadRequest } from "@pulumi/pulumi/proto/provider_pb";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { mockClient } from "aws-sdk-client-mock";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { UNKNOWN } from "../../provider/core/unknown";
import { acceptReadsWithoutState } from "../../provider/native/importRead";
import { nativeProvider, RESOURCE_TYPE } from "../../provider/native/provider";
import { fakeAccessToken } from "../support/jwt";

const cognito = mockClient(CognitoIdentityProviderClient);
const POOL = "eu-west-1_AbC123xyz";
const URN = `urn:pulumi:dev::project::${RESOURCE_TYPE}::alice`;
const provider = nativeProvider("0.1.0", "{}");

const secret = (value: unknown) => ({ [specialSigKey]: specialSecretSig, value });

describe("native provider", () => {
    beforeEach(() => {
        cognito.reset();
        cognito.on(AdminSetUserMFAPreferenceCommand).resolves({});
        cognito.on(AdminGetUserCommand).resolves({ Username: "alice", UserMFASettingList: ["SMS_MFA"], PreferredMfaSetting: "SMS_MFA" });
    });

    it("checks with the core: same defaults, same failures, unknowns accepted", async () => {
        const checked = await provider.check!(URN, {}, { userPoolId: POOL, username: "alice", smsMfa: { enabled: true } });
        assert.deepEqual(checked.inputs, { userPoolId: POOL, username: "alice", smsMfa: { enabled: true, preferred: false } });
        assert.deepEqual(checked.failures, []);
        const failed = await provider.check!(URN, {}, { userPoolId: POOL, smsMfa: { enabled: true } });
        assert.deepEqual(failed.failures?.map((failure) => failure.property), ["username"]);
        const unknown = await provider.check!(URN, {}, { userPoolId: UNKNOWN, username: "alice", smsMfa: UNKNOWN });
        assert.deepEqual(unknown.failures, []);
    });

    it("keeps secrets secret through check and create, and always the access token", async () => {
        const token = fakeAccessToken({ userPoolId: POOL, sub: "sub-1" });
        const checked = await provider.check!(URN, {}, { accessToken: token, smsMfa: secret({ enabled: true }) });
        assert.deepEqual(checked.inputs.accessToken, secret(token));
        assert.deepEqual(checked.inputs.smsMfa, secret({ enabled: true, preferred: false }));

        const plain = await provider.check!(URN, {}, { userPoolId: POOL, username: secret("alice"), smsMfa: { enabled: true } });
        assert.deepEqual(plain.inputs.username, secret("alice"));
        const created = await provider.create!(URN, plain.inputs);
        assert.equal(created.id, `${POOL}/alice`);
        assert.deepEqual(created.outs.username, secret("alice"));
        assert.deepEqual(created.outs.smsMfa, { enabled: true, preferred: true });
        assert.deepEqual(cognito.commandCalls(AdminSetUserMFAPreferenceCommand)[0].args[0].input, {
            UserPoolId: POOL,
            Username: "alice",
            SMSMfaSettings: { Enabled: true, PreferredMfa: false },
        });
    });

    it("diffs with the core: a factor updates, a user replaces", async () => {
        const olds = { userPoolId: POOL, username: "alice", smsMfa: { enabled: true, preferred: false }, enabledMfas: ["SMS_MFA"] };
        const update = await provider.diff!(`${POOL}/alice`, URN, olds, { userPoolId: POOL, username: "alice", smsMfa: { enabled: false, preferred: false } });
        assert.deepEqual([update.changes, update.replaces], [true, []]);
        const replace = await provider.diff!(`${POOL}/alice`, URN, olds, { userPoolId: POOL, username: secret("bob"), smsMfa: { enabled: true, preferred: false } });
        assert.deepEqual([replace.replaces, replace.deleteBeforeReplace], [["username"], true]);
    });

    it("imports from the id alone: every factor Cognito reports, as inputs", async () => {
        const read = await provider.read!(`${POOL}/alice`, URN, {});
        const factors = { smsMfa: { enabled: true, preferred: true }, softwareTokenMfa: { enabled: false, preferred: false }, emailMfa: { enabled: false, preferred: false } };
        assert.deepEqual(read.inputs, { userPoolId: POOL, username: "alice", ...factors });
        assert.deepEqual(read.props, { userPoolId: POOL, username: "alice", ...factors, enabledMfas: ["SMS_MFA"], preferredMfa: "SMS_MFA" });
        await assert.rejects(provider.read!("alice", URN, {}), /the id of a UserMfaPreference is <userPoolId>\/<username>/);
    });

    it("reads a user that is gone as gone", async () => {
        cognito.on(AdminGetUserCommand).rejects(Object.assign(new Error("User does not exist."), { name: "UserNotFoundException" }));
        assert.deepEqual(await provider.read!(`${POOL}/alice`, URN, { userPoolId: POOL, username: "alice", smsMfa: { enabled: true, preferred: false }, enabledMfas: [] }), { id: "" });
    });

    it("deletes by turning the managed factors off", async () => {
        await provider.delete!(`${POOL}/alice`, URN, { userPoolId: POOL, username: secret("alice"), smsMfa: { enabled: true, preferred: true }, enabledMfas: ["SMS_MFA"] });
        assert.deepEqual(cognito.commandCalls(AdminSetUserMFAPreferenceCommand)[0].args[0].input, {
            UserPoolId: POOL,
            Username: "alice",
            SMSMfaSettings: { Enabled: false, PreferredMfa: false },
        });
    });

    it("refuses a resource type it does not manage", async () => {
        await assert.rejects(provider.check!("urn:pulumi:dev::project::cognito-mfa:index:Other::x", {}, {}), /unknown resource type "cognito-mfa:index:Other"/);
    });
});

describe("import Read patch", () => {
    it("reads a Read request without properties as empty, and leaves set properties alone", () => {
        const request = new ReadRequest();
        request.setId(`${POOL}/alice`);
        assert.equal(request.getProperties(), undefined, "the upstream behaviour the patch exists for");
        acceptReadsWithoutState();
        assert.deepEqual(request.getProperties()?.toJavaScript(), {});
        const stored = new ReadRequest();
        stored.setProperties(Struct.fromJavaScript({ username: "alice" }));
        assert.deepEqual(stored.getProperties()?.toJavaScript(), { username: "alice" });
    });
});
