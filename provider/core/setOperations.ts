// What each operation of the pool resource (UserMfaPreferenceSet) does in Cognito, for every front
// end. Each user is handled as a UserMfaPreference of the admin form would be (the same reads,
// writes and outputs), through the one paced client, several users at once (eachUser.ts).
//
// A run that fails for some users loses nothing: create and update throw an IncompleteSetError
// that carries the resource's id and its outputs as far as they were done, which the front ends
// hand to the engine as a partial failure (ErrorResourceInitFailed), so that the state holds
// exactly what was written and the next `up` does only the rest.

import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { cognitoClient } from "./client";
import { getUserMfa, setMfaPreference, type Target, type UserMfa } from "./cognito";
import { everyFailedUser, failedUsersMessage, forEachUser, LISTED_FAILURES, UsersFailedError, type EachUserOutcome, type ProgressListener } from "./eachUser";
import { CognitoMfaError } from "./errors";
import { listUsernames } from "./listUsers";
import { clientLocation } from "./location";
import { declaredFactors, desiredSettings, disabledSettings, managedFactors, reportedOutputs } from "./mapping";
import { alreadyAsDeclared } from "./operations";
import { checkTurnedOff } from "./requiredMfa";
import { own, userChanges } from "./setDiff";
import { FACTORS, type MfaPreferenceInputs, type MfaPreferenceSetInputs, type MfaPreferenceSetOutputs, type ReportedUserMfa, type UserFactors } from "./types";

/** What a front end gives a run over the users. */
export interface SetRunOptions {
    /** Where the run reports how far it is, per action: "adopting", "writing", "reading", "turning off". */
    onProgress?: (action: string) => ProgressListener;
    /** True once the engine has cancelled the run: no further user is started. */
    cancelled?: () => boolean;
    /** Where the run writes a line for the user to see: every failed user, when the message groups them. */
    log?: (line: string) => void;
}

/**
 * A create or update that did not finish for every user: the id and the outputs as far as they
 * were done. The engine shows a partial failure's `reasons`, not its message, so they hold it.
 */
export class IncompleteSetError extends CognitoMfaError {
    readonly reasons: string[];
    constructor(
        message: string,
        readonly id: string,
        readonly properties: MfaPreferenceSetOutputs,
    ) {
        super(message);
        this.reasons = [message];
    }
}

/** The outputs being built, user by user. Maps, so that any username (`__proto__` too) is a plain key. */
class SetOutputs {
    readonly users: Map<string, UserFactors>;
    readonly reported: Map<string, ReportedUserMfa>;

    constructor(
        private readonly location: Omit<MfaPreferenceSetInputs, "users">,
        stored?: MfaPreferenceSetOutputs,
    ) {
        this.users = new Map(Object.entries(stored?.users ?? {}));
        this.reported = new Map(Object.entries(stored?.reportedMfas ?? {}));
    }

    /** The user as Cognito reports it, with the factors DECLARED manages. */
    record(username: string, declared: UserFactors, user: UserMfa): void {
        const outputs = reportedOutputs(userInputs(this.location.userPoolId, username, declared), user.reported);
        this.users.set(username, factorsOf(outputs));
        this.reported.set(username, user.reported.preferredMfa === undefined ? { enabledMfas: user.reported.enabledMfas } : { ...user.reported });
    }

    forget(username: string): void {
        this.users.delete(username);
        this.reported.delete(username);
    }

    toOutputs(): MfaPreferenceSetOutputs {
        return { ...this.location, users: Object.fromEntries(this.users), reportedMfas: Object.fromEntries(this.reported) };
    }
}

/** The resource's own id is its pool's: what `pulumi import` takes. */
function setId(inputs: MfaPreferenceSetInputs): string {
    return inputs.userPoolId;
}

function locationOf(inputs: MfaPreferenceSetInputs): Omit<MfaPreferenceSetInputs, "users"> {
    const location: Partial<MfaPreferenceSetInputs> = { ...inputs };
    delete location.users;
    return location as Omit<MfaPreferenceSetInputs, "users">;
}

function clientFor(inputs: Pick<MfaPreferenceSetInputs, "userPoolId" | "region" | "endpoint">, configuredRegion: string | undefined): CognitoIdentityProviderClient {
    return cognitoClient(clientLocation(inputs, inputs.userPoolId, configuredRegion));
}

function userInputs(userPoolId: string, username: string, factors: UserFactors): MfaPreferenceInputs {
    return { userPoolId, username, ...factors };
}

function factorsOf(properties: UserFactors): UserFactors {
    return Object.fromEntries(FACTORS.filter((factor) => properties[factor] !== undefined).map((factor) => [factor, properties[factor]]));
}

