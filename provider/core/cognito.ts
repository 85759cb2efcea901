// The Cognito calls, in their admin form (IAM credentials, pool id and username) and their
// self-service form (the user's access token). For read and delete, a user or pool that no
// longer exists is an answer ("gone"), not an error; for create and update it is an error.

import {
    AdminGetUserCommand,
    AdminSetUserMFAPreferenceCommand,
    GetUserCommand,
    SetUserMFAPreferenceCommand,
    type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { readAccessTokenClaims, type AccessTokenClaims } from "./accessToken";
import { describeFailure, errorName, type Subject } from "./errors";
import { readReportedMfa, type MfaSettingsRequest, type ReportedMfa } from "./mapping";
import type { MfaPreferenceInputs } from "./types";

export type Target =
    | { kind: "admin"; userPoolId: string; username: string }
    | { kind: "selfService"; accessToken: string; claims: AccessTokenClaims };

export interface UserMfa {
    /** The user's canonical username, whatever alias addressed it. */
    username: string;
    reported: ReportedMfa;
}

const GONE = ["UserNotFoundException", "ResourceNotFoundException"];

export function targetOf(properties: MfaPreferenceInputs): Target {
    if (properties.accessToken !== undefined) {
        const claims = readAccessTokenClaims(properties.accessToken);
        if (claims === undefined) {
            throw new Error("accessToken is not a Cognito access token");
        }
        return { kind: "selfService", accessToken: properties.accessToken, claims };
    }
    if (properties.userPoolId === undefined || properties.username === undefined) {
        throw new Error("userPoolId and username (or accessToken) are required");
    }
    return { kind: "admin", userPoolId: properties.userPoolId, username: properties.username };
}

export function userPoolIdOf(target: Target): string {
    return target.kind === "admin" ? target.userPoolId : target.claims.userPoolId;
}

export function subjectOf(target: Target): Subject {
    if (target.kind === "admin") {
        return { description: `user ${JSON.stringify(target.username)} in user pool ${target.userPoolId}` };
    }
    const { sub, userPoolId } = target.claims;
    return { description: `the user of the given access token (sub ${sub} in user pool ${userPoolId})`, accessToken: target.accessToken };
}

/** How a call treats a user or pool that does not exist. */
export type WhenGone = "answer" | "fail";

/** Writes the settings; "gone" (when allowed) if the user or pool does not exist. */
export async function setMfaPreference(
    client: CognitoIdentityProviderClient,
    target: Target,
    settings: MfaSettingsRequest,
    whenGone: WhenGone,
): Promise<"applied" | "gone"> {
    try {
        if (target.kind === "admin") {
            await client.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: target.userPoolId, Username: target.username, ...settings }));
        } else {
            await client.send(new SetUserMFAPreferenceCommand({ AccessToken: target.accessToken, ...settings }));
        }
        return "applied";
    } catch (error) {
        if (whenGone === "answer" && GONE.includes(errorName(error))) {
            return "gone";
        }
        throw describeFailure(operationName(target, "set"), subjectOf(target), error);
    }
}

/** Reads the user's MFA state; undefined (when allowed) if the user or pool does not exist. */
export async function getUserMfa(client: CognitoIdentityProviderClient, target: Target, whenGone: WhenGone): Promise<UserMfa | undefined> {
    try {
        const response =
            target.kind === "admin"
                ? await client.send(new AdminGetUserCommand({ UserPoolId: target.userPoolId, Username: target.username }))
                : await client.send(new GetUserCommand({ AccessToken: target.accessToken }));
        return { username: response.Username ?? "", reported: readReportedMfa(response) };
    } catch (error) {
        if (whenGone === "answer" && GONE.includes(errorName(error))) {
            return undefined;
        }
        throw describeFailure(operationName(target, "get"), subjectOf(target), error);
    }
}

function operationName(target: Target, action: "set" | "get"): string {
    const admin = target.kind === "admin" ? "Admin" : "";
    return action === "set" ? `${admin}SetUserMFAPreference` : `${admin}GetUser`;
}
