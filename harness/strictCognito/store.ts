// What the strict layer keeps that moto drops: each user's email and passkey MFA settings and
// legacy MFAOptions, and each pool's email and passkey MFA configuration.

export interface UserExtras {
    emailEnabled: boolean;
    /** Email OTP is the preferred factor (moto then holds no preferred factor). */
    emailPreferred: boolean;
    webAuthnEnabled: boolean;
    /** Legacy SMS MFA set with AdminSetUserSettings; undefined: none. */
    mfaOptions?: { DeliveryMedium: string; AttributeName: string }[];
}

export interface PoolExtras {
    EmailMfaConfiguration?: Record<string, unknown>;
    WebAuthnConfiguration?: { RelyingPartyId?: string; UserVerification?: string; FactorConfiguration?: string };
}

const NO_EXTRAS: UserExtras = { emailEnabled: false, emailPreferred: false, webAuthnEnabled: false };

export class Store {
    private readonly users = new Map<string, UserExtras>();
    private readonly pools = new Map<string, PoolExtras>();

    user(userPoolId: string, username: string): UserExtras {
        return this.users.get(`${userPoolId}/${username}`) ?? NO_EXTRAS;
    }

    updateUser(userPoolId: string, username: string, change: Partial<UserExtras>): void {
        this.users.set(`${userPoolId}/${username}`, { ...this.user(userPoolId, username), ...change });
    }

    forgetUser(userPoolId: string, username: string): void {
        this.users.delete(`${userPoolId}/${username}`);
    }

    pool(userPoolId: string): PoolExtras {
        return this.pools.get(userPoolId) ?? {};
    }

    updatePool(userPoolId: string, change: PoolExtras): void {
        this.pools.set(userPoolId, { ...this.pool(userPoolId), ...change });
    }

    forgetPool(userPoolId: string): void {
        this.pools.delete(userPoolId);
        for (const key of [...this.users.keys()].filter((key) => key.startsWith(`${userPoolId}/`))) {
            this.users.delete(key);
        }
    }

    clear(): void {
        this.users.clear();
        this.pools.clear();
    }
}
