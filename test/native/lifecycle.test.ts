// The native provider from TypeScript: the generated Node.js SDK and the installed plugin, through
// the real CLI and engine, against the Cognito emulator. The steps share one stack and run in
// order, as a user's would; test/native/python and test/native/go take the same steps.

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import * as pulumi from "@pulumi/pulumi";
import type { Stack } from "@pulumi/pulumi/automation";
import { UserMfaPreference, type UserMfaPreferenceArgs } from "pulumi-cognito-mfa-native";
import { adminClient, createPool, createUser, verifyTotp, type Pool, type TestUser, setMfaOutOfBand, userMfa } from "../../harness/fixtures";
import { startEmulator, type Emulator } from "../../harness/moto";
import { installPlugin } from "../../harness/nativePlugin";
import { cli, freshStack } from "../../harness/pulumi";

interface Declared {
    name: string;
    args: UserMfaPreferenceArgs;
    opts?: pulumi.CustomResourceOptions;
}

/** Credentials the plugin receives; they must never reach state or output. */
const PLANTED = { AWS_ACCESS_KEY_ID: "AKIAPLANTEDNATIVE0001", AWS_SECRET_ACCESS_KEY: "planted-native-secret-do-not-store" };

let emulator: Emulator;
let cognito: CognitoIdentityProviderClient;
let pool: Pool;
let alice: TestUser;
let declared: Declared[] = [];
let stack: Stack;
/** Everything the CLI printed in this file's runs. */
const printed: string[] = [];
const onOutput = (text: string) => printed.push(text);

async function program() {
    const outputs: Record<string, unknown> = {};
    for (const { name, args, opts } of declared) {
        const resource = new UserMfaPreference(name, args, opts);
        outputs[name] = { enabledMfas: resource.enabledMfas, preferredMfa: resource.preferredMfa };
    }
    return outputs;
}

const mfaOf = (username: string) => userMfa(cognito, pool.userPoolId, username);
const setOutOfBand = (username: string, settings: object) => setMfaOutOfBand(cognito, pool.userPoolId, username, settings);

function user(name: string, username: string, args: Partial<UserMfaPreferenceArgs>, opts?: pulumi.CustomResourceOptions): Declared {
    return { name, args: { userPoolId: pool.userPoolId, username, ...args }, opts };
}

function exportedState(): string {
    const exported = cli(stack, ["stack", "export", "--show-secrets=false"]);
    assert.equal(exported.status, 0, exported.output);
    return exported.output;
}

/** Every file of the stack's backend: the checkpoint, its backups and its history. */
function stateFiles(): string {
    const dir = path.join(stack.workspace.workDir, "state");
    return fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name), "utf8"))
        .join("\n");
}

/**
 * No planted credential, nor any of SECRETS, in the live state (`pulumi stack export` and the
 * backend's files) nor in anything the CLI printed so far. Run while the resources exist: after
 * destroy the state holds none of them.
 */
function assertNothingLeaked(secrets: string[]): void {
    const places: [string, string][] = [
        ["pulumi stack export", exportedState()],
        ["the state files", stateFiles()],
        ["the CLI's output", printed.join("")],
    ];
    for (const [where, text] of places) {
        for (const secret of [...Object.values(PLANTED), ...secrets]) {
            assert.ok(!text.includes(secret), `${secret.slice(0, 12)}… leaked into ${where}`);
        }
    }
}

