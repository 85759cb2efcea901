// The repository root as a Pulumi project (Pulumi.yaml, index.ts), run the way the real CLI runs
// it rather than as an Automation API inline program: `pulumi preview` and `pulumi up` in the
// root, with the program started by a language host as pulumi-language-nodejs starts it
// (test/support/languageHost.ts): @pulumi/pulumi's cmd/run, ts-node from the root's tsconfig.json,
// type checking on. index.ts imports the package by its own name from the root, and the users file
// it reads is what the scan command writes for a pool whose users already have MFA. The negative
// control: the same project with one type error added to index.ts must fail with TypeScript's
// message, so that type checking is shown to be on, not assumed.

import * as assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { adminClient, createPool, createUser, setMfaOutOfBand, userMfa, verifyTotp, type Pool } from "../../harness/fixtures";
import { pulumiWithHost, startLanguageHost, type LanguageHost } from "../support/languageHost";
import { startEmulator, type Emulator } from "../../harness/moto";
import { pulumiEnv } from "../../harness/pulumi";
import { readFixtures } from "../../harness/stateFixtures";

const PROJECT_ROOT = path.resolve(__dirname, "../..");
const SCAN = path.join(PROJECT_ROOT, "dist/provider/scan/main.js");

/** The pool as found: MFA set by an administrator or by the users themselves. */
const USERS = [
    { username: "alice", totp: true, settings: { SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true }, SMSMfaSettings: { Enabled: true } } },
    { username: "bob", totp: false, settings: { SMSMfaSettings: { Enabled: true, PreferredMfa: true } } },
    { username: "carol", totp: false, settings: { SMSMfaSettings: { Enabled: true } } },
];

interface Run {
    status: number | null;
    /** What the CLI printed, then what the program printed. */
    output: string;
}

