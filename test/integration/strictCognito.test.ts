// The strict Cognito (harness/strictCognito/) on its own, through the real AWS SDK: each place
// where it answers as Cognito does and moto is laxer, its quotas, its back door to moto, and its
// lifetime as a process. Pointed at plain moto (target = emulator.motoEndpoint), every case but the
// process's lifetime fails.

import * as assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as readline from "node:readline";
import {
    AdminCreateUserCommand,
    AdminGetUserCommand,
    AdminSetUserMFAPreferenceCommand,
    AdminSetUserSettingsCommand,
    CognitoIdentityProviderClient,
    CreateUserPoolClientCommand,
    CreateUserPoolCommand,
    GetUserCommand,
    GetUserPoolMfaConfigCommand,
    SetUserPoolMfaConfigCommand,
    type AccountRecoverySettingType,
    type AdminSetUserMFAPreferenceCommandInput,
    type CreateUserPoolCommandInput,
    type EmailConfigurationType,
    type WebAuthnConfigurationType,
} from "@aws-sdk/client-cognito-identity-provider";
import { adminClient, createPool, createUser, userMfa, verifyTotp, type Pool } from "../../harness/fixtures";
import { EMULATOR_CREDENTIALS, startEmulator, type Emulator } from "../../harness/moto";

const PROJECT_ROOT = path.resolve(__dirname, "../..");

type Settings = Omit<AdminSetUserMFAPreferenceCommandInput, "UserPoolId" | "Username">;

const invalid = (message: string) => ({ name: "InvalidParameterException", message });

const TOTP_NOT_VERIFIED = "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA";
const SMS_NO_PHONE = "User does not have a phone_number set to turn on SMS MFA";
const TWO_PREFERRED = "Only one factor can be set as preferred";
const SMS_PREFERRED_OFF = "SMS MFA can't be set as preferred while it is disabled";

/** The keys of a user's MFA settings, of those an answer holds. */
const MFA_KEYS = ["UserMFASettingList", "PreferredMfaSetting", "MFAOptions"];
const mfaKeys = (answer: object) => MFA_KEYS.filter((key) => key in answer);

