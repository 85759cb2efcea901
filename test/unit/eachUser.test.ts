import * as assert from "node:assert/strict";
import { everyFailedUser, failedUsersMessage, forEachUser, MAX_FAILURES, type EachUserOutcome } from "../../provider/core/eachUser";
import { CognitoMfaError } from "../../provider/core/errors";

const NO_PHONE = "AdminSetUserMFAPreference failed: InvalidParameterException: no phone_number. Fix: set phone_number";
const NO_EMAIL = "AdminSetUserMFAPreference failed: InvalidParameterException: no email. Fix: set email";

function failing(usernames: string[], reason: string): EachUserOutcome["failures"] {
    return usernames.map((username) => ({ username, reason, message: `${reason} (for ${username})` }));
}

describe("a run over the users that fails for some", () => {
    it("names each failed user when there are few", () => {
        const outcome = { failures: failing(["bob", "al"], NO_PHONE), notStarted: [], cancelled: false };
        assert.equal(failedUsersMessage("Adopting the users", outcome, 5), `Adopting the users failed for 2 of 5 users:\n  - ${NO_PHONE} (for bob)\n  - ${NO_PHONE} (for al)`);
    });

    it("groups many by reason, naming the first five of each in username order and counting the rest; the full list is every user's", () => {
        const phoneless = Array.from({ length: 9 }, (_, index) => `u${9 - index}`);
        const outcome = { failures: [...failing(phoneless, NO_PHONE), ...failing(["z", "y", "x"], NO_EMAIL)], notStarted: [], cancelled: false };
        assert.equal(
            failedUsersMessage("Updating the users", outcome, 100),
            [
                "Updating the users failed for 12 of 100 users, by reason (every user is in the log):",
                `  - 9 users: ${NO_PHONE}`,
                '    "u1", "u2", "u3", "u4", "u5" and 4 more',
                `  - 3 users: ${NO_EMAIL}`,
                '    "x", "y", "z"',
            ].join("\n"),
        );
        const full = everyFailedUser(outcome.failures).split("\n");
        assert.equal(full.length, 12);
        assert.equal(full[0], `"u1": ${NO_PHONE}`);
        assert.equal(full[11], `"z": ${NO_EMAIL}`);
    });

    it("goes on past any number of users who fail a precondition of their own, and stops after too many failures of every call", async () => {
        const usernames = Array.from({ length: 100 }, (_, index) => `user${index}`);
        const ownFault = await forEachUser(usernames, async () => {
            throw new CognitoMfaError("bob has no phone", "no phone", true);
        });
        assert.deepEqual([ownFault.failures.length, ownFault.notStarted.length], [100, 0]);
        const everyCall = await forEachUser(usernames, async () => {
            throw new CognitoMfaError("credentials expired", "credentials expired", false);
        });
        assert.ok(everyCall.failures.length >= MAX_FAILURES && everyCall.failures.length < 100 && everyCall.notStarted.length > 0, `${everyCall.failures.length} failed`);
    });
});
