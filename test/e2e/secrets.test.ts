// Planted credentials and tokens must never show up in state, the serialized provider, CLI output
// or error messages: on success and on every failure path. Not with `--debug`: there Pulumi's
// Node.js SDK itself logs each RegisterResource response, secrets included (docs/_index.md, "Secrets").

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import type { UserMfaPreferenceArgs } from "pulumi-cognito-mfa";
import { adminClient, createPool, createUser, type TestUser } from "../../harness/fixtures";
import { installedPackage } from "../../harness/installedPackage";
import { startEmulator, type Emulator } from "../../harness/moto";
import { cli, freshStack } from "../../harness/pulumi";

const PLANTED_SECRET_KEY = "PLANTED+secret/access/key/0123456789ABCDEFGHIJ";
const PLANTED_SESSION_TOKEN = "PLANTED-session-token-FwoGZXIvYXdzEJr";

interface Options {
    onOutput: (text: string) => void;
    onError: (text: string) => void;
    diff: boolean;
}

describe("secrets never leak", function () {
    this.timeout(180_000);
    let emulator: Emulator;
    let alice: TestUser;
    let userPoolId: string;
    let declared: { name: string; args: UserMfaPreferenceArgs }[] = [];
    let stack: Stack;
    const seen: string[] = [];

    const program = async () => {
        for (const { name, args } of declared) {
            new installedPackage.UserMfaPreference(name, args);
        }
    };
    /** Runs an operation with its diff shown, keeping everything it printed and its error; how it ended. */
    const run = async <T>(operation: (options: Options) => Promise<T>): Promise<{ result?: T; error?: string }> => {
        const keep = (text: string) => seen.push(text);
        try {
            return { result: await operation({ onOutput: keep, onError: keep, diff: true }) };
        } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            keep(message);
            return { error: message };
        }
    };
    /** An operation that must succeed; its result. */
    const succeeds = async <T>(what: string, operation: (options: Options) => Promise<T>): Promise<T> => {
        const { result, error } = await run(operation);
        assert.equal(error, undefined, `${what} failed`);
        return result as T;
    };
    /** An operation that must fail, with a message that matches EXPECTED. */
    const fails = async (what: string, operation: (options: Options) => Promise<unknown>, expected: RegExp): Promise<void> => {
        const { error } = await run(operation);
        assert.ok(error !== undefined, `${what} succeeded; it must fail with ${expected}`);
        assert.match(error, expected, `${what} failed otherwise than expected`);
    };

    before(async () => {
        emulator = await startEmulator();
        const cognito = adminClient(emulator.endpoint);
        const pool = await createPool(cognito);
        userPoolId = pool.userPoolId;
        alice = await createUser(cognito, pool, "alice");
        stack = await freshStack({
            name: "planted-secrets",
            program,
            env: { ...emulator.env, AWS_SECRET_ACCESS_KEY: PLANTED_SECRET_KEY, AWS_SESSION_TOKEN: PLANTED_SESSION_TOKEN },
        });
    });

    after(async () => {
        await emulator?.stop();
    });

    it("on success and on every failure path", async () => {
        const token = alice.accessToken;
        const [header, payload] = token.split(".");
        const forged = `${header}.${payload}.Zm9yZ2VkLXNpZ25hdHVyZQ`;

        const notAJwt = `${token}.not-a-jwt`;
        const badSignature = `${token}-not-a-jwt`;

        // Success: create, refresh, update.
        declared = [{ name: "self", args: { accessToken: token, smsMfa: { enabled: true } } }];
        assert.deepEqual((await succeeds("create", (options) => stack.up(options))).summary.resourceChanges, { create: 2 });
        assert.deepEqual((await succeeds("refresh", ({ onOutput, onError }) => stack.refresh({ onOutput, onError }))).summary.resourceChanges, { same: 2 });
        declared = [{ name: "self", args: { accessToken: token, smsMfa: { enabled: true, preferred: true } } }];
        assert.deepEqual((await succeeds("update", (options) => stack.up(options))).summary.resourceChanges, { same: 1, update: 1 });
        // check failures: both forms at once; a token that is not a JWT (four parts).
        declared = [{ name: "self", args: { accessToken: token, userPoolId, username: "alice", smsMfa: { enabled: true } } }];
        await fails("preview with both forms", (options) => stack.preview(options), /accessToken: the self-service form \(accessToken\) cannot be combined/);
        declared = [{ name: "other", args: { accessToken: notAJwt, smsMfa: { enabled: true } } }];
        await fails("preview with a token that is not a JWT", (options) => stack.preview(options), /accessToken: must be a Cognito access token/);
        // A JWT whose signature is not the issuer's passes check (Cognito checks signatures): the
        // preview of its create succeeds.
        declared = [{ name: "other", args: { accessToken: badSignature, smsMfa: { enabled: true } } }];
        assert.deepEqual((await succeeds("preview with a token of a bad signature", (options) => stack.preview(options))).changeSummary, { same: 1, create: 1, delete: 1 });
        // Cognito refuses: a token it never issued, on create and on refresh of stored state.
        declared = [{ name: "forged", args: { accessToken: forged, smsMfa: { enabled: true } } }];
        await fails("create with a forged token", (options) => stack.up(options), /NotAuthorizedException/);
        const exported = await stack.exportStack();
        for (const resource of exported.deployment.resources) {
            if (resource.outputs?.accessToken !== undefined) {
                // A secret in the exported form, so that import encrypts it again.
                resource.outputs.accessToken = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", plaintext: JSON.stringify(forged) };
            }
        }
        await stack.importStack(exported);
        await fails("refresh with a forged token in state", ({ onOutput, onError }) => stack.refresh({ onOutput, onError }), /NotAuthorizedException/);
        // The stored token is the forged one: the delete is refused too.
        await fails("destroy with a forged token in state", ({ onOutput, onError }) => stack.destroy({ onOutput, onError }), /NotAuthorizedException/);

        const stateFiles = fs
            .readdirSync(path.join(stack.workspace.workDir, "state"), { recursive: true, withFileTypes: true })
            .filter((entry) => entry.isFile())
            .map((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name), "utf8"));
        // A failed export would hold no state to search: it must succeed and hold the resources.
        const exportedByCli = cli(stack, ["stack", "export"]);
        assert.equal(exportedByCli.status, 0, exportedByCli.output);
        assert.ok(((JSON.parse(exportedByCli.output) as { deployment: { resources?: unknown[] } }).deployment.resources ?? []).length > 0, exportedByCli.output);
        const places: [string, string][] = [
            ["CLI output and errors", seen.join("\n")],
            ["pulumi stack export", exportedByCli.output],
            ["state files and backups", stateFiles.join("\n")],
        ];
        assert.match(seen.join("\n"), /NotAuthorizedException/, "the failure paths were reached");
        assert.match(seen.join("\n"), /accessToken: .*cannot be combined/, "the check failure was reached");
        for (const [where, text] of places) {
            for (const secret of [token, forged, notAJwt, badSignature, PLANTED_SECRET_KEY, PLANTED_SESSION_TOKEN]) {
                const at = text.indexOf(secret);
                assert.ok(at < 0, `a secret appears in ${where}: …${text.slice(Math.max(0, at - 3000), at + 30)}`);
            }
        }
    });
});
