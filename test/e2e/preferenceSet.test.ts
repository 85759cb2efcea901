// The pool resource, UserMfaPreferenceSet, from the installed package through the real CLI and
// engine (Automation API), against the emulator behind the counting proxy: adopt a pool with no
// write, refresh reading each user once, add users read before any write, change one user with
// one write, catch drift naming the user, fail one write of many and converge writing only that
// one, let go of a user, refuse a user declared twice, destroy.

import * as assert from "node:assert/strict";
import { AdminDeleteUserCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { Stack } from "@pulumi/pulumi/automation";
import { startCognitoProxy, type CognitoProxy } from "../../harness/cognitoProxy";
import { adminClient, createPool, createUser, setMfaOutOfBand, userMfa, type Pool } from "../../harness/fixtures";
import { installedPackage } from "../../harness/installedPackage";
import { startEmulator, type Emulator } from "../../harness/moto";
import { everyUsersMfa, populatePool } from "../../harness/pools";
import { afterFailedInlineRun, freshStack } from "../../harness/pulumi";

const USERS = 20;
/** Beside the planned users (plain, `ops:`, `+…@`): usernames with Unicode, `/` and a leading `__`, as map keys. */
const ODD_USERNAMES = ["Zoë/ops", "__admin"];
const { UserMfaPreference, UserMfaPreferenceSet } = installedPackage;

type Factor = { enabled: boolean; preferred?: boolean };
type Declared = Record<string, { smsMfa?: Factor; softwareTokenMfa?: Factor; emailMfa?: Factor }>;
const FACTOR_OF = { SMS_MFA: "smsMfa", SOFTWARE_TOKEN_MFA: "softwareTokenMfa", EMAIL_OTP: "emailMfa" } as const;

/** Every user with MFA, declared exactly as Cognito reports it. */
function declarationOf(found: Awaited<ReturnType<typeof everyUsersMfa>>): Declared {
    const users: Declared = {};
    for (const [username, { enabled, preferred }] of found) {
        if (enabled.length > 0) {
            users[username] = Object.fromEntries(enabled.map((name) => [FACTOR_OF[name as keyof typeof FACTOR_OF], { enabled: true, preferred: name === preferred }]));
        }
    }
    return users;
}

describe("UserMfaPreferenceSet through the engine: adopt, refresh, add, change, drift, partial failure, let go, duplicates, destroy", function () {
    this.timeout(300_000);
    let emulator: Emulator;
    let proxy: CognitoProxy;
    let cognito: CognitoIdentityProviderClient;
    let pool: Pool;
    let stack: Stack;
    /** What the program declares; the steps change it. */
    let users: Declared;
    /** Declared as well, in its own resource or in a second set, when set: a duplicate. */
    let alsoAlone: string | undefined;
    let alsoInAnotherSet: string | undefined;

    before(async () => {
        emulator = await startEmulator();
        cognito = adminClient(emulator.endpoint);
        pool = await createPool(cognito, "pool-resource");
        await populatePool(cognito, pool, USERS);
        for (const username of ODD_USERNAMES) {
            await createUser(cognito, pool, username);
            await setMfaOutOfBand(cognito, pool.userPoolId, username, { SMSMfaSettings: { Enabled: true, PreferredMfa: false } });
        }
        proxy = await startCognitoProxy(emulator.endpoint);
        const program = async () => {
            const set = new UserMfaPreferenceSet("team", { userPoolId: pool.userPoolId, users });
            if (alsoAlone !== undefined) {
                new UserMfaPreference("alone", { userPoolId: pool.userPoolId, username: alsoAlone, ...users[alsoAlone] });
            }
            if (alsoInAnotherSet !== undefined) {
                new UserMfaPreferenceSet("other-team", { userPoolId: pool.userPoolId, users: { [alsoInAnotherSet]: users[alsoInAnotherSet] } });
            }
            return { managed: set.users.apply((map) => Object.keys(map).length) };
        };
        stack = await freshStack({ name: "preference-set", program, env: { ...emulator.env, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: proxy.endpoint } });
    });

    after(async () => {
        await proxy?.close();
        await emulator?.stop();
    });

    it("1. up adopts every declared user with one read each and no write", async () => {
        const asFound = await everyUsersMfa(cognito, pool.userPoolId);
        users = declarationOf(asFound);
        for (const username of ODD_USERNAMES) {
            assert.ok(username in users, `${username} is declared`);
        }
        proxy.resetCounts();
        const result = await stack.up();
        assert.deepEqual(result.summary.resourceChanges, { create: 2 });
        assert.deepEqual(Object.fromEntries(proxy.received), { AdminGetUser: Object.keys(users).length }, "one read per user, and no write");
        assert.equal(result.outputs.managed.value, Object.keys(users).length);
        assert.deepEqual(await everyUsersMfa(cognito, pool.userPoolId), asFound);
    });

    it("1b. the drift check is clean, and its refresh reads each stored user once and lists nothing", async () => {
        const stored = Object.keys(users);
        proxy.resetCounts();
        await stack.preview({ refresh: true, expectNoChanges: true });
        assert.deepEqual(Object.fromEntries(proxy.received), { AdminGetUser: stored.length }, "one read per stored user, and no ListUsers");
        for (const username of stored) {
            assert.deepEqual(proxy.receivedFor(username), { AdminGetUser: 1 }, username);
        }
    });

    it("2. a change to one user writes that user alone", async () => {
        const [changed] = Object.keys(users).filter((username) => users[username].smsMfa !== undefined && !users[username].smsMfa!.preferred);
        users[changed] = { ...users[changed], smsMfa: { enabled: false } };
        proxy.resetCounts();
        const result = await stack.up();
        assert.equal(result.summary.resourceChanges?.update, 1);
        assert.deepEqual(Object.fromEntries(proxy.received), { AdminSetUserMFAPreference: 1, AdminGetUser: 1 }, "one write and its read back");
        assert.ok(!(await userMfa(cognito, pool.userPoolId, changed)).enabled.includes("SMS_MFA"));
    });

    it("2b. a user added to the set is read first: one who already matches costs that read alone, one who differs a write and its read back too", async () => {
        const withoutMfa = [...(await everyUsersMfa(cognito, pool.userPoolId))].filter(([username, mfa]) => !(username in users) && mfa.enabled.length === 0);
        const [matching, differing] = withoutMfa.map(([username]) => username);
        users[matching] = { smsMfa: { enabled: false } };
        users[differing] = { smsMfa: { enabled: true, preferred: false } };
        proxy.resetCounts();
        const result = await stack.up();
        assert.equal(result.summary.resourceChanges?.update, 1);
        assert.deepEqual(proxy.receivedFor(matching), { AdminGetUser: 1 }, `${matching} already matches: read, and not written`);
        assert.deepEqual(proxy.receivedFor(differing), { AdminGetUser: 2, AdminSetUserMFAPreference: 1 }, `${differing} differs: read, written, and read back`);
        assert.deepEqual(Object.fromEntries(proxy.received), { AdminGetUser: 3, AdminSetUserMFAPreference: 1 }, "no other user touched");
        assert.deepEqual(await userMfa(cognito, pool.userPoolId, differing), { enabled: ["SMS_MFA"], preferred: undefined });
    });

    it("3. a change out of band fails the drift check, naming the user and the factor", async () => {
        const [drifted] = Object.keys(users).filter((username) => users[username].smsMfa?.enabled);
        await setMfaOutOfBand(cognito, pool.userPoolId, drifted, { SMSMfaSettings: { Enabled: false, PreferredMfa: false } });
        const lines: string[] = [];
        await stack.preview({ refresh: true, expectNoChanges: true, diff: true, onOutput: (text) => lines.push(text) }).then(
            () => assert.fail("the drift check passed"),
            (error: Error) => lines.push(error.message),
        );
        const output = lines.join("");
        assert.match(output, new RegExp(`~ "?${drifted.replace(/[+.]/g, "\\$&")}"?\\s*: \\{\\s*~ smsMfa\\s*: \\{\\s*~ enabled\\s*: false => true`));
        await afterFailedInlineRun();
        proxy.resetCounts();
        await stack.up({ refresh: true });
        assert.equal(proxy.received.get("AdminSetUserMFAPreference"), 1, "the next up writes the drifted user alone");
    });

    it("4. a write that fails among many keeps the others in the state, names the user, and the next up writes it alone", async () => {
        const toggled = Object.keys(users).filter((username) => users[username].smsMfa !== undefined && !users[username].smsMfa!.preferred);
        assert.ok(toggled.length >= 5, `${toggled.length} users to change`);
        for (const username of toggled) {
            users[username] = { ...users[username], smsMfa: { enabled: !users[username].smsMfa!.enabled } };
        }
        proxy.setFaults({ failingWrite: 3 });
        const failure = await stack.up().then(
            () => assert.fail("the up succeeded although a write failed"),
            (error: Error) => error,
        );
        proxy.setFaults({});
        assert.equal(proxy.failedWrites.length, 1, "the third write was failed");
        const [failed] = proxy.failedWrites;
        assert.match(failure.message, new RegExp(`failed for 1 of ${toggled.length} users`));
        assert.ok(failure.message.includes(`AdminSetUserMFAPreference for user ${JSON.stringify(failed)}`), failure.message);
        await afterFailedInlineRun();

        const state = (await stack.exportStack()).deployment as { resources: { type: string; outputs: { users: Declared } }[] };
        const stored = state.resources.find((resource) => resource.type.endsWith("UserMfaPreferenceSet"))!.outputs.users;
        for (const username of toggled.filter((name) => name !== failed)) {
            assert.equal(stored[username].smsMfa?.enabled, users[username].smsMfa!.enabled, `${username} is stored as written`);
        }
        assert.notEqual(stored[failed].smsMfa?.enabled, users[failed].smsMfa!.enabled, `${failed} is stored as it was`);

        proxy.resetCounts();
        await stack.up();
        assert.equal(proxy.received.get("AdminSetUserMFAPreference"), 1, "the next up writes the failed user alone");
        assert.equal((await userMfa(cognito, pool.userPoolId, failed)).enabled.includes("SMS_MFA"), users[failed].smsMfa!.enabled);
    });

    it("5. a user removed from the map has its managed factors turned off; one declared with {} is let go untouched", async () => {
        const [removed, letGo] = Object.keys(users).filter((username) => users[username].smsMfa?.enabled);
        delete users[removed];
        users[letGo] = {};
        proxy.resetCounts();
        await stack.up();
        assert.equal(proxy.received.get("AdminSetUserMFAPreference"), 1);
        assert.ok(!(await userMfa(cognito, pool.userPoolId, removed)).enabled.includes("SMS_MFA"), `${removed}'s SMS is off`);
        assert.ok((await userMfa(cognito, pool.userPoolId, letGo)).enabled.includes("SMS_MFA"), `${letGo} is untouched`);
    });

    it("5b. a user deleted from the pool leaves the state at refresh, and the next up fails naming it until the program lets it go", async () => {
        const [deleted] = Object.keys(users).filter((username) => Object.keys(users[username]).length > 0);
        await cognito.send(new AdminDeleteUserCommand({ UserPoolId: pool.userPoolId, Username: deleted }));
        const failure = await stack.up({ refresh: true }).then(
            () => assert.fail("the up succeeded for a user the pool no longer has"),
            (error: Error) => error,
        );
        assert.ok(failure.message.includes(`AdminGetUser for user ${JSON.stringify(deleted)} in user pool ${pool.userPoolId} failed: UserNotFoundException`), failure.message);
        await afterFailedInlineRun();
        delete users[deleted];
        proxy.resetCounts();
        await stack.up();
        assert.equal(proxy.received.get("AdminSetUserMFAPreference") ?? 0, 0, "letting go of a deleted user writes nothing");
        await stack.preview({ refresh: true, expectNoChanges: true });
    });

    it("6. a user declared in the set and in a UserMfaPreference is refused at preview, naming both", async () => {
        alsoAlone = Object.keys(users).find((username) => Object.keys(users[username]).length > 0);
        try {
            const lines: string[] = [];
            const failure = await stack.preview({ onOutput: (text) => lines.push(text) }).then(
                () => assert.fail("the preview passed"),
                (error: Error) => error,
            );
            const output = lines.join("") + failure.message;
            // Whichever of the two claims the user first, the other's refusal names both.
            assert.match(output, /UserMfaPreference "alone" and UserMfaPreferenceSet "team" manage the same user|UserMfaPreferenceSet "team" in user pool \S+: user .* is managed by UserMfaPreference "alone" too/);
            assert.ok(output.includes(JSON.stringify(alsoAlone)), output);
        } finally {
            alsoAlone = undefined;
            await afterFailedInlineRun();
        }
    });

    it("6b. a user declared in two sets is refused at preview, naming the user and both sets", async () => {
        alsoInAnotherSet = Object.keys(users).find((username) => Object.keys(users[username]).length > 0);
        try {
            const lines: string[] = [];
            const failure = await stack.preview({ onOutput: (text) => lines.push(text) }).then(
                () => assert.fail("the preview passed"),
                (error: Error) => error,
            );
            const output = lines.join("") + failure.message;
            // Whichever set claims the user first, the other's refusal names both.
            assert.match(output, /UserMfaPreferenceSet "other-team" in user pool \S+: user .* is managed by UserMfaPreferenceSet "team" too|UserMfaPreferenceSet "team" in user pool \S+: user .* is managed by UserMfaPreferenceSet "other-team" too/);
            assert.ok(output.includes(JSON.stringify(alsoInAnotherSet)), output);
        } finally {
            alsoInAnotherSet = undefined;
            await afterFailedInlineRun();
        }
    });

    it("7. destroy turns off every managed factor", async () => {
        const managed = Object.keys(users).filter((username) => Object.keys(users[username]).length > 0);
        await stack.destroy();
        for (const username of managed) {
            assert.deepEqual((await userMfa(cognito, pool.userPoolId, username)).enabled, [], username);
        }
    });
});
