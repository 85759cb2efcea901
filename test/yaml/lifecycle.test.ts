// The native provider from Pulumi YAML, as a plain project: the real CLI runs `pulumi up`,
// `preview`, `import` and `destroy` in a project directory, the YAML language host
// (pulumi-language-yaml, scripts/setup/yaml.sh) runs the program, and the plugin is installed from
// its archive with `pulumi plugin install`. No SDK and no Automation API: what a YAML user does.
// The plugin is the standalone one for this machine (scripts/setup/build-plugin-archives.sh), and
// no `node` is on PATH: nothing here needs Node.js but the test itself. The steps share one stack
// and run in order.

import * as assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { userMfaResourceName } from "../../provider/core/resourceName";
import { refusedFromEmptyBucket, startCognitoProxy, type CognitoProxy } from "../../harness/cognitoProxy";
import { adminClient, createPool, createUser, setMfaOutOfBand, userMfa, verifyTotp, type Pool } from "../../harness/fixtures";
import { startEmulator, type Emulator } from "../../harness/moto";
import { poolWithoutMfa } from "../../harness/pools";
import { freshYamlProject, PLUGIN_ARCHIVE, PLUGIN_VERSION, yamlHostBin } from "../support/yamlProject";

const PROJECT_ROOT = path.resolve(__dirname, "../..");
const EXAMPLE = path.join(PROJECT_ROOT, "examples", "yaml", "Pulumi.yaml");
const SCAN = path.join(PROJECT_ROOT, "dist", "provider", "scan", "main.js");
const DIR = path.join(PROJECT_ROOT, ".cache", "stacks", "yaml-lifecycle");
const STACK = "test";
const TYPE = "cognito-mfa:index:UserMfaPreference";
const SET_TYPE = "cognito-mfa:index:UserMfaPreferenceSet";
/** The stacks of the pool resource's steps, in the same project: imported (8), and from a scan (9). */
const SET_STACK = "pool";
/** The stack of the pools imported together, each over two ListUsers pages (8b), to show their pace. */
const PAGED_STACK = "paged";
const PAGED_POOLS = 5;
const USERS_PER_PAGED_POOL = 65;
const SCANNED_STACK = "scanned";
/** The stack of the pool example with its users in the stack's config (8c). */
const CONFIG_STACK = "adopted";
const POOL_EXAMPLE = path.join(PROJECT_ROOT, "examples", "pool-yaml", "Pulumi.yaml");
const SCHEMA = path.join(PROJECT_ROOT, "build", "schema.json");
/** Usernames with non-Latin letters, `+`, `@`, `:` and `/`: `a/b`, beside user `a`, has an id with two slashes. */
const ODD_USERNAMES = ["José", "李小龙", "a+b@example.com", "ops:carol", "a/b", "a"];

let emulator: Emulator;
/** Counts the calls of the commands run with okThroughProxy. */
let proxy: CognitoProxy;
let cognito: CognitoIdentityProviderClient;
let pool: Pool;
/** A pool whose users have odd usernames (step 7), each with SMS enabled. */
let odd: Pool;
let env: NodeJS.ProcessEnv;
/** The example's text, as the steps edit it. */
let program: string;

interface Run {
    status: number;
    output: string;
}

