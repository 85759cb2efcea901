// Runs one step per user with several under way at once, so that the paced client, not the
// round trip, sets the rate (120 reads a second at 100 ms a call needs a dozen in flight). A user
// whose step fails is recorded and the others go on; after MAX_FAILURES failures that are not
// about the user itself, something is wrong with every call (credentials, the network), so no
// further user is started. A user that fails a precondition of its own (no phone_number, say)
// stops no one. Nor does a user start after the run is cancelled (the engine's Cancel, on
// Ctrl-C): the users under way finish, so that what was written can be recorded.

import { CognitoMfaError } from "./errors";

/** Steps under way at once: enough for Cognito's read quota at 250 ms a call. */
export const CONCURRENCY = 32;
export const MAX_FAILURES = 25;

export interface UserFailure {
    username: string;
    message: string;
    /** What went wrong without naming the user: the failures are grouped by it. */
    reason: string;
}

/** Up to this many failures, the message has a line per user; beyond it, a line per reason. */
export const LISTED_FAILURES = 10;
/** In a line per reason, the users named before "and N more". */
export const NAMED_PER_REASON = 5;

export interface EachUserOutcome {
    failures: UserFailure[];
    /** Users never started because too many had failed, or the run was cancelled. */
    notStarted: string[];
    cancelled: boolean;
}

/** Called after each user's step, with how many are done of how many. */
export type ProgressListener = (done: number, total: number) => void;

export async function forEachUser(
    usernames: readonly string[],
    step: (username: string) => Promise<void>,
    onProgress?: ProgressListener,
    cancelled: () => boolean = () => false,
): Promise<EachUserOutcome> {
    const failures: UserFailure[] = [];
    let failuresOfTheRun = 0;
    let next = 0;
    let done = 0;
    const worker = async () => {
        while (next < usernames.length && failuresOfTheRun < MAX_FAILURES && !cancelled()) {
            const username = usernames[next++];
            try {
                await step(username);
            } catch (error) {
                const message = error instanceof Error ? error.message : String(error);
                const reason = error instanceof CognitoMfaError ? error.reason : message;
                failures.push({ username, message, reason });
                if (!(error instanceof CognitoMfaError && error.aboutTheUser)) {
                    failuresOfTheRun += 1;
                }
            }
            onProgress?.(++done, usernames.length);
        }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, usernames.length) }, worker));
    return { failures, notStarted: usernames.slice(next), cancelled: next < usernames.length && cancelled() };
}

/**
 * The message of a run that failed for some users. A few failures: each user with Cognito's
 * reason. Many: a line per reason, with how many users, the first few named, and the count of the
 * rest; the full list is `everyFailedUser`'s, which the front ends log.
 */
export function failedUsersMessage(action: string, outcome: EachUserOutcome, total: number): string {
    const done = total - outcome.failures.length - outcome.notStarted.length;
    const lines =
        outcome.failures.length === 0
            ? [`${action} stopped: ${done} of ${total} users done`]
            : outcome.failures.length <= LISTED_FAILURES
              ? [`${action} failed for ${outcome.failures.length} of ${total} users:`, ...outcome.failures.map((failure) => `  - ${failure.message}`)]
              : [`${action} failed for ${outcome.failures.length} of ${total} users, by reason (every user is in the log):`, ...reasonLines(outcome.failures)];
    if (outcome.notStarted.length > 0) {
        const why = outcome.cancelled ? "the run was cancelled" : `${MAX_FAILURES} users had failed`;
        lines.push(`  ${outcome.notStarted.length} users were not started: ${why}`);
    }
    return lines.join("\n");
}

function inOrder(failures: readonly UserFailure[]): UserFailure[] {
    return [...failures].sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
}

function reasonLines(failures: UserFailure[]): string[] {
    const byReason = new Map<string, string[]>();
    // In username order, not the order the calls ended in: the same failures, the same message.
    for (const { username, reason } of inOrder(failures)) {
        byReason.set(reason, [...(byReason.get(reason) ?? []), username]);
    }
    return [...byReason].flatMap(([reason, users]) => {
        const named = users.slice(0, NAMED_PER_REASON).map((username) => JSON.stringify(username));
        const rest = users.length - named.length;
        return [`  - ${users.length} users: ${reason}`, `    ${named.join(", ")}${rest > 0 ? ` and ${rest} more` : ""}`];
    });
}

/** Every failed user with its reason, a line each: the full list behind a grouped message. */
export function everyFailedUser(failures: readonly UserFailure[]): string {
    return inOrder(failures).map(({ username, reason }) => `${JSON.stringify(username)}: ${reason}`).join("\n");
}

export class UsersFailedError extends CognitoMfaError {}
