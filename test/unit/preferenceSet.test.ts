// The pool resource (UserMfaPreferenceSet) against a mocked Cognito whose users hold their MFA
// state: check, diff, and what each operation reads and writes.
import * as assert from "node:assert/strict";
import {
    AdminGetUserCommand,
    AdminSetUserMFAPreferenceCommand,
    CognitoIdentityProviderClient,
    ListUsersCommand,
    type AdminSetUserMFAPreferenceCommandInput,
} from "@aws-sdk/client-cognito-identity-provider";
import { mockClient } from "aws-sdk-client-mock";
import { checkSetInputs } from "../../provider/core/setCheck";
import { diffSetInputs } from "../../provider/core/setDiff";
import { createPreferenceSet, IncompleteSetError } from "../../provider/core/setOperations";
import type { MfaPreferenceSetInputs, MfaPreferenceSetOutputs } from "../../provider/core/types";
import { UserMfaPreferenceSet } from "../../provider/dynamic/setResource";
import { provider } from "../../provider/setImplementation";
import { progressLine, progressLines, PROGRESS_INTERVAL_MS } from "../../provider/process/progressLines";

const cognito = mockClient(CognitoIdentityProviderClient);
const POOL = "eu-west-1_AbC123xyz";

interface FakeUser {
    enabled: Set<string>;
    preferred?: string;
}

/** The pool as the mock holds it, by username. */
let pool: Map<string, FakeUser>;
/** Usernames whose write fails. */
let failingWrites: Set<string>;

function cognitoError(name: string, message: string): Error {
    return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });
}

const FIELDS = { SMSMfaSettings: "SMS_MFA", SoftwareTokenMfaSettings: "SOFTWARE_TOKEN_MFA", EmailMfaSettings: "EMAIL_OTP" } as const;

function installFakePool(users: Record<string, string[]>, preferred: Record<string, string> = {}): void {
    pool = new Map(Object.entries(users).map(([name, enabled]) => [name, { enabled: new Set(enabled), preferred: preferred[name] }]));
    failingWrites = new Set();
    cognito.reset();
    cognito.on(AdminGetUserCommand).callsFake((input: { Username: string }) => {
        const user = pool.get(input.Username);
        if (user === undefined) {
            throw cognitoError("UserNotFoundException", "User does not exist.");
        }
        return { Username: input.Username, UserMFASettingList: [...user.enabled], PreferredMfaSetting: user.preferred };
    });
    cognito.on(AdminSetUserMFAPreferenceCommand).callsFake((input: AdminSetUserMFAPreferenceCommandInput) => {
        const user = pool.get(input.Username!);
        if (user === undefined) {
            throw cognitoError("UserNotFoundException", "User does not exist.");
        }
        if (failingWrites.has(input.Username!)) {
            throw cognitoError("InvalidParameterException", "User does not have delivery config set to turn on SMS_MFA");
        }
        for (const [field, name] of Object.entries(FIELDS)) {
            const settings = input[field as keyof typeof FIELDS];
            if (settings === undefined) continue;
            if (settings.Enabled) user.enabled.add(name);
            else user.enabled.delete(name);
            if (settings.PreferredMfa) user.preferred = name;
            else if (user.preferred === name) user.preferred = undefined;
        }
        return {};
    });
    cognito.on(ListUsersCommand).callsFake(() => ({ Users: [...pool.keys()].map((Username) => ({ Username })) }));
}

const writes = () => cognito.commandCalls(AdminSetUserMFAPreferenceCommand).map((call) => call.args[0].input.Username);
const reads = () => cognito.commandCalls(AdminGetUserCommand).length;

const TOTP = { softwareTokenMfa: { enabled: true, preferred: true } };
const SMS = { smsMfa: { enabled: true, preferred: false } };
const declare = (users: MfaPreferenceSetInputs["users"]): MfaPreferenceSetInputs => ({ userPoolId: POOL, users });