/** Reads the user, and writes (then reads back) only when Cognito differs from the declaration. */
async function adoptUser(client: CognitoIdentityProviderClient, outputs: SetOutputs, userPoolId: string, username: string, declared: UserFactors): Promise<void> {
    const target: Target = { kind: "admin", userPoolId, username };
    const found = (await getUserMfa(client, target, "fail"))!;
    if (alreadyAsDeclared(userInputs(userPoolId, username, declared), found)) {
        outputs.record(username, declared, found);
        return;
    }
    await writeUser(client, outputs, userPoolId, username, declared);
}

async function writeUser(client: CognitoIdentityProviderClient, outputs: SetOutputs, userPoolId: string, username: string, declared: UserFactors): Promise<void> {
    const target: Target = { kind: "admin", userPoolId, username };
    const inputs = userInputs(userPoolId, username, declared);
    await setMfaPreference(client, target, desiredSettings(inputs), "fail");
    const written = (await getUserMfa(client, target, "fail"))!;
    await checkTurnedOff(client, target, inputs, written);
    outputs.record(username, declared, written);
}

/** The message of a run that failed for some users; the full list goes to the log when the message groups them. */
function failedRunMessage(action: string, outcome: EachUserOutcome, total: number, run: SetRunOptions): string {
    if (outcome.failures.length > LISTED_FAILURES) {
        run.log?.(`${action} failed for these users:\n${everyFailedUser(outcome.failures)}`);
    }
    return failedUsersMessage(action, outcome, total);
}

function finish(inputs: MfaPreferenceSetInputs, outputs: SetOutputs, action: string, outcome: EachUserOutcome, total: number, run: SetRunOptions): MfaPreferenceSetOutputs {
    if (outcome.failures.length === 0 && outcome.notStarted.length === 0) {
        return outputs.toOutputs();
    }
    const message = `${failedRunMessage(action, outcome, total, run)}\nThe state holds every user that was done; run \`pulumi up\` again to do the rest.`;
    throw new IncompleteSetError(message, setId(inputs), outputs.toOutputs());
}

/**
 * Create adopts: every declared user is read, and only those whose managed factors differ are
 * written. An unchanged pool costs one read per user and no write.
 */
export async function createPreferenceSet(inputs: MfaPreferenceSetInputs, configuredRegion?: string, run: SetRunOptions = {}): Promise<{ id: string; outs: MfaPreferenceSetOutputs }> {
    const client = clientFor(inputs, configuredRegion);
    const outputs = new SetOutputs(locationOf(inputs));
    const usernames = Object.keys(inputs.users);
    const outcome = await forEachUser(
        usernames,
        (username) => adoptUser(client, outputs, inputs.userPoolId, username, own(inputs.users, username)!),
        run.onProgress?.("adopting"), run.cancelled,
    );
    return { id: setId(inputs), outs: finish(inputs, outputs, "Adopting the users", outcome, usernames.length, run) };
}

/**
 * Update writes exactly the users whose declaration changed (a user new to the state is read first,
 * and written only if it differs), and turns off the managed factors of the users no longer
 * declared. Every other user is neither read nor written: its outputs stay as stored.
 */
export async function updatePreferenceSet(
    olds: MfaPreferenceSetOutputs,
    news: MfaPreferenceSetInputs,
    configuredRegion?: string,
    run: SetRunOptions = {},
): Promise<MfaPreferenceSetOutputs> {
    const client = clientFor(news, configuredRegion);
    const outputs = new SetOutputs(locationOf(news), olds);
    const { changed, removed } = userChanges(olds.users ?? {}, news.users);
    const step = async (username: string) => {
        const declared = own(news.users, username);
        if (declared === undefined) {
            await turnOffUser(client, olds, username);
            outputs.forget(username);
        } else if (managedFactors(userInputs(news.userPoolId, username, declared)).length === 0) {
            // Declared with no factor: no longer managed, and left as it is.
            outputs.users.set(username, {});
        } else if (own(olds.users, username) === undefined) {
            await adoptUser(client, outputs, news.userPoolId, username, declared);
        } else {
            await writeUser(client, outputs, news.userPoolId, username, declared);
        }
    };
    const touched = [...changed, ...removed];
    const outcome = await forEachUser(touched, step, run.onProgress?.("writing"), run.cancelled);
    return finish(news, outputs, "Updating the users", outcome, touched.length, run);
}

/** Turns off a user's managed factors, as deleting its UserMfaPreference would. A user already gone is done. */
async function turnOffUser(client: CognitoIdentityProviderClient, stored: MfaPreferenceSetOutputs, username: string): Promise<void> {
    const settings = disabledSettings(userInputs(stored.userPoolId, username, own(stored.users, username) ?? {}));
    if (Object.keys(settings).length > 0) {
        await setMfaPreference(client, { kind: "admin", userPoolId: stored.userPoolId, username }, settings, "answer");
    }
}

