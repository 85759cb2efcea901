// Which provider Pulumi is handed to serialize, for each install layout, and what text that gives.
// The full runs under npm, pnpm and Yarn are in test/managers.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as implementation from "../../provider/implementation";
import { pnpUnsupported } from "../../provider/dynamic/layout";
import { chooseSerializedProvider } from "../../provider/dynamic/serializedProvider";
import { providerShim } from "../../provider/dynamic/shim";

const MODULE_REFERENCE = 'require("pulumi-cognito-mfa/dist/provider/implementation.js")';
const METHODS = ["configure", "check", "diff", "create", "read", "update", "delete"];

/** A program directory with the package laid out as pnpm does: the real files under .pnpm, a link at the top. */
function pnpmLayout(linked: boolean): { program: string; implementationFile: string } {
    const program = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-mfa-layout-"));
    const store = path.join(program, "node_modules", ".pnpm", "pulumi-cognito-mfa@file+pulumi-cognito-mfa.tgz", "node_modules", "pulumi-cognito-mfa");
    const implementationFile = path.join(store, "dist", "provider", "implementation.js");
    fs.mkdirSync(path.dirname(implementationFile), { recursive: true });
    fs.writeFileSync(implementationFile, "");
    if (linked) {
        fs.symlinkSync(store, path.join(program, "node_modules", "pulumi-cognito-mfa"));
    }
    return { program, implementationFile: fs.realpathSync(implementationFile) };
}

describe("the serialized provider", () => {
    it("under npm and Yarn's node_modules, is the implementation module itself", () => {
        const chosen = chooseSerializedProvider("/work/app/node_modules/pulumi-cognito-mfa/dist/provider/implementation.js", "/work/app");
        assert.equal(chosen, implementation);
    });

    it("under pnpm, is the implementation as seen through the program's link, serialized as the same module reference", async () => {
        const { program, implementationFile } = pnpmLayout(true);
        try {
            const chosen = chooseSerializedProvider(implementationFile, program);
            assert.notEqual(chosen, providerShim);
            for (const method of METHODS) {
                assert.equal((chosen as unknown as Record<string, unknown>)[method], (implementation as unknown as Record<string, unknown>)[method], method);
            }
            const linkedFile = path.join(program, "node_modules", "pulumi-cognito-mfa", "dist", "provider", "implementation.js");
            assert.equal(require.cache[linkedFile]?.exports, chosen);
            assert.equal(chooseSerializedProvider(implementationFile, program), chosen, "one alias per program");

            const text = (await pulumi.runtime.serializeFunction(() => chosen)).text;
            assert.ok(text.includes(MODULE_REFERENCE), text);
            assert.ok(!text.includes(".pnpm"), text);
        } finally {
            fs.rmSync(program, { recursive: true, force: true });
        }
    });

    it("under pnpm without a link to the package at the top (a transitive install), is the shim", () => {
        const { program, implementationFile } = pnpmLayout(false);
        try {
            assert.equal(chooseSerializedProvider(implementationFile, program), providerShim);
        } finally {
            fs.rmSync(program, { recursive: true, force: true });
        }
    });

    it("outside node_modules with no link to it from the program (a hoisted workspace), is the shim", () => {
        assert.equal(chooseSerializedProvider("/home/dev/pulumi-cognito-mfa/dist/provider/implementation.js", "/home/dev/app"), providerShim);
    });

    it("outside node_modules with the program's link to it (npm link, the repository's own root), is the same module reference", async () => {
        const program = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-mfa-linked-"));
        const checkout = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-mfa-checkout-"));
        try {
            const implementationFile = path.join(checkout, "dist", "provider", "implementation.js");
            fs.mkdirSync(path.dirname(implementationFile), { recursive: true });
            fs.writeFileSync(implementationFile, "");
            fs.mkdirSync(path.join(program, "node_modules"));
            fs.symlinkSync(checkout, path.join(program, "node_modules", "pulumi-cognito-mfa"));

            const chosen = chooseSerializedProvider(fs.realpathSync(implementationFile), program);
            assert.notEqual(chosen, providerShim);
            const text = (await pulumi.runtime.serializeFunction(() => chosen)).text;
            assert.ok(text.includes(MODULE_REFERENCE), text);
        } finally {
            fs.rmSync(program, { recursive: true, force: true });
            fs.rmSync(checkout, { recursive: true, force: true });
        }
    });

    it("in this repository's root, whose node_modules links the package to itself, is the same module reference", async () => {
        const root = path.resolve(__dirname, "../..");
        const chosen = chooseSerializedProvider(path.join(root, "dist", "provider", "implementation.js"), root);
        assert.notEqual(chosen, providerShim);
        const text = (await pulumi.runtime.serializeFunction(() => chosen)).text;
        assert.ok(text.includes(MODULE_REFERENCE), text);
    });
});

describe("install layouts", () => {
    it("Yarn Plug'n'Play is refused with the fix", () => {
        const message = pnpUnsupported({ ...process.versions, pnp: "3" });
        assert.match(message ?? "", /Plug'n'Play/);
        assert.match(message ?? "", /nodeLinker: node-modules/);
    });

    it("node_modules layouts are accepted", () => {
        assert.equal(pnpUnsupported(process.versions), undefined);
    });
});