describe("UserMfaPreferenceSet", () => {
    describe("check", () => {
        it("reports every user's failures at once, each at the user's path", () => {
            const { failures } = checkSetInputs({
                userPoolId: POOL,
                users: {
                    "ops:dave": { smsMfa: { enabled: false, preferred: true } },
                    "has space": { smsMfa: { enabled: true } },
                    erin: { smsMfa: { enabled: "yes" }, pin: {} },
                },
            });
            assert.deepEqual(
                failures.map((failure) => failure.property),
                ['users["ops:dave"].smsMfa.preferred', 'users["has space"]', 'users["erin"].pin', 'users["erin"].smsMfa.enabled'],
            );
            assert.match(failures[0].reason, /smsMfa is preferred but not enabled/);
        });

        it("accepts usernames with Unicode, +, @, :, / and a leading __, and {} for a user not managed", () => {
            const users = { "zoë": SMS, "a+b@example.com": TOTP, "ops:dave/2": SMS, __proto__x: SMS, __provider: SMS, idle: {} };
            const { inputs, failures } = checkSetInputs({ userPoolId: POOL, users });
            assert.deepEqual(failures, []);
            assert.deepEqual(Object.keys(inputs.users), Object.keys(users));
        });

        it("requires the pool and the users, and refuses other properties", () => {
            const { failures } = checkSetInputs({ username: "alice" });
            assert.deepEqual(failures.map((failure) => failure.property), ["username", "userPoolId", "users"]);
        });
    });

    describe("diff", () => {
        const stored: MfaPreferenceSetOutputs = { userPoolId: POOL, users: { alice: TOTP, bob: SMS }, reportedMfas: {} };

        it("has no change for the same users, and updates in place for a user added, changed or removed", () => {
            assert.equal(diffSetInputs(stored, declare({ alice: TOTP, bob: SMS })).changes, false);
            const changes: MfaPreferenceSetInputs["users"][] = [{ alice: TOTP, bob: SMS, carol: SMS }, { alice: TOTP, bob: { smsMfa: { enabled: false, preferred: false } } }, { alice: TOTP }];
            for (const users of changes) {
                assert.deepEqual(diffSetInputs(stored, declare(users)), { changes: true, replaces: [], deleteBeforeReplace: false });
            }
        });

        it("replaces, delete first, for another pool", () => {
            assert.deepEqual(diffSetInputs(stored, { ...declare({ alice: TOTP, bob: SMS }), userPoolId: "eu-west-1_Other" }), {
                changes: true,
                replaces: ["userPoolId"],
                deleteBeforeReplace: true,
            });
        });
    });

    describe("operations", () => {
        it("create adopts: reads every user and writes only those that differ", async () => {
            installFakePool({ alice: ["SOFTWARE_TOKEN_MFA"], bob: [], carol: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"] }, { alice: "SOFTWARE_TOKEN_MFA" });
            const { id, outs } = await provider.create!(declare({ alice: TOTP, bob: SMS, carol: SMS }));
            assert.equal(id, POOL);
            assert.ok(outs !== undefined);
            assert.deepEqual(writes(), ["bob"]);
            assert.equal(reads(), 4, "one read per user, and one after bob's write");
            assert.deepEqual(outs.users, { alice: TOTP, bob: SMS, carol: SMS });
            assert.deepEqual(outs.reportedMfas.carol, { enabledMfas: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"] });
        });

        it("update writes only the changed users and turns off the managed factors of a removed one", async () => {
            installFakePool({ alice: ["SOFTWARE_TOKEN_MFA"], bob: ["SMS_MFA"], carol: ["SMS_MFA"] }, { alice: "SOFTWARE_TOKEN_MFA" });
            const olds = (await provider.create!(declare({ alice: TOTP, bob: SMS, carol: SMS }))).outs!;
            cognito.resetHistory();
            const outs = (await provider.update!(POOL, olds, declare({ alice: TOTP, bob: { smsMfa: { enabled: false, preferred: false } } }))).outs!;
            assert.deepEqual(writes().sort(), ["bob", "carol"]);
            assert.deepEqual([...pool.get("carol")!.enabled], []);
            assert.deepEqual(Object.keys(outs.users), ["alice", "bob"]);
            assert.deepEqual(outs.users.bob, { smsMfa: { enabled: false, preferred: false } });
        });

        it("update lets go of a user declared with no factor, without a call", async () => {
            installFakePool({ alice: ["SMS_MFA"] });
            const olds = (await provider.create!(declare({ alice: SMS }))).outs!;
            cognito.resetHistory();
            const outs = (await provider.update!(POOL, olds, declare({ alice: {} }))).outs!;
            assert.equal(cognito.calls().length, 0);
            cognito.resetHistory();
            await provider.update!(POOL, outs, declare({}));
            assert.equal(cognito.calls().length, 0, "removing a user that manages nothing writes nothing");
            assert.deepEqual([...pool.get("alice")!.enabled], ["SMS_MFA"]);
        });

        it("a failure for some users keeps what was done, names each failed user, and the next update writes only those", async () => {
            installFakePool({ alice: [], bob: [], carol: [] });
            failingWrites.add("bob");
            const error = (await provider.create!(declare({ alice: SMS, bob: SMS, carol: SMS })).then(
                () => assert.fail("expected a failure"),
                (failure: unknown) => failure,
            )) as IncompleteSetError;
            assert.ok(error instanceof IncompleteSetError);
            assert.equal(error.id, POOL);
            assert.match(error.message, /failed for 1 of 3 users:\n {2}- AdminSetUserMFAPreference for user "bob" in user pool \S+ failed: InvalidParameterException/);
            assert.deepEqual(Object.keys(error.properties.users).sort(), ["alice", "carol"]);

            failingWrites.clear();
            cognito.resetHistory();
            const diff = await provider.diff!(POOL, error.properties, declare({ alice: SMS, bob: SMS, carol: SMS }));
            assert.equal(diff.changes, true);
            await provider.update!(POOL, error.properties, declare({ alice: SMS, bob: SMS, carol: SMS }));
            assert.deepEqual(writes(), ["bob"]);
        });

        it("a cancelled run starts no further user, and records the users done", async () => {
            const usernames = Array.from({ length: 100 }, (_, index) => `user${index}`);
            installFakePool(Object.fromEntries(usernames.map((username) => [username, []])));
            const error = (await createPreferenceSet(declare(Object.fromEntries(usernames.map((username) => [username, SMS]))), undefined, {
                cancelled: () => writes().length > 0,
            }).catch((failure: unknown) => failure)) as IncompleteSetError;
            assert.ok(error instanceof IncompleteSetError, String(error));
            assert.match(error.message, /^Adopting the users stopped: \d+ of 100 users done\n {2}\d+ users were not started: the run was cancelled/);
            const done = Object.keys(error.properties.users);
            assert.ok(done.length > 0 && done.length < 100, `${done.length} users done`);
            assert.deepEqual(new Set(writes()), new Set(done), "the state holds exactly the users written");
        });

        it("the dynamic front end keeps __provider in a partial failure's properties", async () => {
            installFakePool({ alice: [] });
            failingWrites.add("alice");
            const error = (await provider.create!({ ...declare({ alice: SMS }), __provider: "serialized" } as MfaPreferenceSetInputs).catch((failure: unknown) => failure)) as IncompleteSetError;
            assert.equal((error.properties as unknown as Record<string, unknown>).__provider, "serialized");
        });

        it("read reports each user as Cognito has it, and drops a user deleted from the pool", async () => {
            installFakePool({ alice: ["SOFTWARE_TOKEN_MFA"], bob: ["SMS_MFA"] }, { alice: "SOFTWARE_TOKEN_MFA" });
            const outs = (await provider.create!(declare({ alice: TOTP, bob: SMS }))).outs!;
            pool.get("alice")!.enabled.add("SMS_MFA");
            pool.get("alice")!.preferred = "SMS_MFA";
            pool.delete("bob");
            const read = await provider.read!(POOL, outs);
            assert.deepEqual(read.props!.users, { alice: { softwareTokenMfa: { enabled: true, preferred: false } } });
            assert.deepEqual(read.props!.reportedMfas, { alice: { enabledMfas: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], preferredMfa: "SMS_MFA" } });
            assert.equal((read.inputs as unknown as Record<string, unknown>).reportedMfas, undefined);
        });

        it("import takes up every user of the pool with a factor enabled", async () => {
            installFakePool({ alice: ["SOFTWARE_TOKEN_MFA"], bob: [], ["__proto__"]: ["SMS_MFA"] }, { alice: "SOFTWARE_TOKEN_MFA" });
            const read = await provider.read!(POOL, undefined);
            assert.equal(read.id, POOL);
            assert.deepEqual(Object.keys(read.props!.users), ["alice", "__proto__"]);
            assert.deepEqual(Object.getOwnPropertyDescriptor(read.props!.users, "__proto__")?.value, { smsMfa: { enabled: true, preferred: false } });
        });

        it("delete turns off every user's managed factors; a user already gone is done", async () => {
            installFakePool({ alice: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], bob: ["SMS_MFA"] });
            const outs = (await provider.create!(declare({ alice: SMS, bob: SMS }))).outs!;
            pool.delete("bob");
            await provider.delete!(POOL, outs);
            assert.deepEqual([...pool.get("alice")!.enabled], ["SOFTWARE_TOKEN_MFA"]);
        });
    });

    it("the dynamic resource refuses a user named __proto__, which the wire format would drop", () => {
        const users = JSON.parse('{"alice": {"smsMfa": {"enabled": true}}, "__proto__": {"smsMfa": {"enabled": true}}}') as Record<string, object>;
        assert.throws(() => new UserMfaPreferenceSet("pool", { userPoolId: POOL, users }), /UserMfaPreferenceSet "pool": users has an entry for a user named "__proto__".*declare that user in a UserMfaPreference/);
    });

    it("progress writes a line every interval, and one at the end of a run that lasted longer", () => {
        const realNow = Date.now;
        let now = 1_000_000;
        Date.now = () => now;
        try {
            const lines: string[] = [];
            const listener = progressLines("UserMfaPreferenceSet p", (line) => lines.push(line)).onProgress!("reading");
            for (let done = 1; done <= 30; done++) {
                now += PROGRESS_INTERVAL_MS / 10;
                listener(done, 30);
            }
            assert.deepEqual(lines, [
                "UserMfaPreferenceSet p: reading users: 10 of 30, 2.0/s, 10 s left",
                "UserMfaPreferenceSet p: reading users: 20 of 30, 2.0/s, 5 s left",
                "UserMfaPreferenceSet p: reading users: 30 of 30, in 15 s",
            ]);
            const short: string[] = [];
            const quick = progressLines("UserMfaPreferenceSet p", (line) => short.push(line)).onProgress!("reading");
            quick(1, 1);
            assert.deepEqual(short, [], "a run shorter than the interval prints nothing");
        } finally {
            Date.now = realNow;
        }
    });

    it("progress says users done of total, the rate and the time left", () => {
        assert.equal(progressLine("UserMfaPreferenceSet p", "reading", 1200, 10000, 10_000), "UserMfaPreferenceSet p: reading users: 1,200 of 10,000, 120/s, 74 s left");
        assert.equal(progressLine("UserMfaPreferenceSet p", "reading", 10000, 10000, 83_400), "UserMfaPreferenceSet p: reading users: 10,000 of 10,000, in 83 s");
        // One user in six seconds is slow, not stopped.
        assert.equal(progressLine("UserMfaPreferenceSet p", "adopting", 1, 3, 6_000), "UserMfaPreferenceSet p: adopting users: 1 of 3, 0.2/s, 12 s left");
    });
});
