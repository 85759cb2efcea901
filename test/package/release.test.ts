// The release directory (scripts/run/release.sh, `npm run release`): its listing is the documented
// one (docs/installation-configuration.md, "Release artifacts"), SHA256SUMS covers every file with
// its right hash, and every package carries the plugin's download URL and the names the schema
// gives, so that the engine fetches the plugin by itself wherever an SDK is installed.

import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { pluginPlatform } from "../../harness/nativePlugin";
import { REPOSITORY } from "../../provider/native/schema";

const PROJECT_ROOT = path.resolve(__dirname, "../..");
const RELEASE = path.join(PROJECT_ROOT, "build", "release");
const PACKAGE = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { version: string; repository: { url: string } };
const VERSION = PACKAGE.version;
const DOWNLOAD_URL = `github://api.github.com/${REPOSITORY}`;

/** The rows of the documented table, for this version: the first column's code span, and the second column. */
function documented(): { name: string; what: string }[] {
    const docs = fs.readFileSync(path.join(PROJECT_ROOT, "docs", "installation-configuration.md"), "utf8");
    const section = docs.split(/^## /m).find((part) => part.startsWith("Release artifacts\n"));
    assert.ok(section, "docs/installation-configuration.md has a \"Release artifacts\" section");
    return [...section.matchAll(/^\| `([^`]+)` \| ([^|]+) \|/gm)].map(([, name, what]) => ({ name: name.replaceAll("<version>", VERSION), what }));
}

const listing = () => fs.readdirSync(RELEASE).sort();
const read = (name: string) => fs.readFileSync(path.join(RELEASE, name));
/** One file of an archive in the release directory, as text: tar for .tgz/.tar.gz, unzip for .whl. */
const member = (archive: string, file: string) =>
    execFileSync(archive.endsWith(".whl") ? "unzip" : "tar", archive.endsWith(".whl") ? ["-p", path.join(RELEASE, archive), file] : ["-xzOf", path.join(RELEASE, archive), file], {
        encoding: "utf8",
    });

describe("the release directory", () => {
    it("holds exactly the documented files (darwin-arm64's archives only when made on macOS arm64; the signature, made by the release workflow only, never)", () => {
        const darwinArm64 = (name: string) => name.endsWith("-darwin-arm64.tar.gz") || name.endsWith("_darwin_arm64.zip");
        const workflowOnly = documented().filter(({ what }) => /made by the release workflow only/.test(what)).map(({ name }) => name);
        assert.deepEqual(workflowOnly, [`terraform-provider-cognitomfa_${VERSION}_SHA256SUMS.sig`], "the release workflow alone signs the Terraform registry's SHA256SUMS");
        const expected = documented()
            .map(({ name }) => name)
            .filter((name) => (!darwinArm64(name) || pluginPlatform() === "darwin-arm64") && !workflowOnly.includes(name));
        assert.ok(expected.length >= 9, `the table lists the artifacts: ${expected.join(", ")}`);
        assert.deepEqual(listing(), expected.sort());
    });

    it("SHA256SUMS gives every other file's SHA-256, in `sha256sum --check` format", () => {
        const lines = read("SHA256SUMS").toString("utf8").trim().split("\n");
        const sums = new Map(lines.map((line) => line.match(/^([0-9a-f]{64}) [ *](.+)$/)?.slice(1, 3).reverse() as [string, string]));
        assert.deepEqual([...sums.keys()].sort(), listing().filter((name) => name !== "SHA256SUMS"));
        for (const [name, sum] of sums) {
            assert.equal(sum, crypto.createHash("sha256").update(read(name)).digest("hex"), name);
        }
    });

    it("the Terraform registry's files: the manifest says protocol 6.0, and its SHA256SUMS covers the zips and the manifest", () => {
        const name = `terraform-provider-cognitomfa_${VERSION}`;
        assert.deepEqual(JSON.parse(read(`${name}_manifest.json`).toString("utf8")), { version: 1, metadata: { protocol_versions: ["6.0"] } });
        const lines = read(`${name}_SHA256SUMS`).toString("utf8").trim().split("\n");
        const sums = new Map(lines.map((line) => line.match(/^([0-9a-f]{64}) {2}(.+)$/)?.slice(1, 3).reverse() as [string, string]));
        const covered = listing().filter((file) => file.startsWith(`${name}_`) && (file.endsWith(".zip") || file.endsWith("_manifest.json")));
        assert.ok(covered.some((file) => file.endsWith(".zip")), "at least this machine's zip");
        assert.deepEqual([...sums.keys()].sort(), covered);
        for (const [file, sum] of sums) {
            assert.equal(sum, crypto.createHash("sha256").update(read(file)).digest("hex"), file);
        }
    });

    it("every SDK names the project's release page as where the engine downloads the plugin", () => {
        const node = JSON.parse(member(`pulumi-cognito-mfa-native-${VERSION}.tgz`, "package/package.json"));
        assert.deepEqual(node.pulumi, { resource: true, name: "cognito-mfa", version: VERSION, server: DOWNLOAD_URL });
        const pythonPlugin = { resource: true, name: "cognito-mfa", version: VERSION, server: DOWNLOAD_URL };
        assert.deepEqual(JSON.parse(member(`pulumi_cognito_mfa-${VERSION}-py3-none-any.whl`, "pulumi_cognito_mfa/pulumi-plugin.json")), pythonPlugin);
        assert.deepEqual(JSON.parse(member(`pulumi_cognito_mfa-${VERSION}.tar.gz`, `pulumi_cognito_mfa-${VERSION}/pulumi_cognito_mfa/pulumi-plugin.json`)), pythonPlugin);
        const goSdk = path.join(PROJECT_ROOT, "build", "sdk");
        assert.deepEqual(JSON.parse(fs.readFileSync(path.join(goSdk, "go", "cognitomfa", "pulumi-plugin.json"), "utf8")), pythonPlugin);
        assert.match(fs.readFileSync(path.join(goSdk, "go", "cognitomfa", "internal", "pulumiUtilities.go"), "utf8"), new RegExp(`pulumi\\.PluginDownloadURL\\("${DOWNLOAD_URL}"\\)`));
    });

    it("one repository everywhere: the download URL, the Go module path and package.json's repository", () => {
        const goModule = fs.readFileSync(path.join(PROJECT_ROOT, "build", "sdk", "go.mod"), "utf8").match(/^module (.+)$/m)?.[1];
        assert.equal(goModule, `github.com/${REPOSITORY}/sdk`);
        assert.equal(PACKAGE.repository.url, `git+https://github.com/${REPOSITORY}.git`);
    });

    it("the npm packages are this version's: the dynamic package and the native SDK", () => {
        const dynamic = JSON.parse(member(`pulumi-cognito-mfa-${VERSION}.tgz`, "package/package.json"));
        assert.equal(`${dynamic.name}@${dynamic.version}`, `pulumi-cognito-mfa@${VERSION}`);
        const native = JSON.parse(member(`pulumi-cognito-mfa-native-${VERSION}.tgz`, "package/package.json"));
        assert.equal(`${native.name}@${native.version}`, `pulumi-cognito-mfa-native@${VERSION}`);
    });
});
