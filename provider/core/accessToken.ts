// Reads the claims of a Cognito access token locally, without verifying its signature: the
// provider only needs to know whose token it is (for diff and error messages); Cognito checks
// the signature on every call that uses it.

export interface AccessTokenClaims {
    /** The user's immutable id. */
    sub: string;
    /** The user pool that issued the token, taken from the `iss` claim. */
    userPoolId: string;
    username?: string;
    /** Expiry, in seconds since the epoch. */
    exp?: number;
}

/** Returns the token's claims, or undefined when it is not a Cognito access token. */
export function readAccessTokenClaims(token: string): AccessTokenClaims | undefined {
    const parts = token.split(".");
    if (parts.length !== 3) {
        return undefined;
    }
    let payload: unknown;
    try {
        payload = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
    } catch {
        return undefined;
    }
    if (typeof payload !== "object" || payload === null) {
        return undefined;
    }
    const claims = payload as Record<string, unknown>;
    const sub = claims["sub"];
    const iss = claims["iss"];
    if (typeof sub !== "string" || sub === "" || typeof iss !== "string") {
        return undefined;
    }
    // iss is https://cognito-idp.<region>.amazonaws.com/<userPoolId>
    const userPoolId = iss.slice(iss.lastIndexOf("/") + 1);
    if (userPoolId === "") {
        return undefined;
    }
    return {
        sub,
        userPoolId,
        username: typeof claims["username"] === "string" ? claims["username"] : undefined,
        exp: typeof claims["exp"] === "number" ? claims["exp"] : undefined,
    };
}
