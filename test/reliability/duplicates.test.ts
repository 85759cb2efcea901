// Two resources of one program that manage the same user, refused again and again: DUPLICATE_TRIALS
// `pulumi up`s of each form (0 in CI, which keeps the single end-to-end case; 50 in the full run),
// alternating which of the two is declared first. Every run must fail, naming the later-declared
// resource, with nothing written for it. Prints the misses per form.

import * as assert from "node:assert/strict";
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { Stack } from "@pulumi/pulumi/automation";
import type { UserMfaPreferenceArgs } from "pulumi-cognito-mfa";
import { adminClient, createPool, createUser, setMfaOutOfBand, userMfa, verifyTotp, type Pool, type TestUser } from "../support/fixtures";
import { installedPackage } from "../support/installedPackage";
import { startEmulator, type Emulator } from "../support/moto";
import { freshStack } from "../support/pulumi";

const TRIALS = Number(process.env.DUPLICATE_TRIALS ?? 0);

type Declared = { name: string; args: UserMfaPreferenceArgs }[];

describe(`two resources for one user (${TRIALS} trials of each form)`, function () {
    this.timeout(3_600_000);
    let emulator: Emulator;
    let cognito: CognitoIdentityProviderClient;
    let pool: Pool;
    let alice: TestUser;
    let stack: Stack;
    let declared: Declared = [];

    before(async function () {
        if (TRIALS === 0) {
            this.skip();
        }
        emulator = await startEmulator();
        cognito = adminClient(emulator.endpoint);
        pool = await createPool(cognito);
        alice = await createUser(cognito, pool, "alice");
        await verifyTotp(cognito, alice);
        stack = await freshStack({
            name: "duplicates",
            env: emulator.env,
            program: async () => {
                for (const { name, args } of declared) {
                    new installedPackage.UserMfaPreference(name, args);
                }
            },
        });
    });

    after(async () => {
        await emulator?.stop();
    });

    /** Runs `up` on the pair; a miss is an up that succeeds, or one that refuses the wrong resource. */
    async function refusesTheLater(pair: Declared, expected: RegExp): Promise<string | undefined> {
        declared = pair;
        await setMfaOutOfBand(cognito, pool.userPoolId, "alice", { SMSMfaSettings: { Enabled: false, PreferredMfa: false } });
        const message = await stack.up().then(
            () => "the up succeeded",
            (error: Error) => error.message,
        );
        // A refused inline run can still be finishing calls to its engine (test/e2e/stack.test.ts).
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        if (!expected.test(message)) {
            return message.slice(0, 400);
        }
        if ((await userMfa(cognito, pool.userPoolId, "alice")).enabled.includes("SMS_MFA")) {
            return "SMS was written for the refused resource";
        }
        return undefined;
    }

    it("is refused on every run, naming the later-declared resource, for the admin and the self-service form", async () => {
        const misses = { admin: [] as string[], selfService: [] as string[] };
        for (let trial = 1; trial <= TRIALS; trial++) {
            const first = { softwareTokenMfa: { enabled: true, preferred: true } };
            const second = { smsMfa: { enabled: true } };
            const [a, b] = trial % 2 === 1 ? ["alice", "alice-again"] : ["alice-again", "alice"];
            const admin = await refusesTheLater(
                [
                    { name: a, args: { userPoolId: pool.userPoolId, username: "alice", ...first } },
                    { name: b, args: { userPoolId: pool.userPoolId, username: "alice", ...second } },
                ],
                new RegExp(`resource '${b}': property username .* UserMfaPreference "${a}" \\(user "alice" in user pool \\S+\\) manages the same user`),
            );
            if (admin !== undefined) {
                misses.admin.push(`trial ${trial}: ${admin}`);
            }
            const selfService = await refusesTheLater(
                [
                    { name: `${a}-self`, args: { accessToken: alice.accessToken, ...first } },
                    { name: `${b}-self`, args: { accessToken: alice.accessToken, ...second } },
                ],
                new RegExp(`resource '${b}-self' has a problem: accessToken: UserMfaPreference "${a}-self" \\(the user of the access token, sub \\S+ in user pool \\S+\\) manages the same user`),
            );
            if (selfService !== undefined) {
                misses.selfService.push(`trial ${trial}: ${selfService}`);
            }
        }
        console.log(`\ntwo resources for one user: admin form ${misses.admin.length} misses in ${TRIALS}, self-service form ${misses.selfService.length} misses in ${TRIALS}`);
        assert.deepEqual(misses, { admin: [], selfService: [] });
    });
});
