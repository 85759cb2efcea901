// The main program: one UserMfaPreference per user of a users file (what
// `npx pulumi-cognito-mfa scan --format config` writes) or of the stack's `users` config, or, when
// the users are a map from username to factors (`scan --resource set`), one UserMfaPreferenceSet
// of them all, for large pools; or, when they are a list of named sets (`scan --resource set
// --sets <count>`), one UserMfaPreferenceSet each, for the largest. Against real AWS it needs only `aws:region` (or AWS_REGION) and
// credentials; see README.

import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { UserMfaPreference, UserMfaPreferenceSet, userMfaResourceName, type UserFactorsArgs, type UserMfaPreferenceArgs } from "pulumi-cognito-mfa";

type UserConfig = { username: string } & Pick<UserMfaPreferenceArgs, "smsMfa" | "softwareTokenMfa" | "emailMfa" | "webAuthnMfa">;
type NamedSet = { name: string; users: Record<string, UserFactorsArgs> };
/** A list of users, one resource each; a map from username to factors, one UserMfaPreferenceSet; or a list of named sets. */
type DeclaredUsers = UserConfig[] | Record<string, UserFactorsArgs> | NamedSet[];

/** A list of sets: entries with a name and users, and no username. */
function isSetList(users: DeclaredUsers): users is NamedSet[] {
    return Array.isArray(users) && users.length > 0 && users.every((entry) => typeof entry === "object" && entry !== null && "name" in entry && "users" in entry && !("username" in entry));
}

/**
 * The users file, relative to the project, scales to any number of users; the `users` config value
 * does not: Pulumi hands the whole stack config to every plugin in one environment variable, which
 * Linux caps at 128 KiB (about a thousand users).
 */
function declaredUsers(config: pulumi.Config): DeclaredUsers {
    const usersFile = config.get("usersFile");
    const users = usersFile ? fs.readFileSync(path.resolve(usersFile), "utf8") : config.get("users");
    if (!users) {
        throw new Error("set the config value usersFile (a file from `npx pulumi-cognito-mfa scan`) or users (the same JSON list inline)");
    }
    return JSON.parse(users) as DeclaredUsers;
}

// The stack's one output is a count: per-user outputs would print thousands of lines in every
// preview, and each user's MFA is in its resource's state (`pulumi stack export`) anyway.
export = async () => {
    const config = new pulumi.Config();
    const userPoolId = config.require("userPoolId");
    const users = declaredUsers(config);
    if (isSetList(users)) {
        for (const set of users) {
            new UserMfaPreferenceSet(set.name, { userPoolId, users: set.users });
        }
        return { managedUsers: users.reduce((total, set) => total + Object.keys(set.users).length, 0) };
    }
    if (!Array.isArray(users)) {
        new UserMfaPreferenceSet(userMfaResourceName(userPoolId), { userPoolId, users });
        return { managedUsers: Object.keys(users).length };
    }
    for (const { username, ...factors } of users as UserConfig[]) {
        new UserMfaPreference(userMfaResourceName(username), { userPoolId, username, ...factors });
    }
    return { managedUsers: users.length };
};
