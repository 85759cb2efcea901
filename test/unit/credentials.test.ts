// Credential problems, as a new user meets them, through the AWS SDK's real default credential
// chain (a throwaway HOME with its own ~/.aws, instance metadata off): each gets its own message
// and fix, in the resource's calls and in the scan command alike, and none is called a network
// problem. Each runs in a process of its own, from the built package, with only the case's
// environment. Only the expired session token needs an answer from AWS: a loopback server gives
// the one AWS gives.

import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";

const POOL = "us-east-1_AbC123";
const DIST = path.resolve(__dirname, "../../dist/provider");

const SSO_CONFIG = `[profile dev]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Admin
region = us-east-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
`;

interface Case {
    title: string;
    /** ~/.aws files of the throwaway HOME. */
    files?: Record<string, string>;
    env: Record<string, string>;
    fix: RegExp;
    /** The endpoint answers this AWS error (JSON protocol); absent: nothing listens there. */
    answer?: { type: string; message: string };
}

const ssoCache = (): Record<string, string> => ({
    config: SSO_CONFIG,
    // Where `aws sso login` caches the session's token: sso/cache/<sha1 of the session name>.json.
    [`sso/cache/${createHash("sha1").update("corp").digest("hex")}.json`]: JSON.stringify({
        startUrl: "https://corp.awsapps.com/start",
        region: "us-east-1",
        accessToken: "expired",
        expiresAt: "2026-01-01T00:00:00Z",
        clientId: "client",
        clientSecret: "secret",
        registrationExpiresAt: "2026-03-01T00:00:00Z",
        refreshToken: "refresh",
    }),
});

const CASES: Case[] = [
    { title: "no credentials anywhere", env: {}, fix: /no AWS credentials were found: set AWS_PROFILE .* or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/ },
    {
        title: "AWS_PROFILE naming a profile that does not exist",
        files: { config: SSO_CONFIG },
        env: { AWS_PROFILE: "prod" },
        fix: /AWS_PROFILE names the profile "prod", which is in neither .*config nor .*credentials: correct AWS_PROFILE \(`aws configure list-profiles`/,
    },
    {
        title: "an expired SSO session",
        files: ssoCache(),
        // The SDK first tries to renew the token; here that call is refused, as an expired refresh would be.
        env: { AWS_PROFILE: "dev", AWS_ENDPOINT_URL_SSO_OIDC: "http://127.0.0.1:9", AWS_ENDPOINT_URL_SSO: "http://127.0.0.1:9" },
        fix: /SSO\) sign-in of profile "dev" has expired or was never made: run `aws sso login --profile dev`/,
    },
    {
        title: "an expired session token",
        env: { AWS_ACCESS_KEY_ID: "ASIAEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret", AWS_SESSION_TOKEN: "token" },
        answer: { type: "ExpiredTokenException", message: "The security token included in the request is expired" },
        fix: /session token has expired: get new ones \(`aws sso login`, assume the role again, or renew AWS_SESSION_TOKEN/,
    },
];

/**
 * The one variable kept from the test's own environment: the marker by which scripts/run/survivors.sh
 * finds every process a test command started (no AWS SDK reads it). Without it, a process started
 * here and left running would go unseen.
 */
const SURVIVOR_MARKER: Record<string, string> = process.env.COGNITO_MFA_RUN === undefined ? {} : { COGNITO_MFA_RUN: process.env.COGNITO_MFA_RUN };

/** Runs `args` with node in the case's environment alone; what it printed, and its status. */
async function run(args: string[], env: Record<string, string>): Promise<{ status: number | null; output: string }> {
    const child = spawn(process.execPath, args, { env: { ...env, ...SURVIVOR_MARKER }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
    return { status, output };
}

/** The resource's read, as a dynamic or native provider makes it. */
const RESOURCE_READ = `
const { readPreference } = require(${JSON.stringify(path.join(DIST, "core/operations.js"))});
readPreference(${JSON.stringify(`${POOL}/alice`)}, undefined).then(
    () => console.log("no failure"),
    (error) => console.log(error.message),
);`;

describe("credential problems", function () {
    this.timeout(30_000);
    let close = () => undefined as void;
    let caseHome: string | undefined;
    afterEach(() => {
        close();
        if (caseHome) fs.rmSync(caseHome, { recursive: true, force: true });
        caseHome = undefined;
    });

    /** The case's HOME and environment, and where its calls go. */
    async function arrange(testCase: Case): Promise<{ endpoint: string; env: Record<string, string> }> {
        const home = fs.mkdtempSync(path.join(os.tmpdir(), "credentials-"));
        caseHome = home;
        for (const [name, text] of Object.entries(testCase.files ?? {})) {
            fs.mkdirSync(path.dirname(path.join(home, ".aws", name)), { recursive: true });
            fs.writeFileSync(path.join(home, ".aws", name), text);
        }
        const env = {
            PATH: process.env.PATH ?? "",
            HOME: home,
            AWS_EC2_METADATA_DISABLED: "true",
            AWS_MAX_ATTEMPTS: "1",
            AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
            ...testCase.env,
        };
        if (testCase.answer === undefined) {
            // Nothing listens: credentials fail before any request is sent.
            return { endpoint: "http://127.0.0.1:9", env };
        }
        const { type, message } = testCase.answer;
        const server = http.createServer((request, response) => {
            request.resume();
            response.writeHead(400, { "content-type": "application/x-amz-json-1.1", "x-amzn-errortype": `${type}:` });
            response.end(JSON.stringify({ __type: type, message }));
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        close = () => void server.close();
        return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, env };
    }

    for (const testCase of CASES) {
        it(`the resource: ${testCase.title}`, async () => {
            const { endpoint, env } = await arrange(testCase);
            const { output } = await run(["-e", RESOURCE_READ], { ...env, AWS_ENDPOINT_URL: endpoint });
            assert.match(output, /^AdminGetUser for user "alice" in user pool us-east-1_AbC123 failed: \w+: .*\. Fix: /);
            assert.match(output, testCase.fix);
            assert.doesNotMatch(output, /could not be reached/);
        });

        it(`the scan command: ${testCase.title}`, async () => {
            const { endpoint, env } = await arrange(testCase);
            const { status, output } = await run([path.join(DIST, "scan/main.js"), "scan", "--user-pool-id", POOL, "--endpoint", endpoint], env);
            assert.equal(status, 1);
            assert.match(output, /^error: ListUsers for user pool us-east-1_AbC123 failed: \w+: .*\. Fix: /);
            assert.match(output, testCase.fix);
            assert.doesNotMatch(output, /could not be reached/);
        });
    }
});
