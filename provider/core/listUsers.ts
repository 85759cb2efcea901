// The usernames of a pool, or of one group, page by page (ListUsers or ListUsersInGroup, up to
// 60 users a page, Cognito's maximum). Only the usernames are kept: each user's MFA is read with
// AdminGetUser, since a listed user's record carries no MFA preference. Each front end may give
// its own fixes (a command's flags) in place of the resource's.

import { ListUsersCommand, ListUsersInGroupCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { describeFailure, type FrontEndHints } from "./errors";

export interface UserSelection {
    userPoolId: string;
    /** Only this group's members. */
    group?: string;
    /** A ListUsers filter, such as `status = "CONFIRMED"`; not with `group`. */
    filter?: string;
}

const PAGE_SIZE = 60;

export async function* listUsernames(client: CognitoIdentityProviderClient, selection: UserSelection, hints: FrontEndHints = {}): AsyncGenerator<string> {
    let token: string | undefined;
    do {
        const page = await listPage(client, selection, token, hints);
        yield* page.usernames;
        token = page.next;
    } while (token !== undefined);
}

async function listPage(client: CognitoIdentityProviderClient, selection: UserSelection, token: string | undefined, hints: FrontEndHints) {
    const { userPoolId, group, filter } = selection;
    try {
        if (group !== undefined) {
            const page = await client.send(new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: group, Limit: PAGE_SIZE, NextToken: token }));
            return { usernames: usernames(page.Users), next: page.NextToken || undefined };
        }
        // One attribute rather than all of them: the page is read for its usernames only.
        const page = await client.send(
            new ListUsersCommand({ UserPoolId: userPoolId, Filter: filter, Limit: PAGE_SIZE, PaginationToken: token, AttributesToGet: ["sub"] }),
        );
        return { usernames: usernames(page.Users), next: page.PaginationToken || undefined };
    } catch (error) {
        const operation = group === undefined ? "ListUsers" : "ListUsersInGroup";
        const listed = group === undefined ? `user pool ${userPoolId}` : `group ${JSON.stringify(group)} of user pool ${userPoolId}`;
        const description = filter === undefined ? listed : `${listed} with the filter ${JSON.stringify(filter)}`;
        throw describeFailure(operation, { description }, error, hints);
    }
}

function usernames(users: { Username?: string }[] | undefined): string[] {
    return (users ?? []).flatMap((user) => (user.Username ? [user.Username] : []));
}
