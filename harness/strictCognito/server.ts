// The strict Cognito: an HTTP server in front of moto that answers as Cognito does where moto is
// laxer. It intercepts the calls whose behaviour differs (the MFA preference, user reads and
// lists, the pool's MFA configuration, legacy user settings), enforces the request-rate quotas,
// and forwards everything else to moto untouched (other Cognito calls, S3, moto's own API).
//
// Its back door, for tests (docs/development.md, "The strict Cognito"):
//   POST /strict-api/settings  {"quotas": QuotaRates | null, "requiredPoolOff": "ignore" | "reject",
//                               "emptyMfaList": "absent" | "empty"}  (each optional)
//   POST /strict-api/reset     forgets the layer's users and pools, its buckets and its figures
//   GET  /strict-api/stats     requests admitted and throttled by quota category, with the times
//                              of the first and last admitted (for a combined rate)
// A request that must reach moto's laxness goes to moto's own endpoint.

import * as http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { listedUser, userAnswer, type EmptyMfaList } from "./answers";
import { CognitoError, setPreference, type PreferenceRequest, type RequiredPoolOff } from "./preferences";
import { CATEGORY, COGNITO_RATES, Quotas, type Category, type QuotaRates } from "./quotas";
import { Store } from "./store";
import { UpstreamError, upstreamAt, type Upstream } from "./upstream";

export interface StrictSettings {
    /** null: no quota is enforced. */
    quotas: QuotaRates | null;
    requiredPoolOff: RequiredPoolOff;
    emptyMfaList: EmptyMfaList;
}

export const DEFAULT_SETTINGS: StrictSettings = { quotas: COGNITO_RATES, requiredPoolOff: "ignore", emptyMfaList: "absent" };

export interface Stats {
    admitted: Partial<Record<Category, number>>;
    throttled: Partial<Record<Category, number>>;
    firstAdmittedAt?: number;
    lastAdmittedAt?: number;
}

const SERVICE = "AWSCognitoIdentityProviderService.";

interface Body {
    UserPoolId?: string;
    Username?: string;
    AccessToken?: string;
    [key: string]: unknown;
}

/** The pool id and username an access token names (Cognito's claims `iss` and `username`). */
function tokenClaims(token: string | undefined): { userPoolId: string; username: string } | undefined {
    try {
        const claims = JSON.parse(Buffer.from(String(token).split(".")[1], "base64url").toString()) as { iss?: string; username?: string };
        return { userPoolId: String(claims.iss).split("/").pop()!, username: String(claims.username) };
    } catch {
        return undefined;
    }
}

/** A signature scope for the pool's region, for the unsigned self-service calls: moto serves each region apart. */
function authorizationFor(userPoolId: string | undefined): string {
    const region = userPoolId?.includes("_") ? userPoolId.split("_")[0] : "us-east-1";
    return `AWS4-HMAC-SHA256 Credential=testing/20260101/${region}/cognito-idp/aws4_request, SignedHeaders=host, Signature=0`;
}

function send(response: http.ServerResponse, status: number, body: object, errorType?: string): void {
    const text = JSON.stringify(body);
    response.writeHead(status, {
        "Content-Type": "application/x-amz-json-1.1",
        "Content-Length": Buffer.byteLength(text),
        ...(errorType ? { "x-amzn-ErrorType": errorType } : {}),
    });
    response.end(text);
}

function sendError(response: http.ServerResponse, error: unknown): void {
    if (error instanceof CognitoError) {
        send(response, 400, { __type: error.type, message: error.message }, error.type);
    } else if (error instanceof UpstreamError) {
        send(response, error.status, { __type: error.type, message: error.message }, error.type);
    } else {
        send(response, 500, { __type: "InternalErrorException", message: String(error) }, "InternalErrorException");
    }
}

export class StrictCognito {
    private settings: StrictSettings = { ...DEFAULT_SETTINGS };
    private quotas: Quotas | undefined = new Quotas(COGNITO_RATES);
    private readonly store = new Store();
    private stats: Stats = { admitted: {}, throttled: {} };

