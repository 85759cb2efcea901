// Yarn Plug'n'Play, Yarn's default layout, cannot run a dynamic provider (docs/installation-configuration.md, "Compatibility").
// Installed that way for real, the package must say so, with the fix, as soon as a resource is
// declared: never a run that fails later and elsewhere.

import * as assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { programWithTarball } from "../support/packedTarball";

const PROJECT_ROOT = path.resolve(__dirname, "../..");
const YARN = path.join(PROJECT_ROOT, "node_modules", "@yarnpkg", "cli-dist", "bin", "yarn.js");

describe("under Yarn Plug'n'Play", function () {
    this.timeout(300_000);
    let program: string;

    before(() => {
        const pulumiVersion: string = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")).version;
        program = programWithTarball({ "@pulumi/pulumi": pulumiVersion }, { ".yarnrc.yml": "nodeLinker: pnp\nenableTelemetry: false\n" });
        const registry = execFileSync("npm", ["config", "get", "registry"], { encoding: "utf8" }).trim();
        execFileSync(process.execPath, [YARN, "install"], {
            cwd: program,
            env: { ...process.env, YARN_NPM_REGISTRY_SERVER: registry, YARN_ENABLE_IMMUTABLE_INSTALLS: "false" },
            stdio: ["ignore", "ignore", "inherit"],
        });
    });

    after(() => fs.rmSync(program, { recursive: true, force: true }));

    it("installs with no node_modules, as Plug'n'Play does", () => {
        assert.ok(fs.existsSync(path.join(program, ".pnp.cjs")));
        assert.ok(!fs.existsSync(path.join(program, "node_modules", "pulumi-cognito-mfa")));
    });

    it("declaring a resource fails at once, naming the fix", () => {
        const declare = 'const { UserMfaPreference } = require("pulumi-cognito-mfa"); new UserMfaPreference("alice", { userPoolId: "us-east-1_AbC", username: "alice", smsMfa: { enabled: true } });';
        const run = spawnSync(process.execPath, ["-r", "./.pnp.cjs", "-e", declare], { cwd: program, encoding: "utf8" });
        assert.notEqual(run.status, 0);
        assert.match(run.stderr, /pulumi-cognito-mfa cannot run under Yarn Plug'n'Play/);
        assert.match(run.stderr, /Fix: add `nodeLinker: node-modules` to \.yarnrc\.yml and run `yarn install`/);
    });
});
