// The packed package installed into a fresh program by npm, pnpm or Yarn (scripts/setup/program.sh
// copies this suite into each): one copy of the Pulumi SDK, a full lifecycle through the real
// CLI, and the same `__provider` text as every other manager and every released state.

import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import * as pulumi from "@pulumi/pulumi";
import { adminClient, createPool, createUser, verifyTotp, type Pool } from "../../harness/fixtures";
import { installedPackage } from "../../harness/installedPackage";
import { startEmulator, type Emulator } from "../../harness/moto";
import { cli, freshStack } from "../../harness/pulumi";
import { cognitoUser, readFixtures } from "../../harness/stateFixtures";

const PROGRAM = path.resolve(__dirname, "../..");
const LOCK_FILES: Record<string, string> = { "package-lock.json": "npm", "pnpm-lock.yaml": "pnpm", "yarn.lock": "yarn" };
const manager = Object.entries(LOCK_FILES).find(([file]) => fs.existsSync(path.join(PROGRAM, file)))?.[1] ?? "unknown";

/** Every installed copy of a package, by real path: links (pnpm) count once. */
function installedCopies(name: string): string[] {
    const copies = new Set<string>();
    const visit = (nodeModules: string) => {
        for (const entry of fs.readdirSync(nodeModules, { withFileTypes: true })) {
            const full = path.join(nodeModules, entry.name);
            if (entry.name.startsWith("@") && entry.isDirectory()) {
                for (const scoped of fs.readdirSync(full)) {
                    look(path.join(full, scoped), `${entry.name}/${scoped}`);
                }
            } else if (entry.name === ".pnpm" && entry.isDirectory()) {
                fs.readdirSync(full).forEach((id) => fs.existsSync(path.join(full, id, "node_modules")) && visit(path.join(full, id, "node_modules")));
            } else if (!entry.name.startsWith(".")) {
                look(full, entry.name);
            }
        }
    };
    const look = (dir: string, packageName: string) => {
        if (packageName === name && fs.existsSync(path.join(dir, "package.json"))) {
            copies.add(fs.realpathSync(dir));
        }
        const nested = path.join(dir, "node_modules");
        if (fs.existsSync(nested) && !fs.lstatSync(dir).isSymbolicLink()) {
            visit(nested);
        }
    };
    visit(path.join(PROGRAM, "node_modules"));
    return [...copies];
}

describe(`the packed package installed with ${manager}`, function () {
    this.timeout(180_000);
    let emulator: Emulator;
    let cognito: CognitoIdentityProviderClient;
    let pool: Pool;

    before(async () => {
        emulator = await startEmulator();
        cognito = adminClient(emulator.endpoint);
        pool = await createPool(cognito);
        await verifyTotp(cognito, await createUser(cognito, pool, "alice"));
        await createUser(cognito, pool, "bob");
    });

    after(async () => {
        await emulator?.stop();
    });

    it("shares the program's one copy of @pulumi/pulumi", () => {
        const copies = installedCopies("@pulumi/pulumi");
        assert.equal(copies.length, 1, copies.join("\n"));
        if (manager === "npm") {
            const tree = execFileSync("npm", ["ls", "@pulumi/pulumi", "--all", "--parseable"], { cwd: PROGRAM, encoding: "utf8" });
            assert.deepEqual([...new Set(tree.trim().split("\n"))], [path.join(PROGRAM, "node_modules", "@pulumi", "pulumi")], tree);
        }
    });

    it("up, preview --refresh --expect-no-changes and destroy; __provider is the text of every released state", async () => {
        let isCustomResource = false;
        const stack = await freshStack({
            name: `managers-${manager}`,
            env: emulator.env,
            program: async () => {
                const alice = new installedPackage.UserMfaPreference("alice", {
                    userPoolId: pool.userPoolId,
                    username: "alice",
                    softwareTokenMfa: { enabled: true, preferred: true },
                    smsMfa: { enabled: true },
                });
                new installedPackage.UserMfaPreference("bob", { userPoolId: pool.userPoolId, username: "bob", smsMfa: { enabled: true, preferred: true } });
                isCustomResource = alice instanceof pulumi.CustomResource;
                return { alice: alice.preferredMfa };
            },
        });
        const up = await stack.up();
        assert.deepEqual(up.summary.resourceChanges, { create: 3 });
        assert.equal(up.outputs.alice.value, "SOFTWARE_TOKEN_MFA");
        assert.ok(isCustomResource, "the resource is a CustomResource of the program's SDK");
        assert.deepEqual(await cognitoUser(cognito, pool.userPoolId, "alice"), { username: "alice", enabled: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], preferred: "SOFTWARE_TOKEN_MFA" });
        assert.deepEqual(await cognitoUser(cognito, pool.userPoolId, "bob"), { username: "bob", enabled: ["SMS_MFA"], preferred: "SMS_MFA" });

        const released = new Set<string>();
        for (const { fixture } of readFixtures()) {
            const resources = (fixture.deployment as { deployment: { resources: { inputs?: { __provider?: string } }[] } }).deployment.resources;
            resources.forEach((resource) => resource.inputs?.__provider && released.add(resource.inputs.__provider));
        }
        const state = JSON.parse(cli(stack, ["stack", "export"]).output) as { deployment: { resources: { type: string; inputs?: { __provider?: string } }[] } };
        const stored = state.deployment.resources.filter((resource) => resource.type.endsWith(":UserMfaPreference")).map((resource) => resource.inputs?.__provider);
        assert.equal(stored.length, 2);
        for (const text of stored) {
            assert.ok(released.has(text!), `__provider under ${manager}:\n${text}`);
        }

        assert.deepEqual((await stack.preview({ refresh: true, expectNoChanges: true })).changeSummary, { same: 3 });
        const destroy = await stack.destroy();
        assert.deepEqual(destroy.summary.resourceChanges, { delete: 3 });
        assert.deepEqual(await cognitoUser(cognito, pool.userPoolId, "alice"), { username: "alice", enabled: [] });
    });
});