    constructor(private readonly upstream: Upstream) {}

    /**
     * Answers the request, or undefined to forward it to moto as it came. AUTHORIZATION is the
     * caller's: its credential scope names the region, where a pool of another region is not found.
     */
    async answer(operation: string, body: Body, authorization?: string): Promise<object | undefined> {
        const pool = body.UserPoolId;
        const auth = authorization ?? authorizationFor(pool);
        switch (operation) {
            case "AdminSetUserMFAPreference":
                await setPreference(this.upstream, this.store, this.settings.requiredPoolOff, pool!, body.Username!, body as PreferenceRequest, auth);
                return {};
            case "SetUserMFAPreference": {
                const claims = tokenClaims(body.AccessToken);
                // moto checks the token (expired, revoked, unknown) and names its user.
                const { Username } = await this.upstream.call<{ Username: string }>("GetUser", { AccessToken: body.AccessToken }, authorizationFor(claims?.userPoolId));
                await setPreference(this.upstream, this.store, this.settings.requiredPoolOff, claims!.userPoolId, Username, body as PreferenceRequest, authorizationFor(claims?.userPoolId));
                return {};
            }
            case "AdminGetUser": {
                const answer = await this.upstream.call<{ Username: string }>(operation, body, auth);
                return userAnswer(answer, this.store.user(pool!, answer.Username), this.settings.emptyMfaList);
            }
            case "GetUser": {
                const claims = tokenClaims(body.AccessToken);
                const answer = await this.upstream.call<{ Username: string }>(operation, body, authorizationFor(claims?.userPoolId));
                return userAnswer(answer, this.store.user(claims?.userPoolId ?? "", answer.Username), this.settings.emptyMfaList);
            }
            case "ListUsers":
            case "ListUsersInGroup": {
                const answer = await this.upstream.call<{ Users?: { Username: string }[] }>(operation, body, auth);
                return { ...answer, Users: answer.Users?.map((user) => listedUser(user, this.store.user(pool!, user.Username))) };
            }
            case "AdminSetUserSettings": {
                // Legacy SMS MFA (MFAOptions), which moto does not implement.
                const { Username } = await this.upstream.call<{ Username: string }>("AdminGetUser", { UserPoolId: pool, Username: body.Username }, auth);
                const options = (body.MFAOptions ?? []) as { DeliveryMedium: string; AttributeName: string }[];
                this.store.updateUser(pool!, Username, { mfaOptions: options.length > 0 ? options : undefined });
                return {};
            }
            case "SetUserPoolMfaConfig": {
                const { EmailMfaConfiguration, WebAuthnConfiguration, ...rest } = body;
                const answer = await this.upstream.call(operation, rest, auth);
                this.store.updatePool(pool!, {
                    ...(EmailMfaConfiguration !== undefined ? { EmailMfaConfiguration: EmailMfaConfiguration as Record<string, unknown> } : {}),
                    ...(WebAuthnConfiguration !== undefined ? { WebAuthnConfiguration: WebAuthnConfiguration as object } : {}),
                });
                return { ...answer, ...this.store.pool(pool!) };
            }
            case "GetUserPoolMfaConfig":
                return { ...(await this.upstream.call(operation, body, auth)), ...this.store.pool(pool!) };
            case "AdminDeleteUser": {
                const { Username } = await this.upstream.call<{ Username: string }>("AdminGetUser", { UserPoolId: pool, Username: body.Username }, auth);
                await this.upstream.call(operation, body, auth);
                this.store.forgetUser(pool!, Username);
                return {};
            }
            case "DeleteUserPool":
                await this.upstream.call(operation, body, auth);
                this.store.forgetPool(pool!);
                return {};
            default:
                return undefined;
        }
    }

