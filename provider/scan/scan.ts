// A scan: list the users (one group's, or those a filter selects), read each one's MFA with
// AdminGetUser through the shared paced client, and stream the entries to the output in listing
// order. Listing and reading overlap, each paced at its own Cognito quota, so the scan takes about
// as long as the reads alone. A user deleted during the scan is counted, not failed; a user that
// still cannot be read after the client's retries is a failure, and any failure means the output
// is not committed.

import { cognitoClient } from "../core/client";
import { getUserMfa } from "../core/cognito";
import { errorName } from "../core/errors";
import { clientLocation } from "../core/location";
import { reportedMfa } from "../core/mfaRules";
import { violationsOf, type RuleSetting } from "../core/ruleSettings";
import { declarationOf, formatFor, type FormatName, type ResourceKind, type ScannedUser } from "./formats";
import { listUsernames, type UserSelection } from "./listUsers";
import { mapInOrder } from "./mapInOrder";
import type { Output } from "./outputFile";
import type { Progress } from "./progress";
import { runAhead } from "./runAhead";

export interface ScanOptions extends UserSelection {
    format: FormatName;
    includeUnset: boolean;
    /** One UserMfaPreference per user, or one UserMfaPreferenceSet of them all. */
    resource: ResourceKind;
    /** With a UserMfaPreferenceSet, how many sets the users are split into (default 1). */
    sets?: number;
    /** How the MFA rules judge each user: the report counts who breaks each, the summary lists them. */
    rules: readonly RuleSetting[];
    region?: string;
    endpoint?: string;
}

export interface ScanFailure {
    username: string;
    message: string;
}

export interface ScanResult {
    /** Users read. */
    read: number;
    /** Users written as declarations (config and typescript). */
    declared: number;
    /** Users with no MFA factor enabled: how many, and the first few names. */
    unset: number;
    unsetSample: string[];
    /** Users listed, then gone before their read. */
    vanished: number;
    /** Users breaking each MFA rule that is run, by rule id. */
    broken: Map<string, number>;
    failures: ScanFailure[];
    /** Set when the scan stopped before the end because too many reads failed. */
    stoppedEarly: boolean;
}

/** Reads under way at once: enough to keep 120 reads a second going at 250 ms a call. */
const CONCURRENCY = 32;
/** Usernames listed ahead of the reads, at most (about 0.5 MB). */
const BACKLOG = 10_000;
/** So many users that cannot be read mean something is wrong with every call: stop. */
export const MAX_FAILURES = 25;
const UNSET_SAMPLE = 20;

type ReadResult = { kind: "read"; user: ScannedUser } | { kind: "vanished"; username: string } | { kind: "failed"; failure: ScanFailure };

export async function scanUserPool(options: ScanOptions, output: Output, progress: Progress): Promise<ScanResult> {
    const client = cognitoClient(clientLocation({ region: options.region, endpoint: options.endpoint }, options.userPoolId, undefined));
    const format = formatFor(options.format, { userPoolId: options.userPoolId, includeUnset: options.includeUnset, resource: options.resource, sets: options.sets, rules: options.rules, group: options.group, filter: options.filter });
    const result: ScanResult = { read: 0, declared: 0, unset: 0, unsetSample: [], vanished: 0, broken: new Map(), failures: [], stoppedEarly: false };

    const readUser = async (username: string): Promise<ReadResult> => {
        try {
            const user = await getUserMfa(client, { kind: "admin", userPoolId: options.userPoolId, username }, "answer");
            return user === undefined ? { kind: "vanished", username } : { kind: "read", user: { username: user.username || username, reported: user.reported } };
        } catch (error) {
            return { kind: "failed", failure: { username, message: error instanceof Error ? error.message : `${errorName(error)}: ${String(error)}` } };
        }
    };

    const usernames = runAhead(listUsernames(client, options), BACKLOG);
    // Nothing is written before the first page is in: a pool that cannot be listed writes nothing.
    let begun = false;
    const begin = async () => {
        if (!begun) {
            begun = true;
            await output.write(format.begin());
        }
    };
    try {
        let done = 0;
        for await (const outcome of mapInOrder(usernames, CONCURRENCY, readUser)) {
            await begin();
            done += 1;
            progress.update(done, usernames.listed, usernames.complete);
            if (outcome.kind === "vanished") {
                result.vanished += 1;
            } else if (outcome.kind === "failed") {
                result.failures.push(outcome.failure);
                if (result.failures.length >= MAX_FAILURES) {
                    result.stoppedEarly = true;
                    break;
                }
            } else {
                await record(outcome.user);
            }
        }
    } catch (error) {
        output.discard();
        throw error;
    } finally {
        progress.stop();
    }
    if (result.failures.length > 0) {
        output.discard();
        return result;
    }
    await begin();
    await output.write(format.end());
    await output.commit();
    return result;

    async function record(user: ScannedUser): Promise<void> {
        result.read += 1;
        for (const { setting } of violationsOf(reportedMfa(user.username, user.reported), options.rules)) {
            result.broken.set(setting.rule.id, (result.broken.get(setting.rule.id) ?? 0) + 1);
        }
        if (declarationOf(user, false) === undefined) {
            result.unset += 1;
            if (result.unsetSample.length < UNSET_SAMPLE) {
                result.unsetSample.push(user.username);
            }
        }
        const entry = format.entry(user);
        if (entry !== undefined) {
            await output.write(entry);
            if (options.format !== "json") {
                result.declared += 1;
            }
        }
    }
}