/** Runs a command in the project directory with the project's environment; returns what it printed. */
function run(command: string, args: string[]): Run {
    const result = spawnSync(command, args, { cwd: DIR, env, encoding: "utf8", maxBuffer: 1 << 30 });
    return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}${result.error ? String(result.error) : ""}` };
}

function pulumi(...args: string[]): Run {
    return run("pulumi", [...args, "--non-interactive"]);
}

/** A pulumi command that must succeed; returns what it printed. */
function ok(...args: string[]): string {
    const result = pulumi(...args);
    assert.equal(result.status, 0, `pulumi ${args.join(" ")} exited ${result.status}:\n${result.output}`);
    assert.doesNotMatch(result.output, /using pulumi-resource-cognito-mfa from \$PATH/, "the installed plugin, not one found on PATH");
    return result.output;
}

/**
 * A pulumi command that must succeed, with the plugin reaching Cognito through the counting proxy;
 * returns what it printed. Not spawnSync: the proxy answers in this process, which must not block.
 */
function okThroughProxy(...args: string[]): Promise<string> {
    const child = spawn("pulumi", [...args, "--non-interactive"], { cwd: DIR, env: { ...env, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: proxy.endpoint } });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    return new Promise((resolve, reject) => {
        child.on("error", reject);
        child.on("close", (status) => (status === 0 ? resolve(output) : reject(new Error(`pulumi ${args.join(" ")} exited ${status}:\n${output}`))));
    });
}

function writeProgram(text: string): void {
    program = text;
    fs.writeFileSync(path.join(DIR, "Pulumi.yaml"), text);
}

/** `text` with `from`, which must occur exactly once, replaced by `to`. */
function edit(text: string, from: string, to: string): string {
    assert.equal(text.split(from).length, 2, `${JSON.stringify(from)} once in:\n${text}`);
    return text.replace(from, to);
}

/** What the last update of a stack did, as its history records it. */
function lastChangesOf(stack: string): Record<string, number> {
    const history = JSON.parse(ok("stack", "history", "--json", "--stack", stack)) as { resourceChanges: Record<string, number> }[];
    return history[0].resourceChanges;
}

const lastChanges = () => lastChangesOf(STACK);

interface StoredResource {
    urn: string;
    type: string;
    id: string;
    inputs: Record<string, unknown>;
    protect?: boolean;
}

function storedResources(): StoredResource[] {
    const state = JSON.parse(ok("stack", "export", "--stack", STACK)) as { deployment: { resources?: StoredResource[] } };
    return (state.deployment.resources ?? []).filter((resource) => resource.type === TYPE);
}

const mfaOf = (userPoolId: string, username: string) => userMfa(cognito, userPoolId, username);

/** Every listed user's MFA in Cognito, to compare before and after. */
async function everyMfa(userPoolId: string, usernames: string[]) {
    return Promise.all(usernames.map(async (username) => ({ username, ...(await mfaOf(userPoolId, username)) })));
}

/** The inputs an import declares for a user Cognito reports so: SMS, TOTP and email OTP, as they are. */
function importedFactors({ enabled, preferred }: { enabled: string[]; preferred?: string }) {
    const factor = (name: string) => ({ enabled: enabled.includes(name), preferred: preferred === name });
    return { smsMfa: factor("SMS_MFA"), softwareTokenMfa: factor("SOFTWARE_TOKEN_MFA"), emailMfa: factor("EMAIL_OTP") };
}

/**
 * The program with the code `pulumi import --out` generated added to it: the generated file is a
 * `resources:` section, whose entries go under the program's own, which comes last.
 */
function withGenerated(base: string, generatedFile: string): string {
    const generated = fs.readFileSync(path.join(DIR, generatedFile), "utf8");
    const lines = generated.split("\n");
    const start = lines.findIndex((line) => line === "resources:");
    assert.ok(start >= 0, `a resources: section in the generated code:\n${generated}`);
    assert.match(base, /\nresources:( \{\})?\n( {2}.*\n)*$/, "the program's resources come last");
    const entries = lines.slice(start + 1).filter((line) => line.trim() !== "");
    assert.ok(
        entries.every((line) => line.startsWith("  ")),
        `only resources in the generated code:\n${generated}`,
    );
    return `${base.replace(/\nresources: \{\}\n$/, "\nresources:\n")}${entries.join("\n")}\n`;
}

describe("native provider from Pulumi YAML, with the CLI and pulumi-language-yaml", function () {
    this.timeout(300_000);

    before(async () => {
        const yamlBin = yamlHostBin();
        emulator = await startEmulator();
        cognito = adminClient(emulator.endpoint);
        pool = await createPool(cognito);
        const alice = await createUser(cognito, pool, "alice");
        await verifyTotp(cognito, alice);
        await createUser(cognito, pool, "bob");
        await createUser(cognito, pool, "carol");
        // bob and carol have MFA set out of band: the import steps adopt them as they are.
        await setMfaOutOfBand(cognito, pool.userPoolId, "bob", { SMSMfaSettings: { Enabled: true, PreferredMfa: true } });
        await setMfaOutOfBand(cognito, pool.userPoolId, "carol", { SMSMfaSettings: { Enabled: true, PreferredMfa: false } });

        // The YAML language host, and no Node.js: the standalone plugin needs none.
        proxy = await startCognitoProxy(emulator.endpoint);
        env = freshYamlProject(DIR, emulator.env, yamlBin);
        const node = run("node", ["--version"]);
        assert.notEqual(node.status, 0, `no node on PATH, but it ran: ${node.output}`);
        ok("plugin", "install", "resource", "cognito-mfa", PLUGIN_VERSION, "--file", PLUGIN_ARCHIVE);
        writeProgram(fs.readFileSync(EXAMPLE, "utf8"));
        ok("stack", "init", STACK);
        ok("config", "set", "userPoolId", pool.userPoolId, "--stack", STACK);
        ok("config", "set", "username", "alice", "--stack", STACK);
    });

    after(async () => {
        await proxy?.close();
        await emulator?.stop();
    });

    it("0. the installed plugin is an executable of its own, and answers GetSchema with the schema built", () => {
        const installed = path.join(env.PULUMI_HOME!, "plugins", `resource-cognito-mfa-v${PLUGIN_VERSION}`, "pulumi-resource-cognito-mfa");
        assert.notEqual(fs.readFileSync(installed, "latin1").slice(0, 2), "#!", "not a script for an interpreter");
        // The CLI prints the schema as it binds it (defaults filled in): the package and its resources' inputs are the built ones.
        type Schema = { name: string; version: string; resources: Record<string, { inputProperties: Record<string, unknown> }> };
        const inputs = (schema: Schema) => Object.entries(schema.resources).map(([type, resource]) => [type, Object.keys(resource.inputProperties).sort()]);
        const served = JSON.parse(ok("package", "get-schema", installed)) as Schema;
        const built = JSON.parse(fs.readFileSync(SCHEMA, "utf8")) as Schema;
        assert.deepEqual([served.name, served.version], [built.name, built.version]);
        assert.deepEqual(inputs(served), inputs(built));
    });

    it("1. pulumi up creates the example's resource; Cognito and the outputs show the declared factors", async () => {
        ok("up", "--yes", "--stack", STACK);
        assert.deepEqual(lastChanges(), { create: 2 }, "the stack and alice");
        assert.deepEqual(await mfaOf(pool.userPoolId, "alice"), { enabled: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], preferred: "SMS_MFA" });
        assert.deepEqual(JSON.parse(ok("stack", "output", "--json", "--stack", STACK)), { enabledMfas: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], preferredMfa: "SMS_MFA" });
        const [stored] = storedResources();
        assert.equal(stored.id, `${pool.userPoolId}/alice`);
        assert.equal(stored.inputs.__provider, undefined, "no code in state");
    });

    it("2. drift: preview --refresh --expect-no-changes exits non-zero naming the property; up --refresh repairs it", async () => {
        await setMfaOutOfBand(cognito, pool.userPoolId, "alice", { SMSMfaSettings: { Enabled: false, PreferredMfa: false } });
        const drifted = pulumi("preview", "--refresh", "--expect-no-changes", "--stack", STACK);
        assert.notEqual(drifted.status, 0, drifted.output);
        assert.match(drifted.output, /user-mfa update \[diff: ~smsMfa\]/, drifted.output);
        assert.match(drifted.output, /no changes were expected for preview but changes were proposed/, drifted.output);
        ok("up", "--refresh", "--yes", "--stack", STACK);
        assert.deepEqual(lastChanges(), { same: 1, update: 1 });
        assert.deepEqual(await mfaOf(pool.userPoolId, "alice"), { enabled: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], preferred: "SMS_MFA" });
        ok("preview", "--refresh", "--expect-no-changes", "--stack", STACK);
    });

    it("3. an edited factor in the YAML updates in place", async () => {
        let edited = edit(program, "smsMfa:\n        enabled: true\n        preferred: true", "smsMfa:\n        enabled: true\n        preferred: false");
        edited = edit(edited, "softwareTokenMfa:\n        enabled: true\n        preferred: false", "softwareTokenMfa:\n        enabled: true\n        preferred: true");
        writeProgram(edited);
        ok("up", "--yes", "--stack", STACK);
        assert.deepEqual(lastChanges(), { same: 1, update: 1 });
        assert.deepEqual(await mfaOf(pool.userPoolId, "alice"), { enabled: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], preferred: "SOFTWARE_TOKEN_MFA" });
        assert.equal((JSON.parse(ok("stack", "output", "--json", "--stack", STACK)) as { preferredMfa: string }).preferredMfa, "SOFTWARE_TOKEN_MFA");
    });

    it("4. the import resource option adopts bob as he is, with no write; then a clean refresh preview", async () => {
        const before = await mfaOf(pool.userPoolId, "bob");
        const bob = [
            "  bob-mfa:",
            `    type: ${TYPE}`,
            "    properties:",
            "      userPoolId: ${userPoolId}",
            "      username: bob",
            "      smsMfa: { enabled: true, preferred: true }",
            "      softwareTokenMfa: { enabled: false, preferred: false }",
            "      emailMfa: { enabled: false, preferred: false }",
            "    options:",
            `      import: ${pool.userPoolId}/bob`,
            "",
        ].join("\n");
        writeProgram(edit(program, "outputs:\n", `${bob}outputs:\n`));
        ok("up", "--yes", "--stack", STACK);
        assert.deepEqual(lastChanges(), { same: 2, import: 1 }, "imported: read, never written");
        assert.deepEqual(await mfaOf(pool.userPoolId, "bob"), before);
        const stored = storedResources().find((resource) => resource.urn.endsWith("::bob-mfa"));
        assert.equal(stored?.id, `${pool.userPoolId}/bob`);
        ok("preview", "--refresh", "--expect-no-changes", "--stack", STACK);
    });

    it("5. pulumi destroy turns the managed factors off", async () => {
        ok("destroy", "--yes", "--stack", STACK);
        assert.deepEqual(lastChanges(), { delete: 3 });
        assert.deepEqual(await mfaOf(pool.userPoolId, "alice"), { enabled: [], preferred: undefined });
        assert.deepEqual(await mfaOf(pool.userPoolId, "bob"), { enabled: [], preferred: undefined });
        assert.deepEqual(await mfaOf(pool.userPoolId, "carol"), { enabled: ["SMS_MFA"], preferred: undefined }, "carol was never in the stack");
        assert.deepEqual(storedResources(), []);
    });

    it("6. pulumi import on the command line: generated YAML that previews clean, Cognito untouched", async () => {
        const base = ["name: cognito-mfa-yaml", "runtime: yaml", "resources: {}", ""].join("\n");
        writeProgram(base);
        const before = await mfaOf(pool.userPoolId, "carol");
        ok("import", TYPE, "carol-mfa", `${pool.userPoolId}/carol`, "--yes", "--out", "carol.yaml", "--stack", STACK);
        assert.deepEqual(lastChanges(), { import: 1, create: 1 }, "the stack and carol");
        const generated = fs.readFileSync(path.join(DIR, "carol.yaml"), "utf8");
        // The YAML generator writes the type token without its `index` module.
        assert.match(generated, /^ {4}type: cognito-mfa:(index:)?UserMfaPreference$/m);
        assert.match(generated, /username: carol/);
        assert.match(generated, /protect: true/, "imported resources are protected");
        writeProgram(withGenerated(base, "carol.yaml"));
        ok("preview", "--refresh", "--expect-no-changes", "--stack", STACK);
        assert.deepEqual(await mfaOf(pool.userPoolId, "carol"), before);
        const [stored] = storedResources();
        assert.deepEqual(stored.inputs, { userPoolId: pool.userPoolId, username: "carol", ...importedFactors(before) });
    });

    it("7. bulk: scan --format import, pulumi import --file, the generated YAML previews clean; ids split at the first slash", async () => {
        odd = await createPool(cognito, "odd-usernames");
        for (const [index, username] of ODD_USERNAMES.entries()) {
            await createUser(cognito, odd, username);
            // Each user differs from the next, so that reading the wrong one shows (`a/b` beside `a`).
            await setMfaOutOfBand(cognito, odd.userPoolId, username, { SMSMfaSettings: { Enabled: true, PreferredMfa: index % 2 === 0 } });
        }
        const before = await everyMfa(odd.userPoolId, ODD_USERNAMES);
        const carolBefore = await mfaOf(pool.userPoolId, "carol");

        const scanned = run(process.execPath, [SCAN, "scan", "--user-pool-id", odd.userPoolId, "--format", "import", "--out", "import.json"]);
        assert.equal(scanned.status, 0, scanned.output);
        const importFile = JSON.parse(fs.readFileSync(path.join(DIR, "import.json"), "utf8")) as { resources: { type: string; name: string; id: string }[] };
        assert.deepEqual(
            [...importFile.resources].sort((a, b) => a.id.localeCompare(b.id)),
            ODD_USERNAMES.map((username) => ({ type: TYPE, name: userMfaResourceName(username), id: `${odd.userPoolId}/${username}` })).sort((a, b) => a.id.localeCompare(b.id)),
        );

        ok("import", "--file", "import.json", "--yes", "--out", "bulk.yaml", "--stack", STACK);
        assert.deepEqual(lastChanges(), { same: 2, import: ODD_USERNAMES.length }, "the stack and carol same, every user imported");
        writeProgram(withGenerated(program, "bulk.yaml"));
        ok("preview", "--refresh", "--expect-no-changes", "--stack", STACK);

        assert.deepEqual(await everyMfa(odd.userPoolId, ODD_USERNAMES), before, "Cognito untouched");
        assert.deepEqual(await mfaOf(pool.userPoolId, "carol"), carolBefore);
        // Each resource holds its own user: the id and username as scanned, the factors as Cognito has them.
        const stored = new Map(storedResources().map((resource) => [resource.id, resource]));
        for (const { username, enabled, preferred } of before) {
            const resource = stored.get(`${odd.userPoolId}/${username}`);
            assert.ok(resource, `${username} imported`);
            assert.ok(resource.urn.endsWith(`::${userMfaResourceName(username)}`), resource.urn);
            assert.deepEqual(resource.inputs, { userPoolId: odd.userPoolId, username, ...importedFactors({ enabled, preferred }) }, username);
        }
    });
    it("8. pulumi import of a UserMfaPreferenceSet takes up every user with MFA, odd usernames as map keys; the generated YAML previews clean", async () => {
        const before = await everyMfa(odd.userPoolId, ODD_USERNAMES);
        ok("stack", "init", SET_STACK);
        writeProgram("name: cognito-mfa-yaml\nruntime: yaml\nresources: {}\n");
        proxy.resetCounts();
        await okThroughProxy("import", SET_TYPE, "odd-pool", odd.userPoolId, "--yes", "--out", "set.yaml", "--stack", SET_STACK);
        // The import's preview reads the resource as the import does: each lists the pool and reads each user once.
        assert.deepEqual(Object.fromEntries(proxy.received), { ListUsers: 2, AdminGetUser: 2 * ODD_USERNAMES.length }, "one page and one read per user, twice");
        for (const username of ODD_USERNAMES) {
            assert.deepEqual(proxy.receivedFor(username), { AdminGetUser: 2 }, username);
        }
        writeProgram(withGenerated(program, "set.yaml"));
        ok("preview", "--refresh", "--expect-no-changes", "--stack", SET_STACK);
        assert.deepEqual(await everyMfa(odd.userPoolId, ODD_USERNAMES), before, "Cognito untouched");
        const state = JSON.parse(ok("stack", "export", "--stack", SET_STACK)) as { deployment: { resources: StoredResource[] } };
        const stored = state.deployment.resources.find((resource) => resource.type === SET_TYPE)!;
        assert.equal(stored.id, odd.userPoolId);
        const users = stored.inputs.users as Record<string, { smsMfa: { enabled: boolean; preferred: boolean } }>;
        assert.deepEqual(Object.keys(users).sort(), [...ODD_USERNAMES].sort());
        for (const { username, preferred } of before) {
            assert.deepEqual(users[username], { smsMfa: { enabled: true, preferred: preferred === "SMS_MFA" } }, username);
        }
    });

    it("8b. pulumi import --skip-preview of several UserMfaPreferenceSets at once lists their pools at most 30 pages a second together, and reads each listed user once", async () => {
        const pools = [];
        for (let index = 0; index < PAGED_POOLS; index++) {
            const { pool: paged, usernames } = await poolWithoutMfa(cognito, `paged-${index}`, USERS_PER_PAGED_POOL);
            const withSms = usernames.filter((_, number) => number % 30 === 1);
            for (const username of withSms) {
                await setMfaOutOfBand(cognito, paged.userPoolId, username, { SMSMfaSettings: { Enabled: true, PreferredMfa: false } });
            }
            pools.push({ name: `paged-${index}`, userPoolId: paged.userPoolId, usernames, withSms });
        }
        fs.writeFileSync(path.join(DIR, "paged.json"), JSON.stringify({ resources: pools.map(({ name, userPoolId }) => ({ type: SET_TYPE, name, id: userPoolId })) }));
        ok("stack", "init", PAGED_STACK);
        writeProgram("name: cognito-mfa-yaml\nruntime: yaml\nresources: {}\n");
        proxy.resetCounts();
        await okThroughProxy("import", "--file", "paged.json", "--yes", "--skip-preview", "--stack", PAGED_STACK);
        const pages = PAGED_POOLS * Math.ceil(USERS_PER_PAGED_POOL / 60);
        assert.deepEqual(Object.fromEntries(proxy.received), { ListUsers: pages, AdminGetUser: PAGED_POOLS * USERS_PER_PAGED_POOL }, "every page once, and one read per user");
        for (const { userPoolId, usernames } of pools) {
            for (const username of usernames) {
                assert.deepEqual(proxy.receivedFor(username, userPoolId), { AdminGetUser: 1 }, `${username} of ${userPoolId}`);
            }
        }
        // Cognito's UserList quota, 30 a second, is the account's: the sets share it, as they share
        // the plugin's client. Each page starts 1/30 s after the last at the earliest, but may reach
        // the proxy late and then close to the next (measured: 7 ms after the first, on the first
        // connection), which the bucket's three tokens allow. Unpaced, the pools' first pages come
        // together (measured: four within 8 ms).
        const arrivals = proxy.requests.filter((request) => request.operation === "ListUsers").map((request) => request.at);
        const { refused, lowest } = refusedFromEmptyBucket(arrivals, 30, 3);
        const gaps = arrivals.slice(1).map((at, index) => Math.round(at - arrivals[index]));
        assert.equal(refused, 0, `${refused} of ${pages} pages came faster than 30 a second (ms between them: ${gaps.join(", ")}; the bucket fell to ${lowest.toFixed(2)})`);

        const state = JSON.parse(ok("stack", "export", "--stack", PAGED_STACK)) as { deployment: { resources: StoredResource[] } };
        for (const { userPoolId, withSms } of pools) {
            const stored = state.deployment.resources.find((resource) => resource.type === SET_TYPE && resource.id === userPoolId)!;
            assert.deepEqual(Object.keys(stored.inputs.users as object).sort(), [...withSms].sort(), `the users with MFA of ${userPoolId} taken up`);
        }
    });

    it("8c. scan --format stack-config: the pool example adopts the pool with its users in the stack's config, Cognito untouched; the drift check is clean", async () => {
        const before = await everyMfa(odd.userPoolId, ODD_USERNAMES);
        const scanned = run(process.execPath, [SCAN, "scan", "--user-pool-id", odd.userPoolId, "--format", "stack-config", "--resource", "set", "--out", `Pulumi.${CONFIG_STACK}.yaml`]);
        assert.equal(scanned.status, 0, scanned.output);
        const previous = program;
        writeProgram(fs.readFileSync(POOL_EXAMPLE, "utf8"));
        ok("stack", "init", CONFIG_STACK);
        ok("config", "set", "userPoolId", odd.userPoolId, "--stack", CONFIG_STACK);
        ok("up", "--yes", "--stack", CONFIG_STACK);
        assert.deepEqual(lastChangesOf(CONFIG_STACK), { create: 2 });
        assert.deepEqual(await everyMfa(odd.userPoolId, ODD_USERNAMES), before, "adopted with no change in Cognito");
        const state = JSON.parse(ok("stack", "export", "--stack", CONFIG_STACK)) as { deployment: { resources: StoredResource[] } };
        const [set] = state.deployment.resources.filter((resource) => resource.type === SET_TYPE);
        assert.deepEqual(Object.keys(set.inputs.users as object).sort(), [...ODD_USERNAMES].sort());
        ok("preview", "--refresh", "--expect-no-changes", "--stack", CONFIG_STACK);
        // Let the stack go with Cognito as it is, for the next step's scan, in the project it uses.
        ok("stack", "rm", CONFIG_STACK, "--force", "--yes");
        writeProgram(previous);
    });

    it("9. scan --format yaml --resource set writes a program that adopts the pool; one user changed is written alone, drift is named by user, destroy turns the managed factors off", async () => {
        const before = await everyMfa(odd.userPoolId, ODD_USERNAMES);
        const scanned = run(process.execPath, [SCAN, "scan", "--user-pool-id", odd.userPoolId, "--format", "yaml", "--resource", "set", "--out", "scanned.yaml"]);
        assert.equal(scanned.status, 0, scanned.output);
        ok("stack", "init", SCANNED_STACK);
        const header = "name: cognito-mfa-yaml\nruntime: yaml\n";
        writeProgram(header + fs.readFileSync(path.join(DIR, "scanned.yaml"), "utf8"));
        ok("up", "--yes", "--stack", SCANNED_STACK);
        assert.deepEqual(lastChangesOf(SCANNED_STACK), { create: 2 });
        assert.deepEqual(await everyMfa(odd.userPoolId, ODD_USERNAMES), before, "adopted with no change in Cognito");
        ok("preview", "--refresh", "--expect-no-changes", "--stack", SCANNED_STACK);

        // José's SMS was on and preferred (step 7).
        writeProgram(edit(program, '"José": {"smsMfa":{"enabled":true,"preferred":true}}', '"José": {"smsMfa":{"enabled":false}}'));
        ok("up", "--yes", "--stack", SCANNED_STACK);
        const after = await everyMfa(odd.userPoolId, ODD_USERNAMES);
        assert.deepEqual(after.find((user) => user.username === "José"), { username: "José", enabled: [], preferred: undefined });
        assert.deepEqual(
            after.filter((user) => user.username !== "José"),
            before.filter((user) => user.username !== "José"),
            "every other user as it was",
        );

        await setMfaOutOfBand(cognito, odd.userPoolId, "a/b", { SMSMfaSettings: { Enabled: false, PreferredMfa: false } });
        const drift = pulumi("preview", "--refresh", "--expect-no-changes", "--diff", "--stack", SCANNED_STACK);
        assert.notEqual(drift.status, 0, drift.output);
        // The CLI prints map keys as they are, padded to the longest.
        assert.match(drift.output, /~ a\/b\s*: \{\s*~ smsMfa\s*: \{\s*~ enabled\s*: false => true/);
        assert.ok(!/~ (a|José|a\+b@example\.com|ops:carol|李小龙)\s*: \{/.test(drift.output), `only a/b is named:\n${drift.output}`);

        ok("destroy", "--yes", "--stack", SCANNED_STACK);
        for (const { username, enabled } of await everyMfa(odd.userPoolId, ODD_USERNAMES)) {
            assert.deepEqual(enabled, [], username);
        }
    });
    it("10. examples/pool-yaml previews as given, with its stack's config: one UserMfaPreferenceSet of its two users to create, checked by the plugin", () => {
        // The example's own project and stack config: its stack is made after its program is in place.
        writeProgram(fs.readFileSync(POOL_EXAMPLE, "utf8"));
        fs.copyFileSync(path.join(path.dirname(POOL_EXAMPLE), "Pulumi.dev.yaml"), path.join(DIR, "Pulumi.dev.yaml"));
        ok("stack", "init", "dev");
        ok("config", "set", "userPoolId", pool.userPoolId, "--stack", "dev");
        const preview = ok("preview", "--diff", "--stack", "dev");
        assert.match(preview, /alice\s*: \{\s*softwareTokenMfa: \{\s*enabled\s*: true\s*preferred: true/);
        assert.match(preview, /"?ops:bob"?\s*: \{\s*smsMfa: \{\s*enabled\s*: true\s*preferred: true/);
        assert.match(preview, /\+ cognito-mfa:index:UserMfaPreferenceSet: \(create\)\n\s*\[urn=\S+::pool-mfa\]/);
        assert.match(preview, /\+ 2 to create/);
    });
});