describe("the repository root project, run by the CLI through a Node.js language host", function () {
    this.timeout(180_000);
    // Unique, because `pulumi stack init` writes Pulumi.<stack>.yaml into the project directory.
    const stackName = `root-project-${process.pid}`;
    const stackConfigInRoot = path.join(PROJECT_ROOT, `Pulumi.${stackName}.yaml`);
    let emulator: Emulator;
    let cognito: CognitoIdentityProviderClient;
    let pool: Pool;
    let host: LanguageHost;
    let workDir: string;
    let configFile: string;
    let env: NodeJS.ProcessEnv;

    before(async () => {
        // scripts/setup/env.sh builds dist/ (npm pack); a bare mocha run may not have it.
        if (!fs.existsSync(SCAN)) {
            execFileSync("npm", ["run", "build"], { cwd: PROJECT_ROOT, stdio: "inherit" });
        }
        emulator = await startEmulator();
        cognito = adminClient(emulator.endpoint);
        pool = await createPool(cognito, "root-project");
        for (const { username, totp, settings } of USERS) {
            const user = await createUser(cognito, pool, username);
            if (totp) {
                await verifyTotp(cognito, user);
            }
            await setMfaOutOfBand(cognito, pool.userPoolId, username, settings);
        }
        workDir = fs.mkdtempSync(path.join(os.tmpdir(), "root-project-"));
        configFile = path.join(workDir, `Pulumi.${stackName}.yaml`);
        fs.mkdirSync(path.join(workDir, "state"));
        env = { ...process.env, ...pulumiEnv(workDir, emulator.env), PULUMI_BACKEND_URL: `file://${path.join(workDir, "state")}` };
        // Type checking is what this test is about: nothing may turn it off.
        for (const name of Object.keys(env).filter((name) => name === "PULUMI_NODEJS_TRANSPILE_ONLY" || name.startsWith("TS_NODE_"))) {
            delete env[name];
        }
        host = await startLanguageHost(env);
    });

    after(async () => {
        await host?.stop();
        await emulator?.stop();
        fs.rmSync(stackConfigInRoot, { force: true });
        if (workDir !== undefined) {
            fs.rmSync(workDir, { recursive: true, force: true });
        }
    });

    /** The CLI in the repository root. */
    const pulumi = (args: string[]) => pulumiWithHost(host, PROJECT_ROOT, env, args);

    /** A command on the test's stack, with its config kept out of the repository. */
    const onStack = (args: string[]) => pulumi([...args, "--stack", stackName, "--config-file", configFile]);
    /** A command that runs the program: the CLI calls the language host at `--client`. */
    const running = (args: string[]) => onStack([...args, `--client=${host.address}`]);

    async function everyUsersMfa() {
        return Promise.all(USERS.map(async ({ username }) => ({ username, ...(await userMfa(cognito, pool.userPoolId, username)) })));
    }

    it("preview, up, preview --refresh --expect-no-changes and destroy adopt the scanned users unchanged; __provider is the released text", async () => {
        const asFound = await everyUsersMfa();

        // The users file, as `npx pulumi-cognito-mfa scan --format config --out FILE` writes it.
        const usersFile = path.join(workDir, "users.json");
        const scan = await new Promise<Run>((resolve) => {
            const child = spawn(process.execPath, [SCAN, "scan", "--user-pool-id", pool.userPoolId, "--endpoint", emulator.endpoint, "--format", "config", "--out", usersFile], {
                env,
                stdio: ["ignore", "pipe", "pipe"],
            });
            let output = "";
            child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
            child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
            child.once("close", (status) => resolve({ status, output }));
        });
        assert.equal(scan.status, 0, scan.output);
        const scanned = JSON.parse(fs.readFileSync(usersFile, "utf8")) as { username: string }[];
        assert.deepEqual(scanned.map(({ username }) => username).sort(), USERS.map(({ username }) => username));

        // The stack's config goes to a file of the test's own (`--config-file`); `stack init` has no
        // such option, so the file it writes into the root is moved there.
        const init = await pulumi(["stack", "init", stackName]);
        assert.equal(init.status, 0, init.output);
        fs.renameSync(stackConfigInRoot, configFile);
        for (const [key, value] of [
            ["userPoolId", pool.userPoolId],
            ["usersFile", usersFile],
        ]) {
            const set = await onStack(["config", "set", key, value]);
            assert.equal(set.status, 0, set.output);
        }

        const preview = await running(["preview"]);
        assert.equal(preview.status, 0, preview.output);
        assert.match(preview.output, new RegExp(`\\+ ${USERS.length + 1} to create`), preview.output);
        const up = await running(["up", "--yes"]);
        assert.equal(up.status, 0, up.output);
        assert.match(up.output, new RegExp(`\\+ ${USERS.length + 1} created`), up.output);
        assert.deepEqual(await everyUsersMfa(), asFound, "the up changed no user's MFA");

        // The same `__provider` text as every released state, which npm installs write.
        const released = new Set<string>();
        for (const { fixture } of readFixtures()) {
            const resources = (fixture.deployment as { deployment: { resources: { inputs?: { __provider?: string } }[] } }).deployment.resources;
            resources.forEach((resource) => resource.inputs?.__provider && released.add(resource.inputs.__provider));
        }
        assert.equal(released.size, 1, "the released states share one text");
        const exported = await pulumi(["stack", "export", "--stack", stackName]);
        assert.equal(exported.status, 0, exported.output);
        const state = JSON.parse(exported.output) as { deployment: { resources: { urn: string; type: string; inputs?: { __provider?: string } }[] } };
        const stored = state.deployment.resources.filter((resource) => resource.type.endsWith(":UserMfaPreference"));
        assert.equal(stored.length, USERS.length);
        for (const resource of stored) {
            assert.equal(resource.inputs?.__provider, [...released][0], `__provider of ${resource.urn}`);
        }

        const check = await running(["preview", "--refresh", "--expect-no-changes"]);
        assert.equal(check.status, 0, check.output);
        const destroy = await running(["destroy", "--yes"]);
        assert.equal(destroy.status, 0, destroy.output);
        assert.match(destroy.output, new RegExp(`- ${USERS.length + 1} deleted`), destroy.output);
    });

    it("then a users file of sets (scan --resource set --sets 2): one UserMfaPreferenceSet per set, adopting the users unchanged", async () => {
        // The destroy above turned the users' MFA off: --include-unset declares them as they are.
        const asFound = await everyUsersMfa();
        const setsFile = path.join(workDir, "sets.json");
        const scan = await new Promise<Run>((resolve) => {
            const args = [SCAN, "scan", "--user-pool-id", pool.userPoolId, "--endpoint", emulator.endpoint, "--resource", "set", "--sets", "2", "--include-unset", "--out", setsFile];
            const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
            let output = "";
            child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
            child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
            child.once("close", (status) => resolve({ status, output }));
        });
        assert.equal(scan.status, 0, scan.output);
        assert.match(scan.output, /a list of sets as one UserMfaPreferenceSet each/);
        const sets = JSON.parse(fs.readFileSync(setsFile, "utf8")) as { name: string; users: Record<string, unknown> }[];
        assert.deepEqual(sets.flatMap((set) => Object.keys(set.users)).sort(), USERS.map(({ username }) => username));

        // The stack of the test above, its resources destroyed, now given the sets file.
        const set = await onStack(["config", "set", "usersFile", setsFile]);
        assert.equal(set.status, 0, set.output);
        const up = await running(["up", "--yes"]);
        assert.equal(up.status, 0, up.output);
        assert.match(up.output, /\+ 3 created/, up.output); // the stack and the two sets
        assert.deepEqual(await everyUsersMfa(), asFound, "the up changed no user's MFA");
        const exported = await pulumi(["stack", "export", "--stack", stackName]);
        const state = JSON.parse(exported.output) as { deployment: { resources: { type: string; inputs?: { users?: object } }[] } };
        const stored = state.deployment.resources.filter((resource) => resource.type.endsWith(":UserMfaPreferenceSet"));
        assert.deepEqual(stored.map((resource) => Object.keys(resource.inputs?.users ?? {}).length).sort(), sets.map((entry) => Object.keys(entry.users).length).sort());
        const check = await running(["preview", "--refresh", "--expect-no-changes"]);
        assert.equal(check.status, 0, check.output);
    });

    it("the same project with a type error in index.ts fails with TypeScript's message, before any resource", async () => {
        // A copy of the root project beside the test's state, its program the root's index.ts plus
        // one assignment that only a type check refuses (at run time it is harmless).
        const copy = path.join(workDir, "type-error");
        fs.mkdirSync(copy);
        for (const file of ["Pulumi.yaml", "tsconfig.json"]) {
            fs.copyFileSync(path.join(PROJECT_ROOT, file), path.join(copy, file));
        }
        const program = `${fs.readFileSync(path.join(PROJECT_ROOT, "index.ts"), "utf8")}\nconst notACount: number = "three";\nvoid notACount;\n`;
        fs.writeFileSync(path.join(copy, "index.ts"), program);
        fs.symlinkSync(path.join(PROJECT_ROOT, "node_modules"), path.join(copy, "node_modules"));
        const inCopy = (args: string[]) => pulumiWithHost(host, copy, env, [...args, "--stack", `${stackName}-type-error`]);
        const init = await inCopy(["stack", "init"]);
        assert.equal(init.status, 0, init.output);
        const config = await inCopy(["config", "set", "userPoolId", pool.userPoolId]);
        assert.equal(config.status, 0, config.output);

        const preview = await inCopy(["preview", `--client=${host.address}`]);
        assert.notEqual(preview.status, 0, preview.output);
        assert.match(preview.output, /Unable to compile TypeScript/, preview.output);
        assert.match(preview.output, /index\.ts\(\d+,\d+\): error TS2322: Type 'string' is not assignable to type 'number'/, preview.output);
        assert.doesNotMatch(preview.output, /UserMfaPreference/, "no resource was declared");
    });
});
