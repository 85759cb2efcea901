// Paces the calls of one SDK client at Cognito's documented request-rate quotas, so that a
// stack of thousands of resources runs at the quota instead of into it. Without it, the first
// throttling answers make the SDK's adaptive mode cut its rate far below the quota and recover
// slowly (measured: 2.6x the quota's floor for 1,000 users; see BENCHMARKS.md). Every attempt
// is paced, retries included. Accounts with raised quotas set the rates through the environment.

import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";

/**
 * Cognito quotas (developer guide, "Quotas in Amazon Cognito", category operations), per account
 * and region: UserUpdate 25/s, UserRead 120/s, and UserList ("operations that return a list of
 * users": ListUsers, ListUsersInGroup) 30/s, which is not adjustable.
 */
export const DEFAULT_WRITES_PER_SECOND = 25;
export const DEFAULT_READS_PER_SECOND = 120;
export const DEFAULT_LISTS_PER_SECOND = 30;

type Category = "write" | "read" | "list";

const CATEGORY: Record<string, Category> = {
    AdminSetUserMFAPreferenceCommand: "write",
    SetUserMFAPreferenceCommand: "write",
    AdminGetUserCommand: "read",
    GetUserCommand: "read",
    ListUsersCommand: "list",
    ListUsersInGroupCommand: "list",
};

/** Hands out evenly spaced start times: at most `perSecond` calls start in any one second. */
export class Pacer {
    private nextSlot = 0;
    constructor(private readonly perSecond: number) {}

    async wait(): Promise<void> {
        if (!(this.perSecond > 0)) {
            return;
        }
        const now = Date.now();
        const slot = Math.max(now, this.nextSlot);
        this.nextSlot = slot + 1000 / this.perSecond;
        if (slot > now) {
            await new Promise((resolve) => setTimeout(resolve, slot - now));
        }
    }
}

function rateFromEnvironment(name: string, fallback: number): number {
    const value = process.env[name];
    return value === undefined || value === "" ? fallback : Number(value);
}

export function addPacing(client: CognitoIdentityProviderClient): void {
    const pacers: Record<Category, Pacer> = {
        write: new Pacer(rateFromEnvironment("COGNITO_MFA_WRITES_PER_SECOND", DEFAULT_WRITES_PER_SECOND)),
        read: new Pacer(rateFromEnvironment("COGNITO_MFA_READS_PER_SECOND", DEFAULT_READS_PER_SECOND)),
        list: new Pacer(rateFromEnvironment("COGNITO_MFA_LISTS_PER_SECOND", DEFAULT_LISTS_PER_SECOND)),
    };
    client.middlewareStack.add(
        (next, context) => async (args) => {
            const category = CATEGORY[context.commandName ?? ""];
            if (category !== undefined) {
                await pacers[category].wait();
            }
            return next(args);
        },
        // After the retry middleware (finalizeRequest, high), so that each attempt is paced.
        { step: "finalizeRequest", priority: "low", name: "cognitoQuotaPacing" },
    );
}
