// The release workflow (.github/workflows/release.yml), checked without running it: actionlint
// (scripts/setup/actionlint.sh) reports nothing on it, and it does what
// docs/installation-configuration.md ("Release artifacts") says: on a v* tag it runs `npm run
// release` on Linux, builds darwin-arm64 on a macOS arm64 runner with build-plugin-archives.sh (the
// Pulumi plugin's archive and the Terraform provider's zip) and re-signs darwin-amd64's there, signs
// the Terraform registry's SHA256SUMS with the GPG secrets (scripts/run/sign-terraform-sums.sh,
// tested in signTerraformSums.test.ts), then attaches every file of the release directory to the
// GitHub release, publishes both npm tarballs and the Python packages, and pushes the
// sdk/v<version> tag.
// actionlint runs shellcheck on the `run:` scripts only when `shellcheck` is on PATH; the test's
// title says whether it did. The YAML is read as text: no YAML parser is a dependency of this project.

import * as assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const PROJECT_ROOT = path.resolve(__dirname, "../..");
const WORKFLOW_FILE = path.join(".github", "workflows", "release.yml");
const WORKFLOW = fs.readFileSync(path.join(PROJECT_ROOT, WORKFLOW_FILE), "utf8");
const SHELLCHECK = spawnSync("sh", ["-c", "command -v shellcheck"], { encoding: "utf8" }).stdout.trim();

interface Step {
    text: string;
    uses?: string;
    run?: string;
    with: Record<string, string>;
}

/** The lines of `text` indented deeper than `indent`, after the line matching `header`. */
function block(text: string, header: RegExp, indent: number): string | undefined {
    const lines = text.split("\n");
    const start = lines.findIndex((line) => header.test(line));
    if (start < 0) {
        return undefined;
    }
    const body: string[] = [];
    for (const line of lines.slice(start + 1)) {
        if (line.trim() !== "" && line.search(/\S/) <= indent) {
            break;
        }
        body.push(line);
    }
    return body.join("\n");
}

/** The jobs, by id: the text under each two-space key of `jobs:`. */
function jobs(): Map<string, string> {
    const section = block(WORKFLOW, /^jobs:\s*$/, 0) ?? "";
    const ids = [...section.matchAll(/^ {2}([\w-]+):\s*$/gm)].map(([, id]) => id);
    return new Map(ids.map((id) => [id, block(section, new RegExp(`^ {2}${id}:\\s*$`), 2) ?? ""]));
}

function job(id: string): string {
    const text = jobs().get(id);
    assert.ok(text, `a job ${id}; the jobs are ${[...jobs().keys()].join(", ")}`);
    return text;
}

/** A job's steps: each `- ` item of its `steps:`, with its uses, its run script and its with: inputs. */
function steps(jobText: string): Step[] {
    const section = block(jobText, /^ {4}steps:\s*$/, 4) ?? "";
    return section
        .split(/^ {6}- /m)
        .slice(1)
        .map((item) => {
            const text = item;
            const uses = item.match(/^(?:\s*)uses:\s*(\S+)/m)?.[1];
            const runBlock = block(`        ${item}`, /^\s*run:\s*\|\s*$/, 8);
            const runLine = item.match(/^\s*run:\s*([^|\s].*)$/m)?.[1];
            const run = runBlock !== undefined ? runBlock.replace(/^ {10}/gm, "").trimEnd() : runLine;
            const withBlock = block(`        ${item}`, /^\s*with:\s*$/, 8) ?? "";
            const inputs = Object.fromEntries([...withBlock.matchAll(/^\s+([\w-]+):\s*(.*?)\s*$/gm)].map(([, key, value]) => [key, value.replace(/^"(.*)"$/, "$1")]));
            return { text, uses, run, with: inputs };
        });
}

