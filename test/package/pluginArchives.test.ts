// The standalone plugin archives (scripts/setup/build-plugin-archives.sh), checked without running
// them: each holds the executable and LICENSE at its root, under Pulumi's names; the executable is
// its platform's format and CPU; and the program Node.js finds injected in it is the bundled
// plugin. This machine's (linux-amd64) is also run, with no Node.js on PATH (test/yaml), and
// downloaded by the engine (test/native/download.test.ts). `npm test` builds every platform this
// machine can (scripts/run/release.sh); darwin-arm64, made on macOS arm64 only, is pending elsewhere.

import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pluginPlatform } from "../../harness/nativePlugin";
import { readExecutable } from "../support/executable";

const PROJECT_ROOT = path.resolve(__dirname, "../..");
const VERSION = (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { version: string }).version;
const RELEASE = process.env.PLUGIN_ARCHIVES_DIR ?? path.join(PROJECT_ROOT, "build", "release");
const BUNDLE = path.join(PROJECT_ROOT, "build", "plugin", "pulumi-resource-cognito-mfa.js");
const FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

const PLATFORMS = [
    { platform: "linux-amd64", format: "ELF", cpu: "x86-64", exe: "pulumi-resource-cognito-mfa" },
    { platform: "linux-arm64", format: "ELF", cpu: "aarch64", exe: "pulumi-resource-cognito-mfa" },
    { platform: "darwin-amd64", format: "Mach-O", cpu: "x86-64", exe: "pulumi-resource-cognito-mfa" },
    { platform: "darwin-arm64", format: "Mach-O", cpu: "aarch64", exe: "pulumi-resource-cognito-mfa" },
    { platform: "windows-amd64", format: "PE32+", cpu: "x86-64", exe: "pulumi-resource-cognito-mfa.exe" },
];

describe("the standalone plugin archives", function () {
    this.timeout(60_000);

    it("this machine's is there", () => {
        const archive = path.join(RELEASE, `pulumi-resource-cognito-mfa-v${VERSION}-${pluginPlatform()}.tar.gz`);
        assert.ok(fs.existsSync(archive), `${archive} (scripts/run/release.sh)`);
    });

    for (const { platform, format, cpu, exe } of PLATFORMS) {
        const archive = path.join(RELEASE, `pulumi-resource-cognito-mfa-v${VERSION}-${platform}.tar.gz`);

        it(`${platform}: ${exe} and LICENSE at the root; a ${format} ${cpu} executable holding the bundled plugin as its SEA blob`, function () {
            if (!fs.existsSync(archive)) {
                this.skip();
            }
            const listing = execFileSync("tar", ["-tzvf", archive], { encoding: "utf8" }).trim().split("\n");
            assert.deepEqual(listing.map((line) => line.split(/\s+/).pop()).sort(), ["LICENSE", exe], listing.join("\n"));
            if (!exe.endsWith(".exe")) {
                assert.match(listing.find((line) => line.endsWith(` ${exe}`)) ?? "", /^-rwx/, "executable");
            }

            const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cognito-mfa-${platform}-`));
            try {
                execFileSync("tar", ["-xzf", archive, "-C", dir, exe]);
                const file = fs.readFileSync(path.join(dir, exe));
                const executable = readExecutable(file);
                assert.equal(executable.format, format);
                assert.equal(executable.cpu, cpu);
                assert.ok(executable.seaBlob, `a NODE_SEA_BLOB in the ${format} file`);
                assert.ok(executable.seaBlob.includes(fs.readFileSync(BUNDLE)), "the blob holds the bundled plugin, as built");
                assert.ok(file.includes(`${FUSE}:1`), "the SEA fuse flipped: Node.js runs the blob");
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });
    }
});

const TERRAFORM_BUNDLE = path.join(PROJECT_ROOT, "build", "terraform", "terraform-provider-cognitomfa.js");
const TERRAFORM_DESCRIPTOR = path.join(PROJECT_ROOT, "build", "terraform", "tfplugin6.json");

describe("the Terraform provider's zips", function () {
    this.timeout(60_000);

    for (const { platform, format, cpu } of PLATFORMS) {
        const terraformPlatform = platform.replace("-", "_");
        const exe = `terraform-provider-cognitomfa_v${VERSION}${platform.startsWith("windows") ? ".exe" : ""}`;
        const zip = path.join(RELEASE, `terraform-provider-cognitomfa_${VERSION}_${terraformPlatform}.zip`);

        it(`${terraformPlatform}: ${exe} (mode 0755) and LICENSE; a ${format} ${cpu} executable holding the bundled provider and its protocol descriptor`, function () {
            if (!fs.existsSync(zip)) {
                this.skip();
            }
            const listing = execFileSync("unzip", ["-Z", zip], { encoding: "utf8" }).trim().split("\n").filter((line) => /^[-d]/.test(line));
            assert.deepEqual(listing.map((line) => line.split(/\s+/).pop()).sort(), ["LICENSE", exe].sort(), listing.join("\n"));
            if (!exe.endsWith(".exe")) {
                assert.match(listing.find((line) => line.endsWith(` ${exe}`)) ?? "", /^-rwxr-xr-x/, "mode 0755, which init keeps");
            }
            const file = execFileSync("unzip", ["-p", zip, exe], { maxBuffer: 1 << 30 });
            const executable = readExecutable(file);
            assert.equal(executable.format, format);
            assert.equal(executable.cpu, cpu);
            assert.ok(executable.seaBlob, `a NODE_SEA_BLOB in the ${format} file`);
            assert.ok(executable.seaBlob.includes(fs.readFileSync(TERRAFORM_BUNDLE)), "the blob holds the bundled provider, as built");
            assert.ok(executable.seaBlob.includes(fs.readFileSync(TERRAFORM_DESCRIPTOR)), "and the tfplugin6 descriptor, as an asset");
            assert.ok(file.includes(`${FUSE}:1`), "the SEA fuse flipped");
        });
    }
});
