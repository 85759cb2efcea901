// The serialized provider is stored in every resource's state: it must stay small, hold no path
// or secret of the machine that wrote it, and not change between builds or installs.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";

// The shipped build, as users' programs load it (npm test builds first).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { providerShim } = require("../../dist/provider/dynamic/shim");

describe("serialized provider", () => {
    let text: string;
    before(async () => {
        process.env.AWS_SECRET_ACCESS_KEY = "planted-secret-key-for-the-shim-test";
        text = (await pulumi.runtime.serializeFunction(() => providerShim)).text;
    });

    it("is at most 2 KB", () => {
        assert.ok(Buffer.byteLength(text) <= 2048, `${Buffer.byteLength(text)} bytes`);
    });

    it("loads the implementation from the installed package at call time", () => {
        assert.match(text, /require\("pulumi-cognito-mfa\/provider"\)/);
        for (const method of ["configure", "check", "diff", "create", "read", "update", "delete"]) {
            assert.match(text, new RegExp(`\\.${method}\\(\\.\\.\\.a\\)`), method);
        }
    });

    it("captures no path, environment value or credential", () => {
        assert.ok(!text.includes(process.cwd()), "no absolute path");
        assert.ok(!text.includes("/node_modules/"), "no install location");
        assert.ok(!text.includes("planted-secret-key"), "no credential");
        assert.ok(!text.includes("process.env"), "no environment read at load time");
    });

    it("is the same text every time", async () => {
        assert.equal((await pulumi.runtime.serializeFunction(() => providerShim)).text, text);
    });
});
