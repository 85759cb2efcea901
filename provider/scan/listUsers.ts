// The usernames of a pool, or of one group, page by page (ListUsers or ListUsersInGroup, up to
// 60 users a page, Cognito's maximum). Only the usernames are kept: each user's MFA is read with
// AdminGetUser, since a listed user's record carries no MFA preference.

import { ListUsersCommand, ListUsersInGroupCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { describeFailure, type FrontEndHints } from "../core/errors";

export interface UserSelection {
    userPoolId: string;
    /** Only this group's members. */
    group?: string;
    /** A ListUsers filter, such as `status = "CONFIRMED"`; not with `group`. */
    filter?: string;
}

const PAGE_SIZE = 60;

// Fixes in the command's own terms; a filter Cognito rejects is reported in Cognito's words alone.
const PERMISSIONS_FIX = "the AWS credentials in use need cognito-idp:ListUsers (or ListUsersInGroup with --group) and cognito-idp:AdminGetUser on the user pool";

const LIST_HINTS: FrontEndHints = {
    byName: {
        ResourceNotFoundException: [
            { when: /group/i, fix: "check --group: `aws cognito-idp list-groups --user-pool-id <id>` lists the pool's groups" },
            { fix: "check --user-pool-id, and that --region (default: the pool id's prefix) and --endpoint point where the pool lives" },
        ],
        NotAuthorizedException: [{ fix: PERMISSIONS_FIX }],
        AccessDeniedException: [{ fix: PERMISSIONS_FIX }],
        InvalidParameterException: [],
    },
    transport: "Cognito could not be reached within the retries: check network access, --endpoint (or AWS_ENDPOINT_URL) and --region, then run again",
};

export async function* listUsernames(client: CognitoIdentityProviderClient, selection: UserSelection): AsyncGenerator<string> {
    let token: string | undefined;
    do {
        const page = await listPage(client, selection, token);
        yield* page.usernames;
        token = page.next;
    } while (token !== undefined);
}

async function listPage(client: CognitoIdentityProviderClient, selection: UserSelection, token: string | undefined) {
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
        const description = filter === undefined ? listed : `${listed} with --filter ${JSON.stringify(filter)}`;
        throw describeFailure(operation, { description }, error, LIST_HINTS);
    }
}

function usernames(users: { Username?: string }[] | undefined): string[] {
    return (users ?? []).flatMap((user) => (user.Username ? [user.Username] : []));
}
