// A loopback HTTP proxy in front of the Cognito emulator. It counts calls by operation at the
// wire and notes when each arrived and which user it named, can enforce Cognito's documented
// request rates (answering TooManyRequestsException beyond them, as Cognito does), and can inject
// faults: HTTP 500 InternalErrorException, connection resets, latency, throttling bursts, and
// being down. It counts the faults it injects, so that a test shows its fault happened. Used by
// the fault tests and the benchmark.

import * as http from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** Cognito's quota categories for the calls this provider makes (developer guide, quotas). */
export const QUOTA_CATEGORY: Record<string, keyof RateLimits> = {
    AdminSetUserMFAPreference: "write",
    SetUserMFAPreference: "write",
    AdminGetUser: "read",
    GetUser: "read",
    ListUsers: "list",
    ListUsersInGroup: "list",
};

export interface RateLimits {
    /** UserUpdate requests per second (Cognito: 25). */
    write: number;
    /** UserRead requests per second (Cognito: 120). */
    read: number;
    /** UserList requests per second (Cognito: 30); absent: not limited. */
    list?: number;
}

export interface Faults {
    /** Share of requests answered with HTTP 500 InternalErrorException. */
    errorRate?: number;
    /** Share of requests whose connection is reset before an answer. */
    resetRate?: number;
    /** Delay before each request is forwarded. */
    latencyMs?: number;
    /**
     * Throttling bursts: every `periodMs`, the first `burstMs` answer TooManyRequestsException.
     * The first burst starts at the first request after these faults are set.
     */
    throttleBurst?: { periodMs: number; burstMs: number };
    /** Every request naming one of these users (its `Username`) answers HTTP 500 InternalErrorException. */
    failingUsers?: string[];
    /**
     * The k-th write (AdminSetUserMFAPreference) after these faults are set answers HTTP 400
     * InvalidParameterException, which the SDK does not retry; its user is in `failedWrites`.
     */
    failingWrite?: number;
}

/** One request as it reached the proxy. */
export interface ReceivedRequest {
    /** X-Amz-Target without the service prefix. */
    operation: string;
    /** The request's `Username`; "" when it names none (a list). */
    username: string;
    /** The request's `UserPoolId`; "" when it names none. */
    userPoolId: string;
    /** When it arrived: performance.now(), in ms. */
    at: number;
}

export interface CognitoProxy {
    endpoint: string;
    /** Requests received, by operation (X-Amz-Target without the service prefix). */
    received: Map<string, number>;
    /** Every request received, in the order their bodies were read. */
    requests: ReceivedRequest[];
    /** The requests that named USERNAME (in that pool, when given), by operation. */
    receivedFor(username: string, userPoolId?: string): Record<string, number>;
    /** Requests answered with TooManyRequestsException by the rate limits or bursts. */
    throttled: Map<string, number>;
    /** Faults injected, by kind: "error" (HTTP 500), "reset", "latency", "burst" (TooManyRequestsException of a burst). */
    injected: Map<FaultKind, number>;
    /** The users whose write was failed by `failingWrite`. */
    failedWrites: string[];
    /** Resolves once COUNT more requests have been received. */
    whenReceived(count: number): Promise<void>;
    setFaults(faults: Faults): void;
    setRateLimits(limits: RateLimits | undefined): void;
    resetCounts(): void;
    /** Stops listening and drops every open connection: the service is down. */
    goDown(): Promise<void>;
    /** Listens again on the same port. */
    comeUp(): Promise<void>;
    close(): Promise<void>;
}

export type FaultKind = "error" | "reset" | "latency" | "burst";

/** A token bucket refilled continuously: at most `rate` requests in any one second. */
class RateLimiter {
    private tokens: number;
    private last = Date.now();
    constructor(private readonly rate: number) {
        this.tokens = rate;
    }
    take(): boolean {
        const now = Date.now();
        this.tokens = Math.min(this.rate, this.tokens + ((now - this.last) / 1000) * this.rate);
        this.last = now;
        if (this.tokens < 1) {
            return false;
        }
        this.tokens -= 1;
        return true;
    }
}

/**
 * The requests among TIMES (ms) that Cognito's quota of RATE a second would refuse, counted by a
 * token bucket that starts with only BURST tokens (RATE at most, refilled continuously), and what
 * the bucket held at its lowest before a request. The proxy's own bucket starts full, so a client
 * that is not paced would have its first RATE requests let through at once; this one does not.
 * The BURST allows for requests that reach the proxy a little late and then together.
 */
export function refusedFromEmptyBucket(times: number[], rate: number, burst: number): { refused: number; lowest: number } {
    const sorted = [...times].sort((a, b) => a - b);
    let tokens = burst;
    let lowest = burst;
    let refused = 0;
    for (let index = 0; index < sorted.length; index++) {
        tokens = Math.min(rate, tokens + (index === 0 ? 0 : ((sorted[index] - sorted[index - 1]) / 1000) * rate));
        lowest = Math.min(lowest, tokens);
        if (tokens < 1) {
            refused += 1;
        } else {
            tokens -= 1;
        }
    }
    return { refused, lowest };
}

