// The main program: one UserMfaPreference per user listed in the stack's config. Against real
// AWS it needs only `aws:region` (or AWS_REGION) and credentials; see README.

import * as pulumi from "@pulumi/pulumi";
import { UserMfaPreference, type UserMfaPreferenceArgs } from "pulumi-cognito-mfa";

type UserConfig = { username: string } & Pick<UserMfaPreferenceArgs, "smsMfa" | "softwareTokenMfa" | "emailMfa" | "webAuthnMfa">;

export = async () => {
    const config = new pulumi.Config();
    const userPoolId = config.require("userPoolId");
    const users = config.requireObject<UserConfig[]>("users");

    const mfa: Record<string, { enabledMfas: pulumi.Output<string[]>; preferredMfa: pulumi.Output<string | undefined> }> = {};
    for (const { username, ...factors } of users) {
        const preference = new UserMfaPreference(`${username}-mfa`, { userPoolId, username, ...factors });
        mfa[username] = { enabledMfas: preference.enabledMfas, preferredMfa: preference.preferredMfa };
    }
    return { mfa };
};
