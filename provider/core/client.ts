// One SDK client per region and endpoint for the whole provider process: every resource shares
// its connection pool and, in adaptive retry mode, its client-side rate limiter, so throttling
// slows the whole run down evenly instead of each resource backing off on its own.
// Credentials are never passed in: the SDK's default chain resolves them at call time.

import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { addPacing } from "./pacing";

/** Attempts per call, first included. Enough to ride out throttling bursts at Cognito's quotas. */
export const DEFAULT_MAX_ATTEMPTS = 10;
/** A request that has not answered in this time is abandoned (and retried): never a hang. */
export const REQUEST_TIMEOUT_MS = 10_000;
export const CONNECTION_TIMEOUT_MS = 5_000;

export interface ClientLocation {
    /** Undefined: the SDK's own chain (AWS_REGION, profile). */
    region?: string;
    /** Undefined: the SDK's own (AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, AWS_ENDPOINT_URL, AWS). */
    endpoint?: string;
}

const clients = new Map<string, CognitoIdentityProviderClient>();

export function cognitoClient(location: ClientLocation): CognitoIdentityProviderClient {
    const key = `${location.region ?? ""} ${location.endpoint ?? ""}`;
    let client = clients.get(key);
    if (client === undefined) {
        client = new CognitoIdentityProviderClient({
            region: location.region,
            endpoint: location.endpoint,
            // The standard variables still win, so an operator can tune retries without a release.
            retryMode: process.env.AWS_RETRY_MODE ?? "adaptive",
            maxAttempts: process.env.AWS_MAX_ATTEMPTS ? Number(process.env.AWS_MAX_ATTEMPTS) : DEFAULT_MAX_ATTEMPTS,
            requestHandler: { requestTimeout: REQUEST_TIMEOUT_MS, connectionTimeout: CONNECTION_TIMEOUT_MS },
        });
        addPacing(client);
        clients.set(key, client);
    }
    return client;
}

/** How many clients this process made; for tests and the benchmark. */
export function clientCount(): number {
    return clients.size;
}
