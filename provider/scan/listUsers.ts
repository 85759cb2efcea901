// The scan's listing: the core's, with fixes in the command's own terms (its flags); a filter
// Cognito rejects is reported in Cognito's words alone.

import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { FrontEndHints } from "../core/errors";
import { listUsernames as listPoolUsernames, type UserSelection } from "../core/listUsers";

export type { UserSelection };

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

export function listUsernames(client: CognitoIdentityProviderClient, selection: UserSelection): AsyncGenerator<string> {
    return listPoolUsernames(client, selection, LIST_HINTS);
}
