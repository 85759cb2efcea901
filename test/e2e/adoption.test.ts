// The story of a team that already has a user pool: its users' MFA was set up out of band. They
// scan the pool with the package's command, adopt every user with `pulumi up` (nothing changes in
// Cognito: the provider reaches it through the counting proxy, which sees one read per user and no
// write), change one user in the program (one write), and their scheduled drift check catches a
// change made out of band, naming the user and the property. The root program (index.ts) and the
// installed command, through the real CLI and engine, against the emulator.

import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { PulumiFn, Stack } from "@pulumi/pulumi/automation";
import { startCognitoProxy, type CognitoProxy } from "../../harness/cognitoProxy";
import { adminClient, createPool, setMfaOutOfBand, userMfa, type Pool } from "../../harness/fixtures";
import { startEmulator, type Emulator } from "../../harness/moto";
import { everyUsersMfa, plannedUser, populatePool } from "../../harness/pools";
import { installedPackage } from "../../harness/installedPackage";
import { afterFailedInlineRun, freshStack } from "../../harness/pulumi";

const PROGRAM_DIR = path.resolve(__dirname, "../..");
/** The command as `npx pulumi-cognito-mfa` runs it in the program: the installed package's bin. */
const COMMAND = path.join(PROGRAM_DIR, "node_modules/pulumi-cognito-mfa/dist/provider/scan/main.js");
const USERS = 40;
const { userMfaResourceName } = installedPackage;

type Factor = { enabled: boolean; preferred?: boolean };
type DeclaredUser = { username: string; smsMfa?: Factor; softwareTokenMfa?: Factor; emailMfa?: Factor };
const COGNITO_NAMES = { smsMfa: "SMS_MFA", softwareTokenMfa: "SOFTWARE_TOKEN_MFA", emailMfa: "EMAIL_OTP" } as const;

/** A users file's line as AdminGetUser would report it (fixtures.ts, userMfa). */
function asReported({ username: _, ...factors }: DeclaredUser): { enabled: string[]; preferred: string | undefined } {
    const entries = Object.entries(factors) as [keyof typeof COGNITO_NAMES, Factor][];
    return {
        enabled: entries.filter(([, factor]) => factor.enabled).map(([name]) => COGNITO_NAMES[name]).sort(),
        preferred: entries.filter(([, factor]) => factor.preferred).map(([name]) => COGNITO_NAMES[name])[0],
    };
}

