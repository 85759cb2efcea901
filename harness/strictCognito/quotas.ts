// Cognito's request-rate quotas (developer guide, "Quotas in Amazon Cognito"): per account and
// region, across every pool, UserRead 120/s, UserUpdate 25/s and UserList 30/s; and per user, 10
// reads and 10 writes a second, fixed. Beyond them Cognito answers TooManyRequestsException
// "Rate exceeded". One strict layer serves one account, as moto does by default.

export type Category = "read" | "write" | "list";

/** The operations this project calls or sets up with, by quota category. */
export const CATEGORY: Record<string, Category> = {
    AdminGetUser: "read",
    GetUser: "read",
    AdminSetUserMFAPreference: "write",
    SetUserMFAPreference: "write",
    AdminSetUserSettings: "write",
    ListUsers: "list",
    ListUsersInGroup: "list",
};

export interface QuotaRates {
    /** Per account, per second. */
    read: number;
    write: number;
    list: number;
    /** Per user, per second, for reads and for writes. */
    userRead: number;
    userWrite: number;
}

export const COGNITO_RATES: QuotaRates = { read: 120, write: 25, list: 30, userRead: 10, userWrite: 10 };

/** A bucket that holds one second of its rate and refills continuously. */
class Bucket {
    private tokens: number;
    private last = Date.now();
    constructor(private readonly rate: number) {
        this.tokens = rate;
    }
    private refill(now: number): void {
        this.tokens = Math.min(this.rate, this.tokens + ((now - this.last) / 1000) * this.rate);
        this.last = now;
    }
    available(now: number): boolean {
        this.refill(now);
        return this.tokens >= 1;
    }
    take(): void {
        this.tokens -= 1;
    }
}

export class Quotas {
    private readonly account = new Map<Category, Bucket>();
    private readonly users = new Map<string, Bucket>();

    constructor(private readonly rates: QuotaRates) {}

    /**
     * Takes one request of OPERATION for USER (pool id and username; undefined for a list), or
     * answers false when a bucket is empty. A refused request takes nothing, as a throttled
     * request costs no quota.
     */
    admit(operation: string, user: string | undefined, now = Date.now()): boolean {
        const category = CATEGORY[operation];
        if (category === undefined) {
            return true;
        }
        const buckets = [this.bucket(this.account, category, this.rates[category])];
        if (user !== undefined && category !== "list") {
            const perUser = category === "read" ? this.rates.userRead : this.rates.userWrite;
            buckets.push(this.bucket(this.users, `${category} ${user}`, perUser));
        }
        if (!buckets.every((bucket) => bucket.available(now))) {
            return false;
        }
        buckets.forEach((bucket) => bucket.take());
        return true;
    }

    private bucket<K>(buckets: Map<K, Bucket>, key: K, rate: number): Bucket {
        let bucket = buckets.get(key);
        if (bucket === undefined) {
            bucket = new Bucket(rate);
            buckets.set(key, bucket);
        }
        return bucket;
    }
}
