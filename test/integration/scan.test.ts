// `pulumi-cognito-mfa scan`, the built command as users run it, against the Cognito emulator with
// a few hundred users whose MFA was set out of band, directly and behind the loopback proxy that
// enforces Cognito's quotas and injects faults.

import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { AdminAddUserToGroupCommand, CreateGroupCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { refusedFromEmptyBucket, startCognitoProxy, type CognitoProxy } from "../../harness/cognitoProxy";
import { adminClient, createPool, createUser, setMfaOutOfBand, type Pool } from "../../harness/fixtures";
import { startEmulator, type Emulator } from "../../harness/moto";
import { everyUsersMfa, plannedUser, populatePool } from "../../harness/pools";
import { createLegacySmsUser, createPlainUser, createStrictPool } from "../../harness/strictPools";

const COMMAND = path.resolve(__dirname, "../../dist/provider/scan/main.js");
const USERS = 300;
const GROUP_MEMBERS = 12;

interface Run {
    status: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
}

type Expected = Map<string, { enabled: string[]; preferred?: string }>;

describe("scan command", function () {
    this.timeout(240_000);
    let emulator: Emulator;
    let proxy: CognitoProxy;
    let cognito: CognitoIdentityProviderClient;
    let pool: Pool;
    let expected: Expected;
    let workDir: string;

    before(async () => {
        emulator = await startEmulator();
        proxy = await startCognitoProxy(emulator.endpoint);
        cognito = adminClient(emulator.endpoint);
        pool = await createPool(cognito, "scanned");
        await populatePool(cognito, pool, USERS);
        await cognito.send(new CreateGroupCommand({ UserPoolId: pool.userPoolId, GroupName: "admins" }));
        for (let index = 0; index < GROUP_MEMBERS; index++) {
            await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: pool.userPoolId, Username: plannedUser(index).username, GroupName: "admins" }));
        }
        expected = await everyUsersMfa(cognito, pool.userPoolId);
        workDir = fs.mkdtempSync(path.join(os.tmpdir(), "scan-"));
    });

    after(async () => {
        await proxy?.close();
        await emulator?.stop();
        if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
    });

    afterEach(() => {
        proxy.setFaults({});
        proxy.setRateLimits(undefined);
        proxy.resetCounts();
    });

    /** The command, with the emulator's credentials and region, through the proxy unless told otherwise. */
    function scan(args: string[], env: Record<string, string> = {}, whileRunning?: (child: ReturnType<typeof spawn>) => void): Promise<Run> {
        const child = spawn(process.execPath, [COMMAND, "scan", ...args], {
            env: { ...process.env, ...emulator.env, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: proxy.endpoint, ...env },
            stdio: ["ignore", "pipe", "pipe"],
        });
        const run: Run = { status: null, signal: null, stdout: "", stderr: "" };
        child.stdout.on("data", (chunk: Buffer) => (run.stdout += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (run.stderr += chunk.toString()));
        whileRunning?.(child);
        return new Promise((resolve) =>
            child.on("close", (status, signal) => {
                Object.assign(run, { status, signal });
                resolve(run);
            }),
        );
    }

    const poolArgs = () => ["--user-pool-id", pool.userPoolId];
    const withMfa = () => [...expected].filter(([, mfa]) => mfa.enabled.length > 0);
    const withoutMfa = () => [...expected].filter(([, mfa]) => mfa.enabled.length === 0);

    /** A config entry, read back as Cognito's names: what adoption would write. */
    function asReported(entry: Record<string, { enabled: boolean; preferred?: boolean } | string>) {
        const names: Record<string, string> = { smsMfa: "SMS_MFA", softwareTokenMfa: "SOFTWARE_TOKEN_MFA", emailMfa: "EMAIL_OTP" };
        const enabled = Object.keys(names).filter((factor) => typeof entry[factor] === "object" && (entry[factor] as { enabled: boolean }).enabled).map((factor) => names[factor]);
        const preferred = Object.keys(names).find((factor) => typeof entry[factor] === "object" && (entry[factor] as { preferred?: boolean }).preferred);
        return { enabled: enabled.sort(), preferred: preferred && names[preferred] };
    }

    it("config: declares every user with MFA exactly as Cognito reports them, and no user without", async () => {
        const out = path.join(workDir, "users.json");
        const run = await scan([...poolArgs(), "--out", out]);
        assert.equal(run.status, 0, run.stderr);
        assert.equal(run.stdout, "");
        const entries = JSON.parse(fs.readFileSync(out, "utf8")) as Record<string, never>[];
        assert.equal(entries.length, withMfa().length);
        assert.ok(withoutMfa().length > 50 && withMfa().length > 150, "the pool mixes both");
        for (const entry of entries) {
            assert.deepEqual(asReported(entry), expected.get(entry.username), entry.username);
        }
        assert.deepEqual(new Set(entries.map((entry) => entry.username)), new Set(withMfa().map(([username]) => username)));
        assert.match(run.stderr, new RegExp(`Scanned user pool ${pool.userPoolId}: ${USERS} users read in `));
        assert.match(run.stderr, new RegExp(`without MFA: ${withoutMfa().length} users, not declared \\(--include-unset`));
        assert.match(run.stderr, /Next, in the program's directory: pulumi config set userPoolId .* && pulumi config set usersFile /);
        // Not a terminal: plain progress lines, the last one complete.
        assert.match(run.stderr, new RegExp(`^scan: ${USERS}/${USERS} users read, \\d+ users/s`, "m"));
        assert.deepEqual(fs.readdirSync(workDir), ["users.json"], "no temporary file left");
    });

    it("json: the raw table of every user, to standard output", async () => {
        const run = await scan([...poolArgs(), "--format", "json"]);
        assert.equal(run.status, 0, run.stderr);
        const table = JSON.parse(run.stdout) as { username: string; enabledMfas: string[]; preferredMfa: string | null }[];
        assert.equal(table.length, USERS);
        for (const row of table) {
            assert.deepEqual({ enabled: row.enabledMfas, preferred: row.preferredMfa ?? undefined }, expected.get(row.username));
        }
    });

    it("typescript: one declaration per user with MFA, under unique names", async () => {
        const run = await scan([...poolArgs(), "--format", "typescript", "--include-unset"]);
        assert.equal(run.status, 0, run.stderr);
        const names = [...run.stdout.matchAll(/^new UserMfaPreference\("([^"]+)"/gm)].map((match) => match[1]);
        assert.equal(names.length, USERS);
        assert.equal(new Set(names).size, USERS);
        assert.ok(names.includes("ops%3Auser-00007-mfa"));
        assert.match(run.stdout, /username: "user-00000", smsMfa: \{ enabled: false \}, softwareTokenMfa: \{ enabled: false \} \}\);/);
    });

    it("summary: the pool's counts by factor, its users without MFA and with SMS alone, and each rule's violations, as the policy config sets the rules", async () => {
        const config = path.join(workDir, "mfa-policy.json");
        fs.writeFileSync(config, JSON.stringify({ "no-sms-only": "mandatory", "preferred-factor": { usernamePattern: "^ops:", factors: ["softwareTokenMfa"] } }));
        const run = await scan([...poolArgs(), "--format", "summary", "--policy-config", config]);
        assert.equal(run.status, 0, run.stderr);
        const text = run.stdout.replace(/\\(.)/g, "$1");
        const users = [...expected];
        const none = users.filter(([, mfa]) => mfa.enabled.length === 0).map(([username]) => username);
        const smsOnly = users.filter(([, mfa]) => mfa.enabled.join() === "SMS_MFA").map(([username]) => username);
        const opsNotTotp = users.filter(([username, mfa]) => username.startsWith("ops:") && mfa.preferred !== "SOFTWARE_TOKEN_MFA").map(([username]) => username);
        const with_ = (name: string) => users.filter(([, mfa]) => mfa.enabled.includes(name)).length;
        const preferring = (name: string) => users.filter(([, mfa]) => mfa.preferred === name).length;
        assert.ok(none.length > 50 && smsOnly.length > 50 && opsNotTotp.length > 2, "the pool breaks each rule");
        assert.match(text, new RegExp(`^${USERS} users read\\.$`, "m"));
        assert.match(text, new RegExp(`^\\| with MFA \\| ${USERS - none.length} \\(\\d+%\\) \\|$`, "m"));
        assert.match(text, new RegExp(`^\\| without MFA \\| ${none.length} \\(\\d+%\\) \\|$`, "m"));
        assert.match(text, new RegExp(`^\\| with SMS as their only factor \\| ${smsOnly.length} \\(\\d+%\\) \\|$`, "m"));
        assert.match(text, new RegExp(`^\\| SMS \\(smsMfa\\) \\| ${with_("SMS_MFA")} \\| ${preferring("SMS_MFA")} \\|$`, "m"));
        assert.match(text, new RegExp(`^\\| TOTP \\(softwareTokenMfa\\) \\| ${with_("SOFTWARE_TOKEN_MFA")} \\| ${preferring("SOFTWARE_TOKEN_MFA")} \\|$`, "m"));
        assert.match(text, /^\| email OTP \(emailMfa\) \| 0 \| 0 \|$/m);
        assert.match(text, new RegExp(`^\\| mfa-enabled \\| mandatory \\| ${none.length} \\|\n\\| no-sms-only \\| mandatory \\| ${smsOnly.length} \\|\n\\| preferred-factor \\| mandatory \\| ${opsNotTotp.length} \\|\n\\| preferred-enabled \\| mandatory \\| 0 \\|$`, "m"));
        const listed = (title: string) => text.split(`### ${title}`)[1].split("\n")[2].split(", ");
        assert.deepEqual(new Set(listed("Users without MFA")), new Set(none));
        assert.deepEqual(new Set(listed("Users with SMS as their only factor")), new Set(smsOnly));
        const rows = [...text.matchAll(/^\| (\S+) \| (\S+) \| mandatory \| (user .*) \|$/gm)];
        assert.equal(rows.length, none.length + smsOnly.length + opsNotTotp.length);
        assert.deepEqual(new Set(rows.filter((row) => row[2] === "preferred-factor").map((row) => row[1])), new Set(opsNotTotp));
        assert.ok(rows.every((row) => row[3].startsWith(`user ${JSON.stringify(row[1])} `)), "each message names its user");
        assert.match(run.stderr, new RegExp(`breaking the MFA rules \\(docs/mfa-rules\\.md\\): mfa-enabled ${none.length} users \\(mandatory\\), no-sms-only ${smsOnly.length} users \\(mandatory\\), preferred-factor ${opsNotTotp.length} users \\(mandatory\\)\n`));
    });

    it("summary: a preferred factor that is off (moto takes such a write, AWS is said to refuse it) breaks preferred-enabled", async () => {
        const small = await createPool(cognito, "preferred-off");
        await createUser(cognito, small, "erin");
        // Cognito refuses this write (the strict layer does too): the state is made in moto itself.
        await setMfaOutOfBand(adminClient(emulator.motoEndpoint), small.userPoolId, "erin", { SMSMfaSettings: { Enabled: false, PreferredMfa: true } });
        const run = await scan(["--user-pool-id", small.userPoolId, "--format", "summary"]);
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stdout, /^\| preferred\\-enabled \| mandatory \| 1 \|$/m);
        assert.match(run.stdout, /^\| erin \| preferred\\-enabled \| mandatory \| user "erin" prefers smsMfa, which is not enabled: enable smsMfa, or prefer an enabled factor \|$/m);
    });

    it("summary and config: email OTP and legacy SMS users as Cognito reports them, counted and judged by the rules", async () => {
        const strict = await createStrictPool(cognito, "email-and-legacy");
        for (const username of ["admin-eve", "admin-tom", "ops:erin"]) {
            await createPlainUser(cognito, strict.userPoolId, username);
        }
        await createLegacySmsUser(cognito, strict.userPoolId, "lena");
        await setMfaOutOfBand(cognito, strict.userPoolId, "admin-eve", { SMSMfaSettings: { Enabled: true }, EmailMfaSettings: { Enabled: true, PreferredMfa: true } });
        await setMfaOutOfBand(cognito, strict.userPoolId, "ops:erin", { EmailMfaSettings: { Enabled: true } });
        const config = path.join(workDir, "email-policy.json");
        fs.writeFileSync(config, JSON.stringify({ "preferred-factor": { usernamePattern: "^admin", factors: ["emailMfa"] } }));
        const run = await scan(["--user-pool-id", strict.userPoolId, "--format", "summary", "--policy-config", config]);
        assert.equal(run.status, 0, run.stderr);
        const text = run.stdout.replace(/\\(.)/g, "$1");
        assert.match(text, /^\| email OTP \(emailMfa\) \| 2 \| 1 \|$/m);
        assert.match(text, /^\| SMS \(smsMfa\) \| 2 \| 0 \|$/m, "admin-eve, and lena's legacy SMS");
        assert.match(text, /^\| without MFA \| 1 \(25%\) \|$/m, "admin-tom alone: lena has SMS");
        assert.match(text, /^\| mfa-enabled \| mandatory \| 1 \|$/m);
        assert.match(text, /^\| no-sms-only \| advisory \| 1 \|$/m, "lena");
        // Preferring email satisfies the rule for admin-eve; admin-tom, with no MFA, breaks it.
        assert.match(text, /^\| preferred-factor \| mandatory \| 1 \|$/m);
        assert.match(text, /^\| admin-tom \| preferred-factor \| mandatory \| user "admin-tom"/m);
        const declared = await scan(["--user-pool-id", strict.userPoolId, "--format", "json"]);
        const users = Object.fromEntries((JSON.parse(declared.stdout) as { username: string; enabledMfas: string[]; preferredMfa?: string }[]).map((user) => [user.username, user]));
        assert.deepEqual([users["admin-eve"].enabledMfas, users["admin-eve"].preferredMfa], [["EMAIL_OTP", "SMS_MFA"], "EMAIL_OTP"]);
        assert.deepEqual(users.lena.enabledMfas, ["SMS_MFA"]);
    });

    it("a policy config with mistakes: each one named, nothing read", async () => {
        const config = path.join(workDir, "bad-policy.json");
        fs.writeFileSync(config, JSON.stringify({ "no-sms": "mandatory", "preferred-factor": { factors: [] } }));
        const run = await scan([...poolArgs(), "--format", "summary", "--policy-config", config]);
        assert.equal(run.status, 1);
        assert.match(run.stderr, new RegExp(`error: --policy-config: ${config}: no-sms: no such rule; the rules are mfa-enabled, no-sms-only, preferred-factor, preferred-enabled\n`));
        assert.match(run.stderr, /error: --policy-config: .*: preferred-factor\.factors: must be a list of at least 1 of smsMfa, softwareTokenMfa, emailMfa\n/);
        assert.equal(proxy.received.size, 0, "no call was made");
    });

    it("--group: only the group's members (ListUsersInGroup)", async () => {
        const run = await scan([...poolArgs(), "--group", "admins", "--format", "json"]);
        assert.equal(run.status, 0, run.stderr);
        const members = (JSON.parse(run.stdout) as { username: string }[]).map((row) => row.username).sort();
        assert.deepEqual(members, Array.from({ length: GROUP_MEMBERS }, (_, index) => plannedUser(index).username).sort());
        assert.ok((proxy.received.get("ListUsersInGroup") ?? 0) >= 1);
        assert.equal(proxy.received.get("ListUsers"), undefined);
    });

    it("--filter: the users Cognito's filter selects", async () => {
        const run = await scan([...poolArgs(), "--filter", 'username ^= "ops:"', "--format", "json"]);
        assert.equal(run.status, 0, run.stderr);
        const selected = (JSON.parse(run.stdout) as { username: string }[]).map((row) => row.username);
        assert.deepEqual(selected.sort(), [...expected.keys()].filter((username) => username.startsWith("ops:")).sort());
        assert.ok(selected.length >= 5);
    });

    it("a filter Cognito rejects: Cognito's own message, and nothing written", async () => {
        const out = path.join(workDir, "rejected.json");
        const run = await scan([...poolArgs(), "--filter", "not a filter", "--out", out]);
        assert.equal(run.status, 1);
        assert.match(run.stderr, /^error: ListUsers for user pool \S+ with the filter "not a filter" failed: InvalidParameterException: Error while parsing filter$/m);
        assert.ok(!fs.existsSync(out));
    });

    it("with Cognito's quotas enforced, the reads and list pages are paced under them: not one throttled", async () => {
        proxy.setRateLimits({ write: 25, read: 120, list: 30 });
        const run = await scan([...poolArgs(), "--format", "json"]);
        assert.equal(run.status, 0, run.stderr);
        assert.equal((JSON.parse(run.stdout) as unknown[]).length, USERS);
        assert.equal(proxy.received.get("AdminGetUser"), USERS);
        assert.equal(proxy.received.get("ListUsers"), Math.ceil(USERS / 60));
        assert.deepEqual([...proxy.throttled], []);
        // The reads' own pace, from the first: the proxy's bucket starts full, so it lets the first
        // 120 through however fast they come. Measured: the bucket below never fell under 8 of its
        // 10 starting tokens; with the reads paced at 150 a second (COGNITO_MFA_READS_PER_SECOND),
        // the proxy throttled none and this bucket refused 53 of the 300. (The list pages come one
        // after another, each waiting for the last, so their pace is the emulator's.)
        const reads = proxy.requests.filter((request) => request.operation === "AdminGetUser").map((request) => request.at);
        assert.equal(reads.length, USERS);
        const { refused, lowest } = refusedFromEmptyBucket(reads, 120, 10);
        assert.equal(refused, 0, `${refused} of ${reads.length} reads came faster than 120 a second (the bucket fell to ${lowest.toFixed(2)})`);
    });

    it("transient faults are retried as the resource's calls are: the output is complete and right", async () => {
        proxy.setFaults({ errorRate: 0.15, resetRate: 0.05 });
        const run = await scan([...poolArgs(), "--format", "json"]);
        assert.equal(run.status, 0, run.stderr);
        const table = JSON.parse(run.stdout) as { username: string; enabledMfas: string[] }[];
        assert.equal(table.length, USERS);
        assert.ok((proxy.received.get("AdminGetUser") ?? 0) > USERS, "some reads were retried");
    });

    it("users that still cannot be read: listed in a failure summary, exit 1, no output file", async () => {
        const failing = [plannedUser(11).username, plannedUser(222).username];
        proxy.setFaults({ failingUsers: failing });
        const out = path.join(workDir, "failed.json");
        fs.writeFileSync(out, "the previous scan\n");
        const run = await scan([...poolArgs(), "--out", out], { AWS_MAX_ATTEMPTS: "2" });
        assert.equal(run.status, 1);
        assert.match(run.stderr, /^2 users could not be read, after retries:$/m);
        for (const username of failing) {
            assert.match(run.stderr, new RegExp(`^  ${username}: AdminGetUser for user "${username}" in user pool \\S+ failed: InternalErrorException`, "m"));
        }
        assert.match(run.stderr, /Nothing was written to .*failed\.json: run the scan again\./);
        assert.equal(fs.readFileSync(out, "utf8"), "the previous scan\n", "an existing file is left as it was");
        assert.deepEqual(fs.readdirSync(workDir).filter((name) => name.includes("partial")), []);
    });

    it("interrupted (Ctrl-C): exits, leaving no file and no temporary file", async () => {
        proxy.setRateLimits({ write: 25, read: 120, list: 30 });
        const out = path.join(workDir, "interrupted.json");
        const run = await scan([...poolArgs(), "--out", out], {}, (child) => setTimeout(() => child.kill("SIGINT"), 1_000));
        assert.equal(run.status, 130);
        assert.ok(!fs.existsSync(out));
        assert.deepEqual(fs.readdirSync(workDir).filter((name) => name.includes("partial")), []);
    });

    it("ends quietly when its standard output is closed (| head)", async () => {
        proxy.setRateLimits({ write: 25, read: 120, list: 30 });
        const run = await scan([...poolArgs(), "--format", "json"], {}, (child) => child.stdout!.once("data", () => child.stdout!.destroy()));
        assert.equal(run.status, 0);
        assert.doesNotMatch(run.stderr, /EPIPE|Error|at /);
    });

    describe("bad input", () => {
        it("an unknown pool: the fix names --user-pool-id, --region and --endpoint", async () => {
            const run = await scan(["--user-pool-id", "us-east-1_Missing1"]);
            assert.equal(run.status, 1);
            assert.match(run.stderr, /^error: ListUsers for user pool us-east-1_Missing1 failed: ResourceNotFoundException: .*does not exist\. Fix: check --user-pool-id, and that --region .* and --endpoint point where the pool lives$/m);
        });

        it("the wrong region: the pool is not found there, and the fix says to check --region", async () => {
            const run = await scan([...poolArgs(), "--region", "eu-west-1"]);
            assert.equal(run.status, 1);
            assert.match(run.stderr, /ResourceNotFoundException: .*\. Fix: .*--region/);
        });

        it("an endpoint where nothing answers: could not be reached, check --endpoint", async () => {
            const run = await scan([...poolArgs(), "--endpoint", "http://127.0.0.1:9"], { AWS_MAX_ATTEMPTS: "2" });
            assert.equal(run.status, 1);
            assert.match(run.stderr, /ECONNREFUSED.*\. Fix: Cognito could not be reached within the retries: check network access, --endpoint/);
        });

        it("malformed options are refused before any call, naming the option", async () => {
            const runs = await Promise.all([
                scan(["--user-pool-id", "not-a-pool"]),
                scan([...poolArgs(), "--region", "Mars"]),
                scan([...poolArgs(), "--endpoint", "ftp://x"]),
                scan([...poolArgs(), "--group", "admins", "--filter", 'status = "CONFIRMED"']),
                scan([...poolArgs(), "--format", "hcl"]),
                scan([]),
                scan([...poolArgs(), "--resource", "group"]),
                scan([...poolArgs(), "--format", "import", "--resource", "set"]),
                scan([...poolArgs(), "--format", "stack-config"]),
                scan([...poolArgs(), "--resource", "set", "--sets", "ten"]),
                scan([...poolArgs(), "--sets", "10"]),
                scan([...poolArgs(), "--resource", "set", "--format", "json", "--sets", "10"]),
            ]);
            assert.deepEqual(
                runs.map((run) => run.status),
                [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            );
            assert.match(runs[0].stderr, /error: --user-pool-id: userPoolId "not-a-pool" is not valid: expected a user pool id of the form <region>_<id>/);
            assert.match(runs[1].stderr, /error: --region: region "Mars" is not valid/);
            assert.match(runs[2].stderr, /error: --endpoint: endpoint must be an http:\/\/ or https:\/\/ URL/);
            assert.match(runs[3].stderr, /--filter cannot be combined with --group/);
            assert.match(runs[4].stderr, /option '--format <format>' argument 'hcl' is invalid. Allowed choices are config, typescript, yaml, stack-config, json, import, summary/);
            assert.match(runs[5].stderr, /required option '--user-pool-id <id>' not specified/);
            assert.match(runs[6].stderr, /option '--resource <kind>' argument 'group' is invalid. Allowed choices are user, set/);
            assert.match(runs[7].stderr, /error: --format: a UserMfaPreferenceSet is imported from its pool alone, with no file: pulumi import cognito-mfa:index:UserMfaPreferenceSet \S+-mfa \S+/);
            assert.match(runs[8].stderr, /^error: --format: the stack's config holds the users of one UserMfaPreferenceSet: add --resource set$/m);
            assert.match(runs[9].stderr, /^error: --sets: "ten" is not a number of sets: give a whole number from 1 to 9999, such as --sets 10$/m);
            assert.match(runs[10].stderr, /^error: --sets: --sets splits the users of a UserMfaPreferenceSet: add --resource set$/m);
            assert.match(runs[11].stderr, /^error: --sets: --format json declares no sets: use --format config, typescript, yaml, stack-config$/m);
            assert.equal(proxy.received.size, 0, "no call was made");
        });
    });
});