describe("adopting an existing pool: scan, adopt, change, drift check", function () {
    this.timeout(300_000);
    let emulator: Emulator;
    let proxy: CognitoProxy;
    let cognito: CognitoIdentityProviderClient;
    let pool: Pool;
    let stack: Stack;
    let usersFile: string;
    let asFound: Awaited<ReturnType<typeof everyUsersMfa>>;

    const scan = (...args: string[]) =>
        spawnSync(process.execPath, [COMMAND, "scan", "--user-pool-id", pool.userPoolId, ...args], { env: { ...process.env, ...emulator.env }, encoding: "utf8" });

    before(async () => {
        emulator = await startEmulator();
        cognito = adminClient(emulator.endpoint);
        pool = await createPool(cognito, "existing");
        await populatePool(cognito, pool, USERS);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const program = require(path.join(PROGRAM_DIR, "index.ts")) as PulumiFn;
        proxy = await startCognitoProxy(emulator.endpoint);
        stack = await freshStack({ name: "adoption", program, env: { ...emulator.env, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: proxy.endpoint } });
        usersFile = path.join(stack.workspace.workDir, "users.json");
    });

    after(async () => {
        await proxy?.close();
        await emulator?.stop();
    });

    it("1. the scan writes a users file that declares exactly the users with MFA, as Cognito reports them", async () => {
        const run = scan("--out", usersFile);
        assert.equal(run.status, 0, run.stderr);
        const declared = JSON.parse(fs.readFileSync(usersFile, "utf8")) as DeclaredUser[];
        const withMfa = Array.from({ length: USERS }, (_, index) => plannedUser(index)).filter((user) => Object.keys(user.settings).length > 0);
        assert.deepEqual(declared.map((user) => user.username).sort(), withMfa.map((user) => user.username).sort());
        assert.match(run.stderr, new RegExp(`without MFA: ${USERS - withMfa.length} users, not declared`));
        // Each line declares exactly the factors Cognito reports enabled, and the preferred one.
        const inCognito = await everyUsersMfa(cognito, pool.userPoolId);
        for (const user of declared) {
            assert.deepEqual(asReported(user), inCognito.get(user.username), user.username);
        }
    });

    it("2. pulumi up adopts every user with no change in Cognito, and the drift check is clean right after", async () => {
        await stack.setAllConfig({ userPoolId: { value: pool.userPoolId }, usersFile: { value: usersFile } });
        asFound = await everyUsersMfa(cognito, pool.userPoolId);
        proxy.resetCounts();
        const result = await stack.up();
        const declared = (JSON.parse(fs.readFileSync(usersFile, "utf8")) as unknown[]).length;
        assert.deepEqual(result.summary.resourceChanges, { create: declared + 1 });
        assert.deepEqual(Object.fromEntries(proxy.received), { AdminGetUser: declared }, "one read per user, and no write");
        assert.deepEqual(await everyUsersMfa(cognito, pool.userPoolId), asFound, "every user's MFA as it was");
        await stack.preview({ refresh: true, expectNoChanges: true });
    });

    it("3. a change to one user in the program changes that user alone", async () => {
        // user-00003 has SMS and TOTP, TOTP preferred: the team turns SMS off for them.
        const changed = plannedUser(3).username;
        const lines = fs.readFileSync(usersFile, "utf8").split("\n");
        const index = lines.findIndex((line) => line.includes(`"username":"${changed}"`));
        const entry = JSON.parse(lines[index].replace(/,$/, "")) as Record<string, unknown>;
        assert.deepEqual(entry, { username: changed, smsMfa: { enabled: true }, softwareTokenMfa: { enabled: true, preferred: true } });
        lines[index] = lines[index].replace('"smsMfa":{"enabled":true}', '"smsMfa":{"enabled":false}');
        fs.writeFileSync(usersFile, lines.join("\n"));

        proxy.resetCounts();
        const result = await stack.up();
        assert.equal(result.summary.resourceChanges?.update, 1);
        assert.equal(proxy.received.get("AdminSetUserMFAPreference"), 1, "one write");
        const after = await everyUsersMfa(cognito, pool.userPoolId);
        assert.deepEqual(after.get(changed), { enabled: ["SOFTWARE_TOKEN_MFA"], preferred: "SOFTWARE_TOKEN_MFA" });
        after.delete(changed);
        const others = new Map(asFound);
        others.delete(changed);
        assert.deepEqual(after, others, "no other user changed");
    });

    it("4. a change out of band fails the scheduled drift check, naming the user and the property", async () => {
        // user-00001 has SMS, preferred: someone turns it off in the console.
        const drifted = plannedUser(1).username;
        await setMfaOutOfBand(cognito, pool.userPoolId, drifted, { SMSMfaSettings: { Enabled: false, PreferredMfa: false } });
        assert.deepEqual(await userMfa(cognito, pool.userPoolId, drifted), { enabled: [], preferred: undefined });

        const lines: string[] = [];
        const failure = await stack.preview({ refresh: true, expectNoChanges: true, diff: true, onOutput: (text) => lines.push(text) }).then(
            () => assert.fail("the drift check passed"),
            (error: Error) => error,
        );
        const output = lines.join("") + failure.message;
        assert.match(output, /no changes were expected (for preview )?but changes were proposed/);
        const reported = new Set([...output.matchAll(/\[urn=urn:pulumi:[^\]]*UserMfaPreference::([^\]]+)\]/g)].map((match) => match[1]));
        assert.deepEqual([...reported], [`${drifted}-mfa`], `only ${drifted} is reported`);
        const others = (JSON.parse(fs.readFileSync(usersFile, "utf8")) as DeclaredUser[]).filter((user) => user.username !== drifted);
        for (const { username } of others) {
            assert.ok(!output.includes(`::${userMfaResourceName(username)}`), `${username} is not named`);
        }
        assert.match(output, /~ smsMfa\s*: \{\s*~ enabled\s*: false => true/);
        assert.match(output, /~ 1 to update/);
        await afterFailedInlineRun();
    });

    it("5. a scan to TypeScript gives declarations that compile with the program's settings against the installed package", () => {
        const module = path.join(PROGRAM_DIR, "scanned-users.ts");
        // The program's own tsconfig.json (Pulumi's template settings), for the scanned module alone.
        const tsconfig = path.join(PROGRAM_DIR, "tsconfig.scanned-users.json");
        try {
            const run = scan("--format", "typescript", "--out", module);
            assert.equal(run.status, 0, run.stderr);
            assert.match(fs.readFileSync(module, "utf8"), /^new UserMfaPreference\("ops%3Auser-00007-mfa", \{ userPoolId, username: "ops:user-00007", /m);
            fs.writeFileSync(tsconfig, JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { noEmit: true }, files: [path.basename(module)] }));
            const compiled = spawnSync(path.join(PROGRAM_DIR, "node_modules/.bin/tsc"), ["-p", tsconfig], { cwd: PROGRAM_DIR, encoding: "utf8" });
            assert.equal(compiled.status, 0, compiled.stdout + compiled.stderr);
        } finally {
            fs.rmSync(module, { force: true });
            fs.rmSync(tsconfig, { force: true });
        }
    });
});