/** Deterministic, so a failing fault run can be repeated (mulberry32). */
export function seededRandom(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

function increment(counts: Map<string, number>, key: string): void {
    counts.set(key, (counts.get(key) ?? 0) + 1);
}

function answerError(response: http.ServerResponse, status: number, type: string, message: string): void {
    const body = JSON.stringify({ __type: type, message });
    response.writeHead(status, { "Content-Type": "application/x-amz-json-1.1", "x-amzn-ErrorType": type, "Content-Length": Buffer.byteLength(body) });
    response.end(body);
}

/** The user and pool a request's body names ("" for what it does not name), read once. */
function requestedUser(body: Buffer[]): { username: string; userPoolId: string } {
    try {
        const { Username, UserPoolId } = JSON.parse(Buffer.concat(body).toString()) as Record<string, unknown>;
        return { username: String(Username ?? ""), userPoolId: String(UserPoolId ?? "") };
    } catch {
        return { username: "", userPoolId: "" };
    }
}

export async function startCognitoProxy(target: string, options: { seed?: number; port?: number } = {}): Promise<CognitoProxy> {
    const random = seededRandom(options.seed ?? 1);
    const received = new Map<string, number>();
    const requests: ReceivedRequest[] = [];
    const throttled = new Map<string, number>();
    const injected = new Map<FaultKind, number>();
    let faults: Faults = {};
    let limiters: Partial<Record<keyof RateLimits, RateLimiter>> | undefined;
    /** When the bursts' period began: at the first request under the current faults. */
    let burstsFrom: number | undefined;
    let receivedInAll = 0;
    /** Writes received under the current faults. */
    let writesUnderFaults = 0;
    const failedWrites: string[] = [];
    const waiters: { at: number; resolve: () => void }[] = [];
    const targetUrl = new URL(target);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

    const handle = (request: http.IncomingMessage, response: http.ServerResponse) => {
        const operation = String(request.headers["x-amz-target"] ?? "").split(".").pop() || "(none)";
        const at = performance.now();
        increment(received, operation);
        receivedInAll += 1;
        for (const waiter of waiters.filter(({ at }) => at <= receivedInAll)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve();
        }
        burstsFrom ??= Date.now();
        const chunks: Buffer[] = [];
        request.on("data", (chunk: Buffer) => chunks.push(chunk));
        request.on("end", async () => {
            const { username, userPoolId } = requestedUser(chunks);
            requests.push({ operation, username, userPoolId, at });
            if (faults.latencyMs) {
                increment(injected, "latency");
                await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
            }
            if (faults.resetRate && random() < faults.resetRate) {
                increment(injected, "reset");
                request.socket.destroy();
                return;
            }
            if (operation === "AdminSetUserMFAPreference" && ++writesUnderFaults === faults.failingWrite) {
                increment(injected, "error");
                failedWrites.push(username);
                answerError(response, 400, "InvalidParameterException", "injected failure of this write");
                return;
            }
            if (faults.failingUsers?.includes(username)) {
                increment(injected, "error");
                answerError(response, 500, "InternalErrorException", "injected internal error for this user");
                return;
            }
            if (faults.errorRate && random() < faults.errorRate) {
                increment(injected, "error");
                answerError(response, 500, "InternalErrorException", "injected internal error");
                return;
            }
            const burst = faults.throttleBurst;
            const category = QUOTA_CATEGORY[operation];
            const inBurst = burst !== undefined && (Date.now() - burstsFrom!) % burst.periodMs < burst.burstMs;
            if (category !== undefined && (inBurst || (limiters?.[category] !== undefined && !limiters[category].take()))) {
                if (inBurst) {
                    increment(injected, "burst");
                }
                increment(throttled, operation);
                answerError(response, 400, "TooManyRequestsException", "Rate exceeded");
                return;
            }
            const upstream = http.request(
                { host: targetUrl.hostname, port: targetUrl.port, method: request.method, path: request.url, headers: request.headers, agent },
                (answer) => {
                    response.writeHead(answer.statusCode ?? 502, answer.headers);
                    answer.pipe(response);
                },
            );
            upstream.on("error", () => request.socket.destroy());
            upstream.end(Buffer.concat(chunks));
        });
    };

    const sockets = new Set<Socket>();
    let server: http.Server;
    let port = options.port ?? 0;
    const listen = () =>
        new Promise<void>((resolve, reject) => {
            server = http.createServer(handle);
            server.on("connection", (socket) => {
                sockets.add(socket);
                socket.on("close", () => sockets.delete(socket));
            });
            server.once("error", reject);
            server.listen(port, "127.0.0.1", () => {
                port = (server.address() as AddressInfo).port;
                resolve();
            });
        });
    const stop = () =>
        new Promise<void>((resolve) => {
            server.close(() => resolve());
            sockets.forEach((socket) => socket.destroy());
        });

    await listen();
    return {
        endpoint: `http://127.0.0.1:${port}`,
        received,
        requests,
        receivedFor: (username, userPoolId) => {
            const counts: Record<string, number> = {};
            for (const request of requests.filter((one) => one.username === username && (userPoolId === undefined || one.userPoolId === userPoolId))) {
                counts[request.operation] = (counts[request.operation] ?? 0) + 1;
            }
            return counts;
        },
        throttled,
        injected,
        failedWrites,
        whenReceived: (count) => new Promise((resolve) => waiters.push({ at: receivedInAll + count, resolve })),
        setFaults: (next) => {
            faults = next;
            burstsFrom = undefined;
            writesUnderFaults = 0;
        },
        setRateLimits: (limits) =>
            (limiters = limits && {
                write: new RateLimiter(limits.write),
                read: new RateLimiter(limits.read),
                list: limits.list === undefined ? undefined : new RateLimiter(limits.list),
            }),
        resetCounts: () => {
            received.clear();
            requests.length = 0;
            throttled.clear();
            injected.clear();
            failedWrites.length = 0;
        },
        goDown: stop,
        comeUp: listen,
        close: async () => {
            await stop();
            agent.destroy();
        },
    };
}