export interface ReadPreferenceSet {
    id: string;
    props: MfaPreferenceSetOutputs;
    /** The inputs as they would have to be for no diff: each managed factor as Cognito has it. */
    inputs: MfaPreferenceSetInputs;
}

/**
 * Refresh reads every user; a user deleted from the pool leaves the map. With nothing stored but
 * the id (an import), every user of the pool with a factor enabled is taken up.
 */
export async function readPreferenceSet(id: string, stored: MfaPreferenceSetOutputs | undefined, configuredRegion?: string, run: SetRunOptions = {}): Promise<ReadPreferenceSet> {
    if (stored?.users === undefined) {
        return importPreferenceSet(id, { region: stored?.region, endpoint: stored?.endpoint }, configuredRegion, run);
    }
    const client = clientFor(stored, configuredRegion);
    const outputs = new SetOutputs(locationOf(stored as MfaPreferenceSetInputs));
    const usernames = Object.keys(stored.users);
    const outcome = await forEachUser(
        usernames,
        async (username) => {
            const found = await getUserMfa(client, { kind: "admin", userPoolId: stored.userPoolId, username }, "answer");
            if (found !== undefined) {
                outputs.record(username, own(stored.users, username)!, found);
            }
        },
        run.onProgress?.("reading"), run.cancelled,
    );
    if (outcome.failures.length > 0 || outcome.notStarted.length > 0) {
        throw new UsersFailedError(`${failedRunMessage("Reading the users", outcome, usernames.length, run)}\nThe state is unchanged; run the refresh again.`);
    }
    return readResult(id, outputs.toOutputs());
}

function readResult(id: string, props: MfaPreferenceSetOutputs): ReadPreferenceSet {
    const inputs: Partial<MfaPreferenceSetOutputs> = { ...props };
    delete inputs.reportedMfas;
    return { id, props, inputs: inputs as MfaPreferenceSetInputs };
}

/**
 * An import: the id is the pool; every user with a factor enabled is declared as Cognito has it.
 * WHERE is a front end's own region and endpoint for the pool, when it has them before any state.
 */
async function importPreferenceSet(id: string, where: { region?: string; endpoint?: string }, configuredRegion: string | undefined, run: SetRunOptions): Promise<ReadPreferenceSet> {
    if (id.includes("/") || !id.includes("_")) {
        throw new CognitoMfaError(`cannot import ${JSON.stringify(id)}: the id of a UserMfaPreferenceSet is its user pool's id, such as us-east-1_AbC123xyz`);
    }
    const location: Omit<MfaPreferenceSetInputs, "users"> = { userPoolId: id };
    for (const key of ["region", "endpoint"] as const) {
        if (where[key] !== undefined) {
            location[key] = where[key];
        }
    }
    const client = clientFor(location, configuredRegion);
    const usernames: string[] = [];
    for await (const username of listUsernames(client, location)) {
        usernames.push(username);
    }
    const outputs = new SetOutputs(location);
    const outcome = await forEachUser(
        usernames,
        async (username) => {
            const found = await getUserMfa(client, { kind: "admin", userPoolId: id, username }, "answer");
            const declared = found === undefined ? {} : declaredFactors(found.reported);
            if (found !== undefined && Object.keys(declared).length > 0) {
                outputs.record(username, declared, found);
            }
        },
        run.onProgress?.("reading"), run.cancelled,
    );
    if (outcome.failures.length > 0 || outcome.notStarted.length > 0) {
        throw new UsersFailedError(`${failedRunMessage("Importing the users", outcome, usernames.length, run)}\nNothing was imported; run the import again.`);
    }
    return readResult(id, outputs.toOutputs());
}

/** Delete turns off every user's managed factors; users already gone are done. */
export async function deletePreferenceSet(props: MfaPreferenceSetOutputs, configuredRegion?: string, run: SetRunOptions = {}): Promise<void> {
    const client = clientFor(props, configuredRegion);
    const usernames = Object.keys(props.users ?? {});
    const outcome = await forEachUser(usernames, (username) => turnOffUser(client, props, username), run.onProgress?.("turning off"), run.cancelled);
    if (outcome.failures.length > 0 || outcome.notStarted.length > 0) {
        throw new UsersFailedError(
            `${failedRunMessage("Turning off the users' managed factors", outcome, usernames.length, run)}\n` +
                "Run the destroy again; to let go of the resource without touching the users, run `pulumi state delete <URN of this resource>` and remove it from the program.",
        );
    }
}
