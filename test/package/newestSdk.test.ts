// A program on the newest @pulumi/pulumi release installs the tarball beside its SDK: one copy of
// the SDK, which the package itself resolves to. (The newest leg of the matrix runs Pulumi itself
// at the newest release whose CLI can be built here; see docs/installation-configuration.md, "Compatibility".)

import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { programWithTarball } from "../support/packedTarball";

// scripts/setup/paths.sh names it.
const NEWEST_RELEASE = process.env.PULUMI_NEWEST_RELEASE ?? "(PULUMI_NEWEST_RELEASE is not set: run through scripts/setup/env.sh)";

describe(`a program on @pulumi/pulumi ${NEWEST_RELEASE}`, function () {
    this.timeout(300_000);
    let program: string;

    before(() => {
        program = programWithTarball({ "@pulumi/pulumi": NEWEST_RELEASE });
        execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: program, stdio: ["ignore", "ignore", "inherit"] });
    });

    after(() => fs.rmSync(program, { recursive: true, force: true }));

    it("has one copy of the SDK (npm ls), the program's, and the package resolves to it", () => {
        const sdk = path.join(program, "node_modules", "@pulumi", "pulumi");
        const listed = execFileSync("npm", ["ls", "@pulumi/pulumi", "--all", "--parseable"], { cwd: program, encoding: "utf8" });
        assert.deepEqual([...new Set(listed.trim().split("\n"))], [sdk], listed);
        const tree = execFileSync("npm", ["ls", "@pulumi/pulumi", "--all"], { cwd: program, encoding: "utf8" });
        assert.match(tree, new RegExp(`pulumi-cognito-mfa@\\S+\\n\\s+\\S+ @pulumi/pulumi@${NEWEST_RELEASE.replace(/\./g, "\\.")} deduped`), tree);
        const fromPackage = execFileSync(process.execPath, ["-p", 'require.resolve("@pulumi/pulumi/package.json", { paths: [require.resolve("pulumi-cognito-mfa")] })'], {
            cwd: program,
            encoding: "utf8",
        }).trim();
        assert.equal(fromPackage, path.join(sdk, "package.json"));
        assert.equal(JSON.parse(fs.readFileSync(path.join(sdk, "package.json"), "utf8")).version, NEWEST_RELEASE);
    });
});
