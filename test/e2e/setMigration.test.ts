// Moving a pool's users from one UserMfaPreference each to one UserMfaPreferenceSet, and back,
// through the real CLI and engine: `retainOnDelete` lets the old resources go without touching
// Cognito, and the new resources' adopting create reads every user and writes none. Counted at
// the proxy: no write in either direction.

import * as assert from "node:assert/strict";
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { Stack } from "@pulumi/pulumi/automation";
import { startCognitoProxy, type CognitoProxy } from "../../harness/cognitoProxy";
import { adminClient, createPool, type Pool } from "../../harness/fixtures";
import { installedPackage } from "../../harness/installedPackage";
import { startEmulator, type Emulator } from "../../harness/moto";
import { everyUsersMfa, populatePool } from "../../harness/pools";
import { freshStack } from "../../harness/pulumi";

const USERS = 10;
const { UserMfaPreference, UserMfaPreferenceSet, userMfaResourceName } = installedPackage;

type Factors = Record<string, { enabled: boolean; preferred: boolean }>;
const FACTOR_OF: Record<string, string> = { SMS_MFA: "smsMfa", SOFTWARE_TOKEN_MFA: "softwareTokenMfa", EMAIL_OTP: "emailMfa" };

describe("migrating between UserMfaPreference resources and a UserMfaPreferenceSet, both ways, with no write", function () {
    this.timeout(300_000);
    let emulator: Emulator;
    let proxy: CognitoProxy;
    let cognito: CognitoIdentityProviderClient;
    let pool: Pool;
    let stack: Stack;
    let users: Record<string, Factors>;
    let asFound: Awaited<ReturnType<typeof everyUsersMfa>>;
    /** What the program declares: the per-user resources, the set, and which of them are retained on delete. */
    let shape: { perUser: boolean; set: boolean; retainPerUser: boolean; retainSet: boolean };

    before(async () => {
        emulator = await startEmulator();
        cognito = adminClient(emulator.endpoint);
        pool = await createPool(cognito, "migration");
        await populatePool(cognito, pool, USERS);
        asFound = await everyUsersMfa(cognito, pool.userPoolId);
        users = {};
        for (const [username, { enabled, preferred }] of asFound) {
            if (enabled.length > 0) {
                users[username] = Object.fromEntries(enabled.map((name) => [FACTOR_OF[name], { enabled: true, preferred: name === preferred }]));
            }
        }
        proxy = await startCognitoProxy(emulator.endpoint);
        const program = async () => {
            const { userPoolId } = pool;
            if (shape.perUser) {
                for (const [username, factors] of Object.entries(users)) {
                    new UserMfaPreference(userMfaResourceName(username), { userPoolId, username, ...factors }, { retainOnDelete: shape.retainPerUser });
                }
            }
            if (shape.set) {
                new UserMfaPreferenceSet("pool", { userPoolId, users }, { retainOnDelete: shape.retainSet });
            }
        };
        stack = await freshStack({ name: "set-migration", program, env: { ...emulator.env, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: proxy.endpoint } });
    });

    after(async () => {
        await proxy?.close();
        await emulator?.stop();
    });

    /** Runs `up`, and returns the calls it made to Cognito. */
    async function up(): Promise<Record<string, number>> {
        proxy.resetCounts();
        await stack.up();
        return Object.fromEntries(proxy.received);
    }

    const count = () => Object.keys(users).length;

    it("1. the users, one UserMfaPreference each, adopted", async () => {
        shape = { perUser: true, set: false, retainPerUser: false, retainSet: false };
        assert.deepEqual(await up(), { AdminGetUser: count() });
    });

    it("2. to one UserMfaPreferenceSet: retainOnDelete on the old resources, then the set in their place; no write", async () => {
        shape = { ...shape, retainPerUser: true };
        assert.deepEqual(await up(), {}, "retainOnDelete changes the state alone");
        shape = { ...shape, perUser: false, set: true };
        assert.deepEqual(await up(), { AdminGetUser: count() }, "the set reads every user and writes none; the old resources go untouched");
        assert.deepEqual(await everyUsersMfa(cognito, pool.userPoolId), asFound);
        const state = (await stack.exportStack()).deployment as { resources: { type: string }[] };
        const managing = state.resources.map((resource) => resource.type).filter((type) => type.startsWith("pulumi-nodejs:dynamic/cognito:"));
        assert.deepEqual(managing, ["pulumi-nodejs:dynamic/cognito:UserMfaPreferenceSet"], "the old resources left the state");
        await stack.preview({ refresh: true, expectNoChanges: true });
    });

    it("3. and back: retainOnDelete on the set, then the per-user resources; no write", async () => {
        shape = { ...shape, retainSet: true };
        assert.deepEqual(await up(), {});
        shape = { ...shape, perUser: true, set: false, retainPerUser: false };
        assert.deepEqual(await up(), { AdminGetUser: count() });
        assert.deepEqual(await everyUsersMfa(cognito, pool.userPoolId), asFound);
        await stack.preview({ refresh: true, expectNoChanges: true });
    });
});
