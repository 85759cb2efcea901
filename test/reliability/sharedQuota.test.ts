// Cognito's quotas are per account, across every pool: two stacks that write at once share one
// bucket of 25 writes a second (the strict Cognito's, as Cognito's). Each provider process paces
// itself at the whole quota, so together they ask for twice it; they must both finish, their
// combined rate stays under the quota, and they settle on shares of it rather than retrying into
// it (few throttled answers). The full size is the benchmark's (npm run bench:quota).

import * as assert from "node:assert/strict";
import { adminClient } from "../../harness/fixtures";
import { startEmulator, type Emulator } from "../../harness/moto";
import { everyUsersMfa, poolWithoutMfa } from "../../harness/pools";
import { smsForEveryUser, upAtOnce } from "../../harness/sharedQuota";

const USERS = 200;

describe("two stacks writing at once under the account's quota", function () {
    this.timeout(300_000);
    let emulator: Emulator;

    before(async () => {
        emulator = await startEmulator();
    });

    after(async () => {
        await emulator?.stop();
    });

    it("both finish, their combined writes stay under 25 a second, and under 5% of the writes are throttled", async () => {
        const cognito = adminClient(emulator.endpoint);
        const first = await poolWithoutMfa(cognito, "first", USERS);
        const second = await poolWithoutMfa(cognito, "second", USERS);
        const stacks = [await smsForEveryUser(emulator, "first", first.pool, first.usernames), await smsForEveryUser(emulator, "second", second.pool, second.usernames)];
        const run = await upAtOnce(emulator, stacks);
        assert.deepEqual(run.failures, [undefined, undefined]);
        assert.equal(run.writesAdmitted, 2 * USERS, "one write per user");
        // Asked for, not only admitted: two processes each paced at 25 a second would ask for 50.
        assert.ok(run.writesPerSecond <= 25 * 1.05, `${run.writesPerSecond.toFixed(1)} writes/s asked for, together`);
        const share = run.writesThrottled / (run.writesAdmitted + run.writesThrottled);
        assert.ok(share < 0.05, `${run.writesThrottled} of ${run.writesAdmitted + run.writesThrottled} writes throttled (${(share * 100).toFixed(1)}%) in ${run.seconds.toFixed(1)} s`);
        for (const { pool } of [first, second]) {
            const found = await everyUsersMfa(cognito, pool.userPoolId);
            assert.ok([...found.values()].every((mfa) => mfa.enabled.join() === "SMS_MFA"), "every user has SMS on");
        }
        console.log(`      two stacks of ${USERS} users: ${run.seconds.toFixed(1)} s, ${run.writesPerSecond.toFixed(1)} writes/s combined, ${run.writesThrottled} throttled`);
    });
});