const DEVELOPER_EMAIL: EmailConfigurationType = { EmailSendingAccount: "DEVELOPER", SourceArn: "arn:aws:ses:us-east-1:123456789012:identity/example.com" };
const RECOVERY_PHONE_FIRST: AccountRecoverySettingType = {
    RecoveryMechanisms: [
        { Name: "verified_phone_number", Priority: 1 },
        { Name: "verified_email", Priority: 2 },
    ],
};
const WEB_AUTHN: WebAuthnConfigurationType = { RelyingPartyId: "example.com", FactorConfiguration: "MULTI_FACTOR_WITH_USER_VERIFICATION" };
const SMS_CONFIGURATION = { SmsConfiguration: { SnsCallerArn: "arn:aws:iam::123456789012:role/sms", ExternalId: "x" } };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("strict Cognito", function () {
    this.timeout(120_000);
    let emulator: Emulator;
    /** Where the tests' calls go: the strict layer (point it at emulator.motoEndpoint to see them fail). */
    let target: string;
    let client: CognitoIdentityProviderClient;
    let pool: Pool;

    const setMfa = (userPoolId: string, username: string, settings: Settings) =>
        client.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: userPoolId, Username: username, ...settings }));
    const mfa = (userPoolId: string, username: string) => userMfa(client, userPoolId, username);

    /** One Cognito call over plain HTTP: its answer's JSON as it came, keys absent or present. */
    async function raw<T = Record<string, unknown>>(operation: string, body: object): Promise<T> {
        const response = await fetch(target, {
            method: "POST",
            headers: {
                "Content-Type": "application/x-amz-json-1.1",
                "X-Amz-Target": `AWSCognitoIdentityProviderService.${operation}`,
                Authorization: "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=0",
            },
            body: JSON.stringify(body),
        });
        const text = await response.text();
        assert.equal(response.status, 200, `${operation}: ${text}`);
        return JSON.parse(text) as T;
    }
    const rawUser = (userPoolId: string, username: string) => raw("AdminGetUser", { UserPoolId: userPoolId, Username: username });
    const rawListed = async (userPoolId: string) => (await raw<{ Users: ({ Username: string } & Record<string, unknown>)[] }>("ListUsers", { UserPoolId: userPoolId })).Users;

    /** A pool as fixtures.createPool makes it (MFA OPTIONAL, SMS and TOTP, an app client), with more of CreateUserPool's settings. */
    async function poolWith(name: string, settings: Partial<CreateUserPoolCommandInput>): Promise<Pool> {
        const created = await client.send(new CreateUserPoolCommand({ PoolName: name, MfaConfiguration: "OFF", AutoVerifiedAttributes: ["email"], ...settings }));
        const userPoolId = created.UserPool!.Id!;
        await client.send(
            new SetUserPoolMfaConfigCommand({
                UserPoolId: userPoolId,
                MfaConfiguration: "OPTIONAL",
                SoftwareTokenMfaConfiguration: { Enabled: true },
                SmsMfaConfiguration: SMS_CONFIGURATION,
                EmailMfaConfiguration: { Message: "Your code is {####}", Subject: "Your code" },
            }),
        );
        const app = await client.send(
            new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: "tests", ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }),
        );
        return { userPoolId, clientId: app.UserPoolClient!.ClientId! };
    }

    /** A user with just these attributes (createUser gives every user an email and a phone number). */
    const bareUser = (userPoolId: string, username: string, attributes: Record<string, string>) =>
        client.send(
            new AdminCreateUserCommand({
                UserPoolId: userPoolId,
                Username: username,
                MessageAction: "SUPPRESS",
                UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
            }),
        );

    before(async () => {
        emulator = await startEmulator();
        target = emulator.endpoint;
        client = adminClient(target);
        pool = await createPool(client, "strict-tests");
    });

    after(async () => {
        await emulator?.stop();
    });

    describe("factor preconditions", () => {
        it("refuses TOTP until the user has verified a software token, with Cognito's message, then accepts it", async () => {
            const user = await createUser(client, pool, "totp");
            await assert.rejects(setMfa(pool.userPoolId, "totp", { SoftwareTokenMfaSettings: { Enabled: true } }), invalid(TOTP_NOT_VERIFIED));
            assert.deepEqual(await mfa(pool.userPoolId, "totp"), { enabled: [], preferred: undefined });
            await verifyTotp(client, user);
            await setMfa(pool.userPoolId, "totp", { SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
            assert.deepEqual(await mfa(pool.userPoolId, "totp"), { enabled: ["SOFTWARE_TOKEN_MFA"], preferred: "SOFTWARE_TOKEN_MFA" });
        });

        it("refuses SMS for a user without a phone_number", async () => {
            await bareUser(pool.userPoolId, "no-phone", { email: "no-phone@example.com" });
            await assert.rejects(setMfa(pool.userPoolId, "no-phone", { SMSMfaSettings: { Enabled: true } }), invalid(SMS_NO_PHONE));
            assert.deepEqual(await mfa(pool.userPoolId, "no-phone"), { enabled: [], preferred: undefined });
        });

        it("refuses two preferred factors, and a preferred factor that is off, changing nothing", async () => {
            await createUser(client, pool, "two-preferred");
            await setMfa(pool.userPoolId, "two-preferred", { SMSMfaSettings: { Enabled: true } });
            const before = await mfa(pool.userPoolId, "two-preferred");
            assert.deepEqual(before, { enabled: ["SMS_MFA"], preferred: undefined });
            await assert.rejects(
                setMfa(pool.userPoolId, "two-preferred", { SMSMfaSettings: { Enabled: true, PreferredMfa: true }, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }),
                invalid(TWO_PREFERRED),
            );
            await assert.rejects(setMfa(pool.userPoolId, "two-preferred", { SMSMfaSettings: { Enabled: false, PreferredMfa: true } }), invalid(SMS_PREFERRED_OFF));
            assert.deepEqual(await mfa(pool.userPoolId, "two-preferred"), before);
        });
    });

    describe("email MFA", () => {
        /** Essentials, email through SES, recovery by phone first: email MFA's every precondition. */
        let emailPool: Pool;

        before(async () => {
            emailPool = await poolWith("email-ready", { UserPoolTier: "ESSENTIALS", EmailConfiguration: DEVELOPER_EMAIL, AccountRecoverySetting: RECOVERY_PHONE_FIRST });
        });

        it("refuses email MFA on a pool without the Essentials or Plus plan", async () => {
            const lite = await poolWith("email-lite", { EmailConfiguration: DEVELOPER_EMAIL, AccountRecoverySetting: RECOVERY_PHONE_FIRST });
            await createUser(client, lite, "eve");
            await assert.rejects(
                setMfa(lite.userPoolId, "eve", { EmailMfaSettings: { Enabled: true } }),
                invalid("Email MFA requires the ESSENTIALS or PLUS feature plan on the user pool"),
            );
            assert.deepEqual(await mfa(lite.userPoolId, "eve"), { enabled: [], preferred: undefined });
        });

        it("refuses email MFA on an Essentials pool that sends email with Cognito's own account", async () => {
            const cognitoEmail = await poolWith("email-default", { UserPoolTier: "ESSENTIALS", AccountRecoverySetting: RECOVERY_PHONE_FIRST });
            await createUser(client, cognitoEmail, "eve");
            await assert.rejects(
                setMfa(cognitoEmail.userPoolId, "eve", { EmailMfaSettings: { Enabled: true } }),
                invalid("Email MFA requires an Amazon SES email configuration (EmailSendingAccount DEVELOPER) on the user pool"),
            );
        });

        it("refuses email MFA while account recovery is by verified email only", async () => {
            const emailRecovery = await poolWith("email-recovery", {
                UserPoolTier: "ESSENTIALS",
                EmailConfiguration: DEVELOPER_EMAIL,
                AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "verified_email", Priority: 1 }] },
            });
            await createUser(client, emailRecovery, "eve");
            await assert.rejects(
                setMfa(emailRecovery.userPoolId, "eve", { EmailMfaSettings: { Enabled: true } }),
                invalid("Email MFA can't be enabled while account recovery is by email only"),
            );
        });

        it("refuses email MFA for a user without an email", async () => {
            await bareUser(emailPool.userPoolId, "no-email", { phone_number: "+15555550100" });
            await assert.rejects(
                setMfa(emailPool.userPoolId, "no-email", { EmailMfaSettings: { Enabled: true } }),
                invalid("User does not have an email set to turn on email MFA"),
            );
            assert.deepEqual(await mfa(emailPool.userPoolId, "no-email"), { enabled: [], preferred: undefined });
        });

        it("keeps email MFA on a pool that allows it, reports it as EMAIL_OTP, and moves the one preferred factor to SMS", async () => {
            const user = await createUser(client, emailPool, "eve");
            await setMfa(emailPool.userPoolId, "eve", { EmailMfaSettings: { Enabled: true, PreferredMfa: true } });
            const admin = await client.send(new AdminGetUserCommand({ UserPoolId: emailPool.userPoolId, Username: "eve" }));
            assert.deepEqual(admin.UserMFASettingList, ["EMAIL_OTP"]);
            assert.equal(admin.PreferredMfaSetting, "EMAIL_OTP");
            const own = await client.send(new GetUserCommand({ AccessToken: user.accessToken }));
            assert.deepEqual(own.UserMFASettingList, ["EMAIL_OTP"]);
            assert.equal(own.PreferredMfaSetting, "EMAIL_OTP");

            await setMfa(emailPool.userPoolId, "eve", { SMSMfaSettings: { Enabled: true, PreferredMfa: true } });
            assert.deepEqual(await mfa(emailPool.userPoolId, "eve"), { enabled: ["EMAIL_OTP", "SMS_MFA"], preferred: "SMS_MFA" });
        });
    });

    describe("passkey MFA", () => {
        const configurePasskeys = (userPoolId: string) =>
            client.send(
                new SetUserPoolMfaConfigCommand({
                    UserPoolId: userPoolId,
                    MfaConfiguration: "OPTIONAL",
                    SoftwareTokenMfaConfiguration: { Enabled: true },
                    SmsMfaConfiguration: SMS_CONFIGURATION,
                    WebAuthnConfiguration: WEB_AUTHN,
                }),
            );

        it("refuses passkey MFA until the pool's WebAuthnConfiguration makes passkeys a factor, and reports that configuration", async () => {
            const passkeys = await createPool(client, "passkeys-later");
            await createUser(client, passkeys, "pat");
            const both = { WebAuthnMfaSettings: { Enabled: true }, SMSMfaSettings: { Enabled: true } };
            await assert.rejects(
                setMfa(passkeys.userPoolId, "pat", both),
                invalid("Passkey MFA requires the user pool's WebAuthnConfiguration FactorConfiguration MULTI_FACTOR_WITH_USER_VERIFICATION"),
            );
            assert.deepEqual(await mfa(passkeys.userPoolId, "pat"), { enabled: [], preferred: undefined });
            await configurePasskeys(passkeys.userPoolId);
            const configuration = await client.send(new GetUserPoolMfaConfigCommand({ UserPoolId: passkeys.userPoolId }));
            assert.deepEqual(configuration.WebAuthnConfiguration, WEB_AUTHN);
            assert.equal(configuration.MfaConfiguration, "OPTIONAL");
            await setMfa(passkeys.userPoolId, "pat", both);
            assert.deepEqual(await mfa(passkeys.userPoolId, "pat"), { enabled: ["SMS_MFA"], preferred: undefined });
        });

        it("refuses passkey MFA as a user's only factor, and accepts it with SMS in the same request", async () => {
            const passkeys = await createPool(client, "passkeys");
            await configurePasskeys(passkeys.userPoolId);
            await createUser(client, passkeys, "pat");
            await assert.rejects(
                setMfa(passkeys.userPoolId, "pat", { WebAuthnMfaSettings: { Enabled: true } }),
                invalid("Passkey MFA requires another MFA factor to be enabled for the user"),
            );
            assert.deepEqual(await mfa(passkeys.userPoolId, "pat"), { enabled: [], preferred: undefined });
            await setMfa(passkeys.userPoolId, "pat", { WebAuthnMfaSettings: { Enabled: true }, SMSMfaSettings: { Enabled: true } });
            // UserMFASettingList names SMS_MFA, EMAIL_OTP and SOFTWARE_TOKEN_MFA only.
            assert.deepEqual(await mfa(passkeys.userPoolId, "pat"), { enabled: ["SMS_MFA"], preferred: undefined });
        });
    });

    describe("a pool that requires MFA", () => {
        let required: Pool;

        before(async () => {
            // Users sign in (createUser) while MFA is optional; then the pool requires it.
            required = await createPool(client, "mfa-on");
            const user = await createUser(client, required, "ona");
            await verifyTotp(client, user);
            await setMfa(required.userPoolId, "ona", { SMSMfaSettings: { Enabled: true, PreferredMfa: true }, SoftwareTokenMfaSettings: { Enabled: true } });
            await client.send(
                new SetUserPoolMfaConfigCommand({
                    UserPoolId: required.userPoolId,
                    MfaConfiguration: "ON",
                    SoftwareTokenMfaConfiguration: { Enabled: true },
                    SmsMfaConfiguration: SMS_CONFIGURATION,
                }),
            );
        });

        it("answers a request to turn a factor off with success and keeps it on, and still moves the preferred factor", async () => {
            assert.deepEqual(await mfa(required.userPoolId, "ona"), { enabled: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], preferred: "SMS_MFA" });
            await setMfa(required.userPoolId, "ona", { SMSMfaSettings: { Enabled: false } });
            assert.deepEqual(await mfa(required.userPoolId, "ona"), { enabled: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], preferred: "SMS_MFA" });
            await setMfa(required.userPoolId, "ona", { SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
            assert.deepEqual(await mfa(required.userPoolId, "ona"), { enabled: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], preferred: "SOFTWARE_TOKEN_MFA" });
        });

        it("refuses to turn a factor off when told to reject it", async () => {
            const before = await mfa(required.userPoolId, "ona");
            await emulator.strict.configure({ requiredPoolOff: "reject" });
            try {
                await assert.rejects(
                    setMfa(required.userPoolId, "ona", { SMSMfaSettings: { Enabled: false } }),
                    invalid("You can't turn off SMS MFA for any of your users when MFA is required"),
                );
            } finally {
                await emulator.strict.configure({ requiredPoolOff: "ignore" });
            }
            assert.deepEqual(await mfa(required.userPoolId, "ona"), before);
        });
    });

    describe("answer shapes", () => {
        it("gives a user without MFA no MFA keys at all, or an empty UserMFASettingList when told to", async () => {
            await createUser(client, pool, "plain");
            assert.deepEqual(mfaKeys(await rawUser(pool.userPoolId, "plain")), []);
            assert.deepEqual(mfaKeys(await client.send(new AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username: "plain" }))), []);
            await emulator.strict.configure({ emptyMfaList: "empty" });
            try {
                const answer = await rawUser(pool.userPoolId, "plain");
                assert.deepEqual(mfaKeys(answer), ["UserMFASettingList"]);
                assert.deepEqual(answer.UserMFASettingList, []);
            } finally {
                await emulator.strict.configure({ emptyMfaList: "absent" });
            }
        });

        it("gives a user with a factor enabled and none preferred no PreferredMfaSetting", async () => {
            await createUser(client, pool, "unpreferred");
            await setMfa(pool.userPoolId, "unpreferred", { SMSMfaSettings: { Enabled: true } });
            const answer = await rawUser(pool.userPoolId, "unpreferred");
            assert.deepEqual(mfaKeys(answer), ["UserMFASettingList"]);
            assert.deepEqual(answer.UserMFASettingList, ["SMS_MFA"]);
        });

        it("lists users without their MFA settings", async () => {
            await createUser(client, pool, "listed");
            await setMfa(pool.userPoolId, "listed", { SMSMfaSettings: { Enabled: true, PreferredMfa: true } });
            const users = await rawListed(pool.userPoolId);
            assert.ok(users.some((user) => user.Username === "listed"));
            assert.deepEqual(
                users.filter((user) => mfaKeys(user).length > 0).map((user) => [user.Username, mfaKeys(user)]),
                [],
            );
        });

        it("reports legacy SMS MFA (AdminSetUserSettings) as MFAOptions, until an SMS setting replaces it", async () => {
            const legacy = await createPool(client, "legacy");
            await createUser(client, legacy, "old");
            const options = [{ DeliveryMedium: "SMS", AttributeName: "phone_number" }] as const;
            await client.send(new AdminSetUserSettingsCommand({ UserPoolId: legacy.userPoolId, Username: "old", MFAOptions: [...options] }));
            const answer = await rawUser(legacy.userPoolId, "old");
            assert.deepEqual(mfaKeys(answer), ["MFAOptions"]);
            assert.deepEqual(answer.MFAOptions, options);
            const [listed] = await rawListed(legacy.userPoolId);
            assert.deepEqual(mfaKeys(listed), ["MFAOptions"]);
            assert.deepEqual(listed.MFAOptions, options);

            await setMfa(legacy.userPoolId, "old", { SMSMfaSettings: { Enabled: true } });
            const replaced = await rawUser(legacy.userPoolId, "old");
            assert.deepEqual(mfaKeys(replaced), ["UserMFASettingList"]);
            assert.deepEqual(replaced.UserMFASettingList, ["SMS_MFA"]);
            assert.deepEqual(mfaKeys((await rawListed(legacy.userPoolId))[0]), []);
        });
    });

    it("leaves moto's laxness to its own endpoint: a preferred factor that is off", async () => {
        await createUser(client, pool, "lax");
        const preferredOff = { SMSMfaSettings: { Enabled: false, PreferredMfa: true } };
        await assert.rejects(setMfa(pool.userPoolId, "lax", preferredOff), invalid(SMS_PREFERRED_OFF));
        assert.deepEqual(await mfa(pool.userPoolId, "lax"), { enabled: [], preferred: undefined });
        await adminClient(emulator.motoEndpoint).send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: pool.userPoolId, Username: "lax", ...preferredOff }));
        assert.deepEqual(await mfa(pool.userPoolId, "lax"), { enabled: [], preferred: "SMS_MFA" });
    });

    it("ends when the process that started it is gone, even killed", async () => {
        const script = [
            `const { startEmulator } = require(${JSON.stringify(path.join(PROJECT_ROOT, "harness/moto.ts"))});`,
            "startEmulator().then(",
            "    (emulator) => process.stdout.write(JSON.stringify({ endpoint: emulator.endpoint, motoEndpoint: emulator.motoEndpoint }) + '\\n'),",
            "    (error) => { console.error(error); process.exit(1); },",
            ");",
        ].join("\n");
        const starter = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], { cwd: PROJECT_ROOT, stdio: ["ignore", "pipe", "pipe"] });
        let stderr = "";
        starter.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        const exited = new Promise<void>((resolve) => starter.once("exit", () => resolve()));
        const children: { pid: number; command: string }[] = [];
        try {
            const line = await new Promise<string>((resolve, reject) => {
                readline.createInterface({ input: starter.stdout! }).once("line", resolve);
                exited.then(() => reject(new Error(`the starter exited: ${stderr}`)));
            });
            const started = JSON.parse(line) as { endpoint: string; motoEndpoint: string };
            children.push(
                ...execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(starter.pid)], { encoding: "utf8" })
                    .trim()
                    .split("\n")
                    .map((row) => row.trim().match(/^(\d+)\s+(.*)$/)!)
                    .map(([, pid, command]) => ({ pid: Number(pid), command })),
            );
            assert.equal(children.filter(({ command }) => command.includes("strictCognito/main.ts")).length, 1, JSON.stringify(children));
            assert.ok((await fetch(`${started.endpoint}/strict-api/stats`)).ok);

            starter.kill("SIGKILL");
            await exited;
            // A connection kept from before may first be reset; a new one is refused once the layer is gone.
            const deadline = Date.now() + 5_000;
            let answered = "answered";
            while (answered !== "ECONNREFUSED" && Date.now() < deadline) {
                answered = await fetch(`${started.endpoint}/strict-api/stats`, { signal: AbortSignal.timeout(1_000) }).then(
                    () => "answered",
                    (error: Error) => String((error.cause as NodeJS.ErrnoException | undefined)?.code ?? error.name),
                );
                await sleep(100);
            }
            assert.equal(answered, "ECONNREFUSED", `the strict layer at ${started.endpoint} still there 5 s after its starter was killed`);
        } finally {
            starter.kill("SIGKILL");
            // moto's server outlives a killed starter (the harness kills it on a normal exit): so does its log.
            for (const { pid, command } of children) {
                let log: string | undefined;
                try {
                    log = command.includes("moto_server") ? fs.readlinkSync(`/proc/${pid}/fd/2`) : undefined;
                    process.kill(pid, "SIGKILL");
                } catch {
                    // Gone already.
                }
                if (log !== undefined && path.basename(path.dirname(log)).startsWith("moto-")) {
                    fs.rmSync(path.dirname(log), { recursive: true, force: true });
                }
            }
        }
    });

    // Last: the layer's reset, which empties its buckets, also forgets the users it keeps.
    describe("quotas", () => {
        const RATES = { read: 120, write: 25, list: 30, userRead: 10, userWrite: 10 };
        /** No retries: every throttled answer reaches the test. */
        let once: CognitoIdentityProviderClient;
        const pools: Pool[] = [];
        const outcome = (promise: Promise<unknown>) => promise.then(() => "ok", (error: Error) => `${error.name}: ${error.message}`);

        before(async () => {
            once = new CognitoIdentityProviderClient({
                region: EMULATOR_CREDENTIALS.AWS_REGION,
                endpoint: target,
                credentials: { accessKeyId: EMULATOR_CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: EMULATOR_CREDENTIALS.AWS_SECRET_ACCESS_KEY },
                maxAttempts: 1,
            });
            for (const name of ["quota-a", "quota-b"]) {
                const quotaPool = await createPool(client, name);
                pools.push(quotaPool);
                for (let index = 0; index < 20; index++) {
                    await bareUser(quotaPool.userPoolId, `writer-${index}`, { phone_number: "+15555550100" });
                }
            }
            await bareUser(pools[0].userPoolId, "reader", { phone_number: "+15555550100" });
        });

        beforeEach(async () => {
            // Full buckets, no figures.
            await emulator.strict.reset();
        });

        it("throttles reads of one user beyond 10 a second, the account's 120 notwithstanding", async () => {
            const started = Date.now();
            const outcomes = await Promise.all(
                Array.from({ length: 30 }, () => outcome(once.send(new AdminGetUserCommand({ UserPoolId: pools[0].userPoolId, Username: "reader" })))),
            );
            const elapsed = Date.now() - started;
            const ok = outcomes.filter((answer) => answer === "ok").length;
            // The user's bucket holds 10 and refills at 10/s while the burst arrives.
            assert.ok(ok >= RATES.userRead && ok <= RATES.userRead + 1 + Math.ceil((elapsed / 1000) * RATES.userRead) && ok < 30, `${ok} reads passed in ${elapsed} ms`);
            assert.deepEqual(new Set(outcomes.filter((answer) => answer !== "ok")), new Set(["TooManyRequestsException: Rate exceeded"]));
            const stats = await emulator.strict.stats();
            assert.deepEqual({ admitted: stats.admitted, throttled: stats.throttled }, { admitted: { read: ok }, throttled: { read: 30 - ok } });
        });

        it("throttles writes beyond 25 a second across the account, over users of two pools", async () => {
            // 20 users in each pool, one write each: no user's bucket nor any one pool's share is near its limit.
            const writes = pools.flatMap((quotaPool) => Array.from({ length: 20 }, (_, index) => ({ pool: quotaPool, username: `writer-${index}` })));
            const started = Date.now();
            const outcomes = await Promise.all(
                writes.map(({ pool: quotaPool, username }) =>
                    outcome(once.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: quotaPool.userPoolId, Username: username, SMSMfaSettings: { Enabled: true } }))),
                ),
            );
            const elapsed = Date.now() - started;
            const ok = outcomes.filter((answer) => answer === "ok").length;
            assert.ok(ok >= RATES.write && ok <= RATES.write + 1 + Math.ceil((elapsed / 1000) * RATES.write) && ok < 40, `${ok} writes passed in ${elapsed} ms`);
            assert.deepEqual(new Set(outcomes.filter((answer) => answer !== "ok")), new Set(["TooManyRequestsException: Rate exceeded"]));
            const stats = await emulator.strict.stats();
            assert.deepEqual({ admitted: stats.admitted, throttled: stats.throttled }, { admitted: { write: ok }, throttled: { write: 40 - ok } });
            // What passed is done: those users have SMS on.
            const passed = writes.filter((_, index) => outcomes[index] === "ok");
            for (const { pool: quotaPool, username } of passed) {
                assert.deepEqual(await mfa(quotaPool.userPoolId, username), { enabled: ["SMS_MFA"], preferred: undefined });
            }
        });
    });
});
