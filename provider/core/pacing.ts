// Paces the calls of one SDK client at Cognito's documented request-rate quotas, so that a
// stack of thousands of resources runs at the quota instead of into it. Without it, the first
// throttling answers make the SDK's adaptive mode cut its rate far below the quota and recover
// slowly (measured: 2.6x the quota's floor for 1,000 users; see BENCHMARKS.md). Every attempt
// is paced, retries included. Accounts with raised quotas set the rates through the environment.
//
// The quotas are per account and region, across every pool: two stacks (or a stack and a scan)
// running at once share them, and neither can see the other. So a throttled answer halves the
// rate of its category, at most once a second (the answers to the calls then in flight all say
// the same), and each answer that is not throttled gives a little of it back: the processes
// settle on shares of the quota (additive increase, multiplicative decrease) instead of retrying
// into it. Alone, a process is never throttled and keeps the full rate.

import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { errorName } from "./errors";

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

/** A throttled answer cuts the rate to this share of what it was. */
export const SLOW_DOWN = 0.5;
/** At most one cut in this time. */
export const SLOW_DOWN_EVERY_MS = 1_000;
/** Each answer that is not throttled gives back this share of the full rate. */
export const SPEED_UP_SHARE = 1 / 400;
/** The rate never falls under this share of the full rate. */
export const LOWEST_SHARE = 1 / 25;

/** The answers that say the account's quota is spent. */
const THROTTLED = ["TooManyRequestsException", "ThrottlingException"];

/** Hands out evenly spaced start times: at most `perSecond` calls start in any one second. */
export class Pacer {
    private queue: Promise<void> = Promise.resolve();
    private lastStart = Number.NEGATIVE_INFINITY;
    private rate: number;
    private lastCut = Number.NEGATIVE_INFINITY;

    constructor(
        private readonly fullRate: number,
        private readonly now: () => number = Date.now,
    ) {
        this.rate = fullRate;
    }

    /** The calls a second it starts now. */
    get perSecond(): number {
        return this.rate;
    }

    /**
     * Resolves at the caller's start time. Callers go one at a time, and each one's gap after the
     * last is taken at the rate of the moment: a cut slows the very next call, not only those
     * that come after the calls already waiting (32 of them, over a second at 25 a second).
     */
    wait(): Promise<void> {
        if (!(this.fullRate > 0)) {
            return Promise.resolve();
        }
        const turn = this.queue.then(() => this.nextTurn());
        this.queue = turn;
        return turn;
    }

    private async nextTurn(): Promise<void> {
        const now = this.now();
        const slot = Math.max(now, this.lastStart + 1000 / this.rate);
        if (slot > now) {
            await new Promise((resolve) => setTimeout(resolve, slot - now));
        }
        this.lastStart = slot;
    }

    /** Someone else is spending the quota too: slow down. */
    throttled(): void {
        const now = this.now();
        if (now - this.lastCut >= SLOW_DOWN_EVERY_MS) {
            this.lastCut = now;
            this.rate = Math.max(this.fullRate * LOWEST_SHARE, this.rate * SLOW_DOWN);
        }
    }

    /** An answer that was not throttled: speed up a little, up to the full rate. */
    answered(): void {
        this.rate = Math.min(this.fullRate, this.rate + this.fullRate * SPEED_UP_SHARE);
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
            if (category === undefined) {
                return next(args);
            }
            const pacer = pacers[category];
            await pacer.wait();
            try {
                const answer = await next(args);
                pacer.answered();
                return answer;
            } catch (error) {
                if (THROTTLED.includes(errorName(error))) {
                    pacer.throttled();
                } else {
                    pacer.answered();
                }
                throw error;
            }
        },
        // After the retry middleware (finalizeRequest, high), so that each attempt is paced.
        { step: "finalizeRequest", priority: "low", name: "cognitoQuotaPacing" },
    );
}