    /** Takes the request's quota, or answers false when Cognito would throttle it. */
    admit(operation: string, body: Body): boolean {
        const category = CATEGORY[operation];
        if (category === undefined) {
            return true;
        }
        const claims = body.AccessToken !== undefined ? tokenClaims(body.AccessToken) : undefined;
        const user = claims ? `${claims.userPoolId}/${claims.username}` : body.Username !== undefined ? `${body.UserPoolId}/${body.Username}` : undefined;
        const admitted = this.quotas === undefined || this.quotas.admit(operation, user);
        const counts = admitted ? this.stats.admitted : this.stats.throttled;
        counts[category] = (counts[category] ?? 0) + 1;
        if (admitted) {
            this.stats.firstAdmittedAt ??= Date.now();
            this.stats.lastAdmittedAt = Date.now();
        }
        return admitted;
    }

    configure(change: Partial<StrictSettings>): StrictSettings {
        this.settings = { ...this.settings, ...change };
        if ("quotas" in change) {
            this.quotas = change.quotas === null ? undefined : new Quotas({ ...COGNITO_RATES, ...change.quotas });
        }
        return this.settings;
    }

    reset(): void {
        this.store.clear();
        this.stats = { admitted: {}, throttled: {} };
        this.configure({ quotas: this.settings.quotas });
    }

    figures(): Stats {
        return this.stats;
    }
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        request.on("data", (chunk: Buffer) => chunks.push(chunk));
        request.on("end", () => resolve(Buffer.concat(chunks)));
        request.on("error", reject);
    });
}

function forward(upstream: Upstream, request: http.IncomingMessage, response: http.ServerResponse, body: Buffer): void {
    const onward = http.request(
        { host: upstream.url.hostname, port: upstream.url.port, method: request.method, path: request.url, headers: request.headers, agent: upstream.agent },
        (answer) => {
            response.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(response);
        },
    );
    onward.on("error", () => request.socket.destroy());
    onward.end(body);
}

async function backDoor(strict: StrictCognito, request: http.IncomingMessage, response: http.ServerResponse, body: Buffer): Promise<void> {
    const route = `${request.method} ${request.url}`;
    if (route === "POST /strict-api/settings") {
        send(response, 200, strict.configure(JSON.parse(body.toString() || "{}") as Partial<StrictSettings>));
    } else if (route === "POST /strict-api/reset") {
        strict.reset();
        send(response, 200, {});
    } else if (route === "GET /strict-api/stats") {
        send(response, 200, strict.figures());
    } else {
        send(response, 404, { message: `no such back-door route: ${route}` });
    }
}

export async function startStrictServer(target: string, port = 0): Promise<{ port: number; close(): Promise<void> }> {
    const upstream = upstreamAt(target);
    const strict = new StrictCognito(upstream);
    const server = http.createServer(async (request, response) => {
        try {
            const body = await readBody(request);
            if (request.url?.startsWith("/strict-api/")) {
                return await backDoor(strict, request, response, body);
            }
            const target = String(request.headers["x-amz-target"] ?? "");
            if (!target.startsWith(SERVICE)) {
                return forward(upstream, request, response, body);
            }
            const operation = target.slice(SERVICE.length);
            const parsed = JSON.parse(body.toString() || "{}") as Body;
            if (!strict.admit(operation, parsed)) {
                return send(response, 400, { __type: "TooManyRequestsException", message: "Rate exceeded" }, "TooManyRequestsException");
            }
            const answer = await strict.answer(operation, parsed, request.headers.authorization);
            return answer === undefined ? forward(upstream, request, response, body) : send(response, 200, answer);
        } catch (error) {
            sendError(response, error);
        }
    });
    const sockets = new Set<Socket>();
    server.on("connection", (socket) => {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => resolve());
    });
    return {
        port: (server.address() as AddressInfo).port,
        close: () =>
            new Promise<void>((resolve) => {
                server.close(() => resolve());
                sockets.forEach((socket) => socket.destroy());
                upstream.agent.destroy();
            }),
    };
}
