// Calls to the emulator underneath (moto), in Cognito's JSON protocol. moto checks no signature,
// so the strict layer reads what it needs (the user's attributes, the pool's configuration) with
// plain requests of its own.

import * as http from "node:http";

export class UpstreamError extends Error {
    constructor(
        readonly status: number,
        readonly type: string,
        message: string,
    ) {
        super(message);
    }
}

// moto takes the region from the credential scope.
const DEFAULT_AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=0";

export interface Upstream {
    /** One Cognito operation's answer; an UpstreamError for an error answer. */
    /** AUTHORIZATION: the caller's, whose credential scope names the region moto serves. */
    call<T = Record<string, unknown>>(operation: string, body: object, authorization?: string): Promise<T>;
    agent: http.Agent;
    url: URL;
}

export function upstreamAt(target: string): Upstream {
    const url = new URL(target);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    const call = <T>(operation: string, body: object, authorization = DEFAULT_AUTHORIZATION) =>
        new Promise<T>((resolve, reject) => {
            const payload = JSON.stringify(body);
            const request = http.request(
                {
                    host: url.hostname,
                    port: url.port,
                    method: "POST",
                    path: "/",
                    agent,
                    headers: {
                        "Content-Type": "application/x-amz-json-1.1",
                        "X-Amz-Target": `AWSCognitoIdentityProviderService.${operation}`,
                        Authorization: authorization,
                        "Content-Length": Buffer.byteLength(payload),
                    },
                },
                (answer) => {
                    const chunks: Buffer[] = [];
                    answer.on("data", (chunk: Buffer) => chunks.push(chunk));
                    answer.on("end", () => {
                        const text = Buffer.concat(chunks).toString();
                        const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
                        if ((answer.statusCode ?? 500) >= 300) {
                            const type = String(parsed.__type ?? answer.headers["x-amzn-errortype"] ?? "InternalErrorException").split("#").pop()!.split(":")[0];
                            reject(new UpstreamError(answer.statusCode ?? 500, type, String(parsed.message ?? parsed.Message ?? "")));
                        } else {
                            resolve(parsed as T);
                        }
                    });
                    answer.on("error", reject);
                },
            );
            request.on("error", reject);
            request.end(payload);
        });
    return { call, agent, url };
}