const runs = (jobText: string) => steps(jobText).flatMap((step) => (step.run ? [step.run] : []));
const uses = (jobText: string, action: string) => steps(jobText).filter((step) => step.uses?.startsWith(`${action}@`));
const needs = (jobText: string) => (jobText.match(/^ {4}needs:\s*(.+)$/m)?.[1] ?? "").replace(/[[\]]/g, "").split(",").map((id) => id.trim()).filter(Boolean);
const runsOn = (jobText: string) => jobText.match(/^ {4}runs-on:\s*(\S+)\s*$/m)?.[1];
/** A job's permissions, one `scope: level` a line, without comments. */
const permissions = (jobText: string) =>
    (block(jobText, /^ {4}permissions:\s*$/, 4) ?? "")
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== "" && !line.startsWith("#"));

/** The "Release artifacts" section of docs/installation-configuration.md. */
function releaseArtifacts(): string {
    const docs = fs.readFileSync(path.join(PROJECT_ROOT, "docs", "installation-configuration.md"), "utf8");
    return docs.split(/^## /m).find((part) => part.startsWith("Release artifacts\n")) ?? "";
}

/** The documented release files' platforms: the plugin archives of the "Release artifacts" table. */
function documentedPlatforms(): string[] {
    return [...releaseArtifacts().matchAll(/^\| `pulumi-resource-cognito-mfa-v<version>-([\w-]+)\.tar\.gz` \|/gm)].map(([, platform]) => platform);
}

/** The same for the Terraform provider's zips, os_arch. */
function documentedTerraformPlatforms(): string[] {
    return [...releaseArtifacts().matchAll(/^\| `terraform-provider-cognitomfa_<version>_(\w+)\.zip` \|/gm)].map(([, platform]) => platform);
}

/** The index of the first step of `all` whose run script matches `pattern`; fails when none does. */
function stepIndex(all: Step[], pattern: RegExp, what: string): number {
    const index = all.findIndex((step) => pattern.test(step.run ?? ""));
    assert.ok(index >= 0, `a step ${what}`);
    return index;
}

describe("the release workflow", function () {
    let actionlint = "";

    before(function () {
        // Built once into the per-user cache: about 15 s with empty Go caches on 2 cores.
        this.timeout(10 * 60_000);
        actionlint = execFileSync("bash", [path.join(PROJECT_ROOT, "scripts", "setup", "actionlint.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
    });

    it(`actionlint reports nothing (${SHELLCHECK ? `with shellcheck, ${SHELLCHECK}, on the run: scripts` : "shellcheck is not installed here: the run: scripts were not shellchecked"})`, () => {
        const result = spawnSync(actionlint, ["-no-color", WORKFLOW_FILE], { cwd: PROJECT_ROOT, encoding: "utf8" });
        assert.equal(`${result.stdout}${result.stderr}`, "", "actionlint's report");
        assert.equal(result.status, 0, "actionlint's exit code");
    });

    it("runs on a pushed v* tag, and on nothing else", () => {
        assert.equal(block(WORKFLOW, /^on:\s*$/, 0)?.trim(), 'push:\n    tags:\n      - "v*"');
    });

    it("the tag must be package.json's version", () => {
        const check = runs(job("build")).find((run) => run.includes("package.json"));
        assert.ok(check, "a step reads package.json's version");
        assert.match(check, /"\$GITHUB_REF_NAME" != "v\$version"/);
        assert.match(check, /exit 1/);
    });

    it("on Ubuntu, with Node.js 24, Go 1.25 or newer and Python 3.11 or newer: npm ci, then npm run release, and uploads build/release, build/plugin, build/terraform and build/sdk", () => {
        const build = job("build");
        assert.match(runsOn(build) ?? "", /^ubuntu-/);
        assert.equal(uses(build, "actions/setup-node")[0]?.with["node-version"], "24");
        const go = (uses(build, "actions/setup-go")[0]?.with["go-version"] ?? "").split(".").map(Number);
        assert.ok(go[0] === 1 && go[1] >= 25, `go-version ${go.join(".")}`);
        const python = (uses(build, "actions/setup-python")[0]?.with["python-version"] ?? "").split(".").map(Number);
        assert.ok(python[0] === 3 && python[1] >= 11, `python-version ${python.join(".")}`);
        assert.deepEqual(runs(build).filter((run) => /^npm /.test(run)), ["npm ci", "npm run release"]);
        const uploaded = uses(build, "actions/upload-artifact").map((step) => step.with.path);
        assert.deepEqual(uploaded.sort(), ["build/plugin", "build/release", "build/sdk", "build/terraform"]);
        assert.equal(uses(build, "actions/upload-artifact").find((step) => step.with.path === "build/sdk")?.with["include-hidden-files"], "true", "build/sdk/go/.gitattributes goes too");
    });

    it("on a macOS arm64 runner: builds darwin-arm64 with build-plugin-archives.sh, re-signs darwin-amd64 ad hoc, remakes SHA256SUMS over every file and uploads the directory", () => {
        const darwin = job("darwin");
        assert.deepEqual(needs(darwin), ["build"]);
        // macos-14 and newer are arm64; the -intel and -large labels are x86-64.
        assert.match(runsOn(darwin) ?? "", /^macos-(1[4-9]|[2-9]\d|latest)$/);
        assert.equal(uses(darwin, "actions/setup-node")[0]?.with["node-version"], "24");
        assert.ok(runs(darwin).includes("npm ci"), "npm ci, for postject");
        const downloaded = uses(darwin, "actions/download-artifact").map((step) => step.with.path).sort();
        assert.deepEqual(downloaded, ["build/plugin", "build/release", "build/terraform"]);

        const script = runs(darwin).join("\n");
        assert.match(script, /^bash scripts\/setup\/build-plugin-archives\.sh darwin-arm64$/m);
        const resign = runs(darwin).find((run) => run.includes("darwin-amd64.tar.gz"));
        assert.ok(resign, "a step re-signs the darwin-amd64 archive");
        assert.match(resign, /codesign --remove-signature/);
        assert.match(resign, /codesign --sign - --force "\$work\/\$exe"/);
        assert.match(resign, /tar -czf "\$work\.tar\.gz" -C "\$work" "\$exe" LICENSE\n\s*mv "\$work\.tar\.gz" "\$archive"/, "repacked under the same name, the executable and LICENSE at the root");
        assert.match(script, /codesign --verify --strict/);

        const sums = runs(darwin).find((run) => run.includes(">SHA256SUMS"));
        assert.ok(sums, "a step writes SHA256SUMS");
        assert.match(sums, /rm -f SHA256SUMS\nfiles=\(\*\)\nshasum -a 256 -- "\$\{files\[@\]\}" >SHA256SUMS/, "every file but SHA256SUMS, as scripts/run/release.sh does");
        assert.deepEqual(uses(darwin, "actions/upload-artifact").map((step) => [step.with.name, step.with.path]), [["release", "build/release"]]);
    });

    it("on the macOS runner, the same for the Terraform provider: builds its darwin_arm64 zip from the bundle built on Linux, re-signs darwin_amd64's executable in its zip (mode 0755 kept), checks both, and writes the registry's SHA256SUMS again before SHA256SUMS", () => {
        const darwin = job("darwin");
        const all = steps(darwin);
        const script = runs(darwin).join("\n");
        assert.match(script, /^PLUGIN_KIND=terraform bash scripts\/setup\/build-plugin-archives\.sh darwin-arm64$/m);
        assert.doesNotMatch(script, /build-terraform\.sh/, "the bundle is the one built on Linux (build/terraform), as the Pulumi plugin's is");

        const resign = runs(darwin).find((run) => run.includes("_darwin_amd64.zip"));
        assert.ok(resign, "a step re-signs the darwin_amd64 zip");
        assert.match(resign, /^exe="terraform-provider-cognitomfa_v\$version"$/m);
        assert.match(resign, /unzip -q "\$archive" -d "\$work"/);
        assert.match(resign, /codesign --remove-signature "\$work\/\$exe"/);
        assert.match(resign, /codesign --sign - --force "\$work\/\$exe"/);
        assert.match(resign, /chmod 0755 "\$work\/\$exe"\n\(cd "\$work" && zip -q -X "\$work\.zip" "\$exe" LICENSE\)\nmv "\$work\.zip" "\$archive"/, "repacked under the same name with zip -X, mode 0755, the executable and LICENSE at the root");

        const check = runs(darwin).find((run) => run.includes("unzip -Z1"));
        assert.ok(check, "a step checks the macOS zips");
        assert.match(check, /^for arch in amd64:x86_64 arm64:arm64; do$/m);
        assert.match(check, /archive="build\/release\/terraform-provider-cognitomfa_\$\{version\}_darwin_\$\{arch%%:\*\}\.zip"/);
        assert.match(check, /"\$listing" != "LICENSE \$exe "/, "the executable and LICENSE, nothing else");
        assert.match(check, /"\$mode" != "-rwxr-xr-x"/, "the executable's mode");
        assert.match(check, /codesign --verify --strict --verbose=2 "\$work\/\$exe"/);
        assert.match(check, /lipo -archs "\$work\/\$exe"/);

        const build = stepIndex(all, /^PLUGIN_KIND=terraform bash scripts\/setup\/build-plugin-archives\.sh darwin-arm64$/m, "builds darwin_arm64's zip");
        const resigned = stepIndex(all, /_darwin_amd64\.zip/, "re-signs darwin_amd64's executable");
        const checked = stepIndex(all, /unzip -Z1/, "checks the macOS zips");
        const registry = stepIndex(all, /^bash scripts\/setup\/terraform-registry-files\.sh build\/release$/m, "writes the registry's files again");
        const sums = stepIndex(all, />SHA256SUMS/, "writes SHA256SUMS again");
        assert.ok(build < resigned && resigned < checked && checked < registry && registry < sums, `in this order: build ${build}, re-sign ${resigned}, check ${checked}, the registry's SHA256SUMS ${registry}, SHA256SUMS ${sums}`);
    });

    it("every artifact a job downloads is uploaded by a job it needs", () => {
        const all = jobs();
        for (const [id, text] of all) {
            for (const step of uses(text, "actions/download-artifact")) {
                const from = needs(text).filter((need) => uses(all.get(need) ?? "", "actions/upload-artifact").some((upload) => upload.with.name === step.with.name));
                assert.equal(from.length, 1, `${id} downloads ${step.with.name}, uploaded by ${from.join(", ") || "no job it needs"}`);
            }
        }
    });

    it("the publish job's check lists the documented plugin platforms, the Terraform provider's zips of the same, its manifest, SHA256SUMS and .sig, and checks both checksum files", () => {
        const check = runs(job("publish")).find((run) => run.includes("sha256sum --check"));
        assert.ok(check, "a step checks the release directory");
        const platforms = check.match(/^for platform in (.+); do$/m)?.[1].split(" ");
        assert.deepEqual(platforms, documentedPlatforms());
        assert.equal(platforms?.length, 5);
        assert.deepEqual(platforms.map((platform) => platform.replace("-", "_")), documentedTerraformPlatforms());
        assert.match(check, /^ {2}expected\+=\("pulumi-resource-cognito-mfa-v\$version-\$platform\.tar\.gz" "\$\{terraform\}_\$\{platform\/-\/_\}\.zip"\)$/m);
        assert.match(check, /^terraform="terraform-provider-cognitomfa_\$version"$/m);
        for (const suffix of ["_manifest.json", "_SHA256SUMS", "_SHA256SUMS.sig"]) {
            assert.ok(check.includes(`"\${terraform}${suffix}"`), `expects terraform-provider-cognitomfa_<version>${suffix}`);
            assert.match(releaseArtifacts(), new RegExp(`^\\| \`terraform-provider-cognitomfa_<version>${suffix.replace(".", "\\.")}\` \\|`, "m"), `the table documents terraform-provider-cognitomfa_<version>${suffix}`);
        }
        assert.match(check, /sha256sum --check --strict SHA256SUMS && sha256sum --check --strict "\$\{terraform\}_SHA256SUMS"/);
    });

    it("the publish job signs the Terraform registry's SHA256SUMS with the GPG secrets, adds the signature to SHA256SUMS, then checks the directory and makes the GitHub release", () => {
        const all = steps(job("publish"));
        const sign = stepIndex(all, /^bash scripts\/run\/sign-terraform-sums\.sh build\/release$/, "runs sign-terraform-sums.sh on build/release");
        assert.match(all[sign].text, /^\s+GPG_PRIVATE_KEY: \$\{\{ secrets\.GPG_PRIVATE_KEY \}\}$/m);
        assert.match(all[sign].text, /^\s+GPG_PASSPHRASE: \$\{\{ secrets\.GPG_PASSPHRASE \}\}$/m);
        const summed = stepIndex(all, /^sha256sum -- "terraform-provider-cognitomfa_\$\{version\}_SHA256SUMS\.sig" >>SHA256SUMS$/m, "adds the signature's line to SHA256SUMS");
        const checked = stepIndex(all, /sha256sum --check --strict SHA256SUMS/, "checks the release directory");
        const released = stepIndex(all, /gh release create/, "makes the GitHub release");
        assert.ok(sign < summed && summed < checked && checked < released, `in this order: sign ${sign}, SHA256SUMS ${summed}, check ${checked}, release ${released}`);
        const gpgSteps = all.filter((step) => /secrets\.GPG_/.test(step.text));
        assert.deepEqual(gpgSteps, [all[sign]], "the GPG secrets reach the signing step alone");
    });

    it("publishes: the GitHub release with every file of build/release, both npm tarballs, the Python wheel and sdist, and the sdk/v<version> tag alone", () => {
        const publish = job("publish");
        assert.deepEqual(needs(publish).sort(), ["build", "darwin"]);
        assert.match(runsOn(publish) ?? "", /^ubuntu-/);
        const downloaded = uses(publish, "actions/download-artifact").map((step) => [step.with.name, step.with.path]);
        assert.deepEqual(downloaded, [["release", "build/release"], ["sdk", "build/sdk"]]);
        const script = runs(publish).join("\n");

        assert.match(script, /^files=\(build\/release\/\*\)$/m);
        assert.match(script, /gh release create "\$GITHUB_REF_NAME" "\$\{files\[@\]\}"/);
        assert.match(script, /gh release upload "\$GITHUB_REF_NAME" "\$\{files\[@\]\}" --clobber/);

        const npm = steps(publish).find((step) => step.run?.includes("npm publish"));
        assert.ok(npm?.run, "a step runs npm publish");
        assert.match(npm.run, /^for name in pulumi-cognito-mfa pulumi-cognito-mfa-native; do$/m);
        assert.match(npm.run, /npm publish "build\/release\/\$name-\$version\.tgz" --provenance --access public/);
        assert.match(npm.text, /NODE_AUTH_TOKEN: \$\{\{ secrets\.NPM_TOKEN \}\}/);
        assert.equal(uses(publish, "actions/setup-node")[0]?.with["registry-url"], "https://registry.npmjs.org");

        const pypi = uses(publish, "pypa/gh-action-pypi-publish");
        assert.equal(pypi.length, 1);
        const packagesDir = pypi[0].with["packages-dir"].replace(/\/$/, "");
        assert.doesNotMatch(packagesDir, /^build\/release/, "the plugin archives are .tar.gz too: not the release directory");
        assert.ok(!("password" in pypi[0].with), "trusted publishing: no token");
        const copy = script.match(new RegExp(`^cp (.+) ${packagesDir}/?$`, "m"))?.[1];
        assert.equal(copy, '"build/release/pulumi_cognito_mfa-$version-py3-none-any.whl" "build/release/pulumi_cognito_mfa-$version.tar.gz"', `only the wheel and the sdist into ${packagesDir}`);

        const go = runs(publish).find((run) => run.includes("sdk/v"));
        assert.ok(go, "a step tags the Go SDK");
        assert.match(go, /git checkout --detach "\$GITHUB_SHA"/);
        assert.match(go, /cp build\/sdk\/go\.mod LICENSE sdk\/\ncp -R build\/sdk\/go sdk\/go/);
        assert.match(go, /^tag="sdk\/v\$version"$/m);
        assert.deepEqual(script.match(/^\s*git push .*$/gm)?.map((line) => line.trim()), ['git push origin "refs/tags/$tag"'], "the tag is the one thing pushed");
    });

    it("least privilege: nothing by default, contents: read to build, write and id-token only to publish", () => {
        assert.match(WORKFLOW, /^permissions: \{\}$/m);
        assert.deepEqual(permissions(job("build")), ["contents: read"]);
        assert.deepEqual(permissions(job("darwin")), ["contents: read"]);
        assert.deepEqual(permissions(job("publish")), ["contents: write", "id-token: write"]);
        assert.deepEqual([...jobs().keys()].sort(), ["build", "darwin", "publish"]);
    });

    it("one run per tag at a time, never cancelled halfway through a publish", () => {
        assert.equal(block(WORKFLOW, /^concurrency:\s*$/, 0)?.trim(), "group: release-${{ github.ref }}\n  cancel-in-progress: false");
    });

    it("every action is pinned to a version tag", () => {
        const all = [...WORKFLOW.matchAll(/uses:\s*(\S+)/g)].map(([, action]) => action);
        assert.ok(all.length >= 10, all.join(", "));
        for (const action of all) {
            assert.match(action, /^[\w.-]+\/[\w.-]+@v\d+(\.\d+\.\d+)?$/, action);
        }
    });

    it("every script is bash with set -euo pipefail; secrets only reach steps as environment variables, never a script's text", () => {
        assert.match(WORKFLOW, /^defaults:\n {2}run:\n {4}shell: bash$/m);
        let scripts = 0;
        for (const [id, text] of jobs()) {
            for (const step of steps(text)) {
                if (step.run?.includes("\n")) {
                    scripts += 1;
                    assert.match(step.run, /^set -euo pipefail\n/, `${id}: ${step.run.split("\n")[0]}`);
                }
                assert.doesNotMatch(step.run ?? "", /\$\{\{/, `${id}: no expression in a script: ${step.run?.split("\n")[0]}`);
            }
        }
        assert.equal(scripts, WORKFLOW.match(/^\s+run: \|$/gm)?.length, "every multi-line script was read");
        const secrets = [...new Set([...WORKFLOW.matchAll(/secrets\.(\w+)/g)].map(([, name]) => name))];
        assert.deepEqual(secrets.sort(), ["GPG_PASSPHRASE", "GPG_PRIVATE_KEY", "NPM_TOKEN"]);
        const docs = fs.readFileSync(path.join(PROJECT_ROOT, "docs", "installation-configuration.md"), "utf8");
        for (const secret of secrets) {
            assert.match(docs, new RegExp(`\`${secret}\``), `the docs name the secret ${secret}`);
            assert.match(WORKFLOW.split("\n").filter((line) => line.startsWith("#")).join("\n"), new RegExp(secret), `the workflow's heading names the secret ${secret}`);
        }
        assert.match(docs, /trusted publisher/, "and PyPI's trusted publishing");
    });
});
