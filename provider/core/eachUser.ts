// Runs one step per user with several under way at once, so that the paced client, not the
// round trip, sets the rate (120 reads a second at 100 ms a call needs a dozen in flight). A user
// whose step fails is recorded and the others go on; after MAX_FAILURES failures something is
// wrong with every call (credentials, the network), so no further user is started. Nor after the
// run is cancelled (the engine's Cancel, on Ctrl-C): the users under way finish, so that what
// was written can be recorded.

import { CognitoMfaError } from "./errors";

/** Steps under way at once: enough for Cognito's read quota at 250 ms a call. */
export const CONCURRENCY = 32;
export const MAX_FAILURES = 25;

export interface UserFailure {
    username: string;
    message: string;
}

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
    let next = 0;
    let done = 0;
    const worker = async () => {
        while (next < usernames.length && failures.length < MAX_FAILURES && !cancelled()) {
            const username = usernames[next++];
            try {
                await step(username);
            } catch (error) {
                failures.push({ username, message: error instanceof Error ? error.message : String(error) });
            }
            onProgress?.(++done, usernames.length);
        }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, usernames.length) }, worker));
    return { failures, notStarted: usernames.slice(next), cancelled: next < usernames.length && cancelled() };
}

/** The message of a run that failed for some users: every failed user, with Cognito's reason. */
export function failedUsersMessage(action: string, outcome: EachUserOutcome, total: number): string {
    const done = total - outcome.failures.length - outcome.notStarted.length;
    const lines =
        outcome.failures.length > 0
            ? [`${action} failed for ${outcome.failures.length} of ${total} users:`, ...outcome.failures.map((failure) => `  - ${failure.message}`)]
            : [`${action} stopped: ${done} of ${total} users done`];
    if (outcome.notStarted.length > 0) {
        const why = outcome.cancelled ? "the run was cancelled" : `${MAX_FAILURES} users had failed`;
        lines.push(`  ${outcome.notStarted.length} users were not started: ${why}`);
    }
    return lines.join("\n");
}

export class UsersFailedError extends CognitoMfaError {}
