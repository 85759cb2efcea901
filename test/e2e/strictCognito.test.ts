// The dynamic resources from the installed package, through the engine (Automation API), under what
// real Cognito enforces (the strict Cognito in front of moto, harness/strictCognito/): a user without
// a phone fails naming the user, the factor, what is missing and the fix, alone or in a pool
// resource that keeps every other user and groups many failures by reason; a legacy SMS user is
// adopted with no write; email MFA round-trips and drifts; a factor declared off in a pool that
// requires MFA fails the run, in both answers Cognito is reported to give.

import * as assert from "node:assert/strict";
import { AdminGetUserCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { Stack } from "@pulumi/pulumi/automation";
import { adminClient, setMfaOutOfBand, userMfa, type Pool } from "../../harness/fixtures";
import { installedPackage } from "../../harness/installedPackage";
import { startEmulator, type Emulator } from "../../harness/moto";
import { afterFailedInlineRun, freshStack } from "../../harness/pulumi";
import { createLegacySmsUser, createPlainUser, createStrictPool } from "../../harness/strictPools";

const { UserMfaPreference, UserMfaPreferenceSet } = installedPackage;
const GOOD = ["good-1", "good-2"];
const NO_PHONE = Array.from({ length: 12 }, (_, index) => `nophone-${String(index + 1).padStart(2, "0")}`);
const SMS_ON = { smsMfa: { enabled: true } };

async function failure(promise: Promise<unknown>, output: string[]): Promise<string> {
    const message = await promise.then(
        () => assert.fail(`expected the run to fail; it succeeded:\n${output.join("")}`),
        (error: Error) => error.message,
    );
    await afterFailedInlineRun();
    return `${message}\n${output.join("")}`;
}

describe("the dynamic resources through the engine under a strict Cognito", function () {
    this.timeout(300_000);
    let emulator: Emulator;
    let cognito: CognitoIdentityProviderClient;
    let pool: Pool;
    let required: Pool;
    let stack: Stack;
    let team: string[] = [...GOOD, ...NO_PHONE];
    let alone: string | undefined = "nophone-alone";
    let requiredOff = false;

    before(async () => {
        emulator = await startEmulator();
        cognito = adminClient(emulator.endpoint);
        pool = await createStrictPool(cognito, "strict");
        required = await createStrictPool(cognito, "required", "ON");
        for (const username of ["emailer", ...GOOD]) {
            await createPlainUser(cognito, pool.userPoolId, username);
        }
        for (const username of [...NO_PHONE, "nophone-alone"]) {
            await createPlainUser(cognito, pool.userPoolId, username, true);
        }
        await createLegacySmsUser(cognito, pool.userPoolId, "legacy");
        await createPlainUser(cognito, required.userPoolId, "rita");
        await setMfaOutOfBand(cognito, required.userPoolId, "rita", { SMSMfaSettings: { Enabled: true } });
        const program = async () => {
            const userPoolId = pool.userPoolId;
            new UserMfaPreference("emailer", { userPoolId, username: "emailer", ...SMS_ON, emailMfa: { enabled: true, preferred: true } });
            new UserMfaPreference("legacy", { userPoolId, username: "legacy", ...SMS_ON });
            new UserMfaPreferenceSet("team", { userPoolId, users: Object.fromEntries(team.map((username) => [username, SMS_ON])) });
            if (alone !== undefined) {
                new UserMfaPreference("alone", { userPoolId, username: alone, ...SMS_ON });
            }
            if (requiredOff) {
                new UserMfaPreference("required", { userPoolId: required.userPoolId, username: "rita", smsMfa: { enabled: false } });
            }
        };
        stack = await freshStack({ name: "strict-cognito", program, env: emulator.env });
    });

    after(async () => {
        await emulator?.stop();
    });

    it("1. up fails for the users without a phone, naming each cause and fix; the pool resource keeps every other user", async () => {
        const output: string[] = [];
        const message = await failure(stack.up({ onOutput: (text) => output.push(text) }), output);
        assert.match(
            message,
            /AdminSetUserMFAPreference for user "nophone-alone" in user pool \S+ failed: InvalidParameterException: User does not have a phone_number set to turn on SMS MFA\. Fix: SMS MFA needs the user's phone_number attribute/,
        );
        assert.match(message, /Adopting the users failed for 12 of 14 users, by reason/);
        assert.match(message, /12 users: AdminSetUserMFAPreference failed: InvalidParameterException: User does not have a phone_number set/);
        assert.match(message, /"nophone-01", "nophone-02", "nophone-03", "nophone-04", "nophone-05" and 7 more/);
        assert.match(message, /"nophone-12": AdminSetUserMFAPreference failed/, "the full list, in the log");
        const state = (await stack.exportStack()).deployment.resources as { urn: string; outputs?: { users?: object } }[];
        const kept = state.find((resource) => resource.urn.endsWith("::team"));
        assert.deepEqual(Object.keys(kept?.outputs?.users ?? {}).sort(), GOOD);
        assert.deepEqual(await userMfa(cognito, pool.userPoolId, "good-1"), { enabled: ["SMS_MFA"], preferred: undefined });
    });

    it("2. email MFA round-trips: Cognito and the outputs report EMAIL_OTP, preferred", async () => {
        assert.deepEqual(await userMfa(cognito, pool.userPoolId, "emailer"), { enabled: ["EMAIL_OTP", "SMS_MFA"], preferred: "EMAIL_OTP" });
        const state = (await stack.exportStack()).deployment.resources as { urn: string; outputs?: Record<string, unknown> }[];
        const emailer = state.find((resource) => resource.urn.endsWith("::emailer"));
        assert.deepEqual([emailer?.outputs?.enabledMfas, emailer?.outputs?.preferredMfa], [["EMAIL_OTP", "SMS_MFA"], "EMAIL_OTP"]);
    });

    it("3. the legacy SMS user was adopted with no write: its MFAOptions are untouched", async () => {
        const legacy = await cognito.send(new AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username: "legacy" }));
        assert.deepEqual(legacy.MFAOptions, [{ DeliveryMedium: "SMS", AttributeName: "phone_number" }]);
        assert.equal(legacy.UserMFASettingList, undefined);
    });

    it("4. with the users fixed, up finishes; the drift check is clean; email turned off out of band is drift, and up repairs it", async () => {
        team = GOOD;
        alone = undefined;
        await stack.up();
        await stack.preview({ refresh: true, expectNoChanges: true });
        // The legacy user's UserMFASettingList, absent or empty: Cognito is reported to send either.
        await emulator.strict.configure({ emptyMfaList: "empty" });
        await stack.preview({ refresh: true, expectNoChanges: true });
        await emulator.strict.configure({ emptyMfaList: "absent" });
        await setMfaOutOfBand(cognito, pool.userPoolId, "emailer", { EmailMfaSettings: { Enabled: false } });
        const output: string[] = [];
        const message = await failure(stack.preview({ refresh: true, expectNoChanges: true, diff: true, onOutput: (text) => output.push(text) }), output);
        assert.match(message, /emailMfa/);
        await stack.up({ refresh: true });
        assert.deepEqual(await userMfa(cognito, pool.userPoolId, "emailer"), { enabled: ["EMAIL_OTP", "SMS_MFA"], preferred: "EMAIL_OTP" });
    });

    it("5. a factor declared off in a pool that requires MFA fails the run, naming the pool's setting and the fix, whichever way Cognito answers", async () => {
        requiredOff = true;
        for (const answer of ["ignore", "reject"] as const) {
            await emulator.strict.configure({ requiredPoolOff: answer });
            const output: string[] = [];
            const message = await failure(stack.up({ onOutput: (text) => output.push(text) }), output);
            assert.match(message, /user "rita"/, answer);
            assert.match(message, /requires MFA \(MfaConfiguration ON\).*keep the factor enabled.*or set the pool's MFA to OPTIONAL/, `${answer}: ${message}`);
            assert.deepEqual(await userMfa(cognito, required.userPoolId, "rita"), { enabled: ["SMS_MFA"], preferred: undefined }, answer);
        }
        await emulator.strict.configure({ requiredPoolOff: "ignore" });
    });
});
