// The native plugin's UserMfaPreferenceSet, from its Node.js SDK through the real CLI, under the
// faults test/e2e/preferenceSet.test.ts and test/reliability/setInterruptions.test.ts put the
// dynamic one through, counted at the proxy: its create adopts a pool set up out of band with one
// read per user and no write; a write that fails midway through an update leaves every other user
// in the state, and the next `up` writes exactly the rest; an `up` killed midway (SIGKILL to the
// CLI and its program, trials.ts's setKillTrials) leaves no process behind and converges with
// `up --refresh`. And Ctrl-C (SIGINT to the CLI) midway: the engine cancels, the plugin starts no
// further user, and the users already written are kept in the state (the engine's partial-failure
// result), so the next `up`, with no refresh, writes exactly the rest; the signal must land midway
// through the writes.

import * as assert from "node:assert/strict";
import { seededRandom, startCognitoProxy, type CognitoProxy } from "../../harness/cognitoProxy";
import { setMfaOutOfBand } from "../../harness/fixtures";
import { startEmulator, type Emulator } from "../../harness/moto";
import { afterFailedInlineRun } from "../../harness/pulumi";
import { createUsers, interruptedUp, prepareTrials, setKillTrials, trialStack, WRITE, type Trials } from "../reliability/trials";

const N = 30;
/** Kill trials: 1 in CI, as test/reliability/setInterruptions.test.ts's dynamic ones. */
const KILL_TRIALS = Number(process.env.SET_TRIALS ?? 1);
/** Users of the Ctrl-C test: enough that the cancel lands well before the last write. */
const CANCEL_N = 60;
const KIND = "native-set";

type StoredUsers = Record<string, { smsMfa: { preferred: boolean } }>;

/** The users the set's state holds, as written. */
async function storedUsers(stack: Trials["stack"]): Promise<StoredUsers> {
    const state = (await stack.exportStack()).deployment as { resources: { type: string; outputs: { users: StoredUsers } }[] };
    return state.resources.find((resource) => resource.type === "cognito-mfa:index:UserMfaPreferenceSet")!.outputs.users;
}

describe("a native UserMfaPreferenceSet under faults: adoption, a write failing midway, SIGKILL and Ctrl-C midway", function () {
    this.timeout(600_000);
    let emulator: Emulator;
    let proxy: CognitoProxy;
    let trials: Pick<Trials, "users" | "stack" | "program" | "kind">;

    before(async () => {
        emulator = await startEmulator();
        proxy = await startCognitoProxy(emulator.endpoint);
    });

    after(async () => {
        await proxy?.close();
        await emulator?.stop();
    });

    it("1. up adopts a pool set up out of band with one read per user and no write", async () => {
        const users = await createUsers(emulator, N);
        await Promise.all(users.usernames.map((username) => setMfaOutOfBand(users.cognito, users.pool.userPoolId, username, { SMSMfaSettings: { Enabled: true, PreferredMfa: true } })));
        trials = { users, kind: KIND, ...(await trialStack(emulator, "native-set-faults", users, KIND, proxy)) };
        proxy.resetCounts();
        await trials.stack.up();
        assert.deepEqual(Object.fromEntries(proxy.received), { AdminGetUser: N }, "one read per user, and no write");
    });

    it("2. a write that fails midway keeps every other user in the state; the next up writes exactly the rest", async () => {
        const { stack, program } = trials;
        const preferred = (program.preferred = !program.preferred);
        proxy.resetCounts();
        proxy.setFaults({ failingWrite: N / 2 });
        const failure = await stack.up().then(
            () => assert.fail("the up succeeded although a write failed"),
            (error: Error) => error,
        );
        proxy.setFaults({});
        assert.equal(proxy.failedWrites.length, 1, `write ${N / 2} was failed`);
        const [failed] = proxy.failedWrites;
        assert.ok(failure.message.includes(`failed for 1 of ${N} users`), failure.message);
        assert.ok(failure.message.includes(`AdminSetUserMFAPreference for user ${JSON.stringify(failed)}`), failure.message);
        await afterFailedInlineRun();

        const stored = await storedUsers(stack);
        const written = Object.keys(stored).filter((username) => stored[username].smsMfa.preferred === preferred);
        assert.deepEqual(written.sort(), trials.users.usernames.filter((username) => username !== failed).sort(), "the state holds every user written, as written");

        proxy.resetCounts();
        await stack.up();
        assert.equal(proxy.received.get(WRITE), 1, `the next up writes exactly the rest: ${failed} alone`);
    });

    it("3. up killed midway (SIGKILL to the CLI and its program) leaves no process behind and converges with up --refresh", async () => {
        await setKillTrials({ name: "native-set-faults", trials, proxy, count: KILL_TRIALS, random: seededRandom(31) });
    });

    it("4. Ctrl-C midway stops between users, keeps what was written, and the next up writes only the rest", async () => {
        const { users, stack, program } = await prepareTrials(emulator, "native-set-cancel", CANCEL_N, KIND, proxy);
        const preferred = (program.preferred = !program.preferred);
        const run = await interruptedUp({
            trial: "native-set-cancel",
            stack,
            users,
            preferred,
            kind: KIND,
            delayMs: 0,
            clock: { afterWrites: 10 },
            proxy,
            interrupt: (_driver, cliPids) => cliPids.forEach((pid) => process.kill(pid, "SIGINT")),
        });
        assert.ok(run.signalled && run.writesAtSignal! < CANCEL_N, `SIGINT was to land midway through the writes: ${run.writesAtSignal} of ${CANCEL_N} by then`);
        assert.ok(!run.completed, `the up was cancelled before its end (${run.writes} of ${CANCEL_N} written)`);
        assert.ok(run.writes! < CANCEL_N, `the plugin stopped starting users: ${run.writes} of ${CANCEL_N} written`);

        const stored = await storedUsers(stack);
        const recorded = Object.values(stored).filter((user) => user.smsMfa.preferred === preferred).length;
        assert.equal(recorded, run.writes, "the state holds every user written, as written");

        proxy.resetCounts();
        await stack.up();
        assert.equal(proxy.received.get(WRITE), CANCEL_N - recorded, "the next up writes exactly the rest");
        await stack.preview({ refresh: true, expectNoChanges: true });
    });
});