describe("native provider from TypeScript", function () {
    this.timeout(180_000);

    before(async () => {
        emulator = await startEmulator();
        cognito = adminClient(emulator.endpoint);
        pool = await createPool(cognito);
        alice = await createUser(cognito, pool, "alice");
        const bob = await createUser(cognito, pool, "bob");
        await createUser(cognito, pool, "carol");
        // bob's TOTP is set out of band and never declared: no step may touch it.
        await verifyTotp(cognito, bob);
        await setOutOfBand("bob", { SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: false } });
        await setOutOfBand("carol", { SMSMfaSettings: { Enabled: true, PreferredMfa: true } });
        stack = await freshStack({ name: "native-typescript", program, env: { ...emulator.env, ...PLANTED } });
        installPlugin(stack);
    });

    after(async () => {
        await emulator?.stop();
    });

    it("1. up creates; Cognito shows the declared factors", async () => {
        declared = [user("alice", "alice", { smsMfa: { enabled: true, preferred: true } })];
        const result = await stack.up({ onOutput });
        assert.deepEqual(result.summary.resourceChanges, { create: 2 }, "the stack and alice");
        assert.deepEqual(await mfaOf("alice"), { enabled: ["SMS_MFA"], preferred: "SMS_MFA" });
        assert.deepEqual(result.outputs.alice.value, { enabledMfas: ["SMS_MFA"], preferredMfa: "SMS_MFA" });
        const state = JSON.parse(exportedState());
        const stored = state.deployment.resources.find((resource: { urn: string }) => resource.urn.endsWith("::alice"));
        assert.equal(stored.type, "cognito-mfa:index:UserMfaPreference");
        assert.equal(stored.id, `${pool.userPoolId}/alice`);
        assert.equal(stored.inputs.__provider, undefined, "no code in state");
        assertNothingLeaked([]);
    });

    it("2. drift: preview --refresh --expect-no-changes fails naming the property; up --refresh repairs it", async () => {
        await setOutOfBand("alice", { SMSMfaSettings: { Enabled: false, PreferredMfa: false } });
        const lines: string[] = [];
        await assert.rejects(stack.preview({ refresh: true, expectNoChanges: true, onOutput: (text) => lines.push(text) }));
        assert.match(lines.join(""), /smsMfa/);
        const repaired = await stack.up({ refresh: true, onOutput });
        assert.deepEqual(repaired.summary.resourceChanges, { same: 1, update: 1 });
        assert.deepEqual(await mfaOf("alice"), { enabled: ["SMS_MFA"], preferred: "SMS_MFA" });
    });

    it("3. a factor change updates in place", async () => {
        declared = [user("alice", "alice", { smsMfa: { enabled: true, preferred: false } })];
        assert.deepEqual((await stack.up({ onOutput })).summary.resourceChanges, { same: 1, update: 1 });
        assert.deepEqual(await mfaOf("alice"), { enabled: ["SMS_MFA"], preferred: undefined });
    });

    it("4. a change of user replaces, deleting first; the old user's managed factor is turned off", async () => {
        declared = [user("alice", "bob", { smsMfa: { enabled: true, preferred: false } })];
        assert.deepEqual((await stack.up({ onOutput })).summary.resourceChanges, { same: 1, replace: 1 });
        assert.deepEqual(await mfaOf("alice"), { enabled: [], preferred: undefined });
        assert.deepEqual(await mfaOf("bob"), { enabled: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], preferred: undefined });
    });

    it("5. import through the import option adopts carol unchanged; then a clean refresh preview; then managed", async () => {
        const carolAsIs = { smsMfa: { enabled: true, preferred: true }, softwareTokenMfa: { enabled: false, preferred: false }, emailMfa: { enabled: false, preferred: false } };
        declared = [declared[0], user("carol", "carol", carolAsIs, { import: `${pool.userPoolId}/carol` })];
        const imported = await stack.up({ onOutput });
        assert.deepEqual(imported.summary.resourceChanges, { same: 2, import: 1 });
        assert.deepEqual(await mfaOf("carol"), { enabled: ["SMS_MFA"], preferred: "SMS_MFA" });
        assert.deepEqual((await stack.preview({ refresh: true, expectNoChanges: true, onOutput })).changeSummary, { same: 3 });

        declared = [declared[0], user("carol", "carol", { ...carolAsIs, smsMfa: { enabled: true, preferred: false } })];
        assert.deepEqual((await stack.up({ onOutput })).summary.resourceChanges, { same: 2, update: 1 });
        assert.deepEqual(await mfaOf("carol"), { enabled: ["SMS_MFA"], preferred: undefined });
    });

    it("6. the self-service form keeps the access token secret in state", async () => {
        declared = [...declared, { name: "alice-self", args: { accessToken: alice.accessToken, smsMfa: { enabled: true, preferred: false } } }];
        assert.deepEqual((await stack.up({ onOutput })).summary.resourceChanges, { same: 3, create: 1 });
        assert.deepEqual(await mfaOf("alice"), { enabled: ["SMS_MFA"], preferred: undefined });
        const state = exportedState();
        assert.ok(!state.includes(alice.accessToken), "the token appears in state in plain text");
        const stored = JSON.parse(state).deployment.resources.find((resource: { urn: string }) => resource.urn.endsWith("::alice-self"));
        assert.ok(stored.inputs.accessToken.ciphertext, "input is a secret");
        assert.ok(stored.outputs.accessToken.ciphertext, "output is a secret");
        assert.equal(stored.outputs.username, "alice");
        assertNothingLeaked([alice.accessToken]);
    });

    it("7. destroy turns the managed factors off and leaves unmanaged ones alone", async () => {
        const result = await stack.destroy({ onOutput });
        assert.deepEqual(result.summary.resourceChanges, { delete: 4 });
        assert.deepEqual(await mfaOf("bob"), { enabled: ["SOFTWARE_TOKEN_MFA"], preferred: undefined });
        assert.deepEqual(await mfaOf("carol"), { enabled: [], preferred: undefined });
        assert.deepEqual(await mfaOf("alice"), { enabled: [], preferred: undefined });
    });

    it("8. no planted credential or token appears in state or in anything the CLI printed", () => {
        const everything = `${exportedState()}\n${printed.join("")}`;
        for (const secret of [...Object.values(PLANTED), alice.accessToken]) {
            assert.ok(!everything.includes(secret), `${secret.slice(0, 12)}… leaked`);
        }
    });
});
