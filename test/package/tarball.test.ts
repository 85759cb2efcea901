// The tarball users install (`npm pack`, which builds through prepack): what it holds and what it
// must not, complete source maps, an honest package.json, and types for every exported path
// under every module resolution TypeScript offers.

import * as assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packedTarball, programWithTarball } from "../support/packedTarball";

const PROJECT_ROOT = path.resolve(__dirname, "../..");

/** The tarball unpacked into a temporary directory; returns its `package` folder. */
function unpack(tarball: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-mfa-tarball-"));
    execFileSync("tar", ["-xzf", tarball, "-C", dir]);
    return path.join(dir, "package");
}

function filesUnder(root: string): string[] {
    return (fs.readdirSync(root, { recursive: true }) as string[]).filter((entry) => fs.statSync(path.join(root, entry)).isFile()).sort();
}

describe("the packed tarball", () => {
    let root: string;
    let files: string[];
    let manifest: Record<string, unknown> & { peerDependencies?: Record<string, string>; dependencies?: Record<string, string>; engines?: { node?: string } };

    before(() => {
        root = unpack(packedTarball());
        files = filesUnder(root);
        manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
    });

    after(() => fs.rmSync(path.dirname(root), { recursive: true, force: true }));

    it("holds the build, its types and maps, the license, the readme and the changelog", () => {
        for (const file of ["package.json", "README.md", "LICENSE", "CHANGELOG.md"]) {
            assert.ok(files.includes(file), file);
        }
        for (const module of [
            "index",
            "implementation",
            "dynamic/implementation",
            "dynamic/resource",
            "dynamic/shim",
            "dynamic/serializedProvider",
            "core/check",
            "process/lifeline",
            "scan/main",
            "scan/checkPlan",
            "policy/policies",
            "policy/pack",
            "policy/terraformPlan",
            "terraform/schema",
            "terraform/terms",
        ]) {
            for (const suffix of [".js", ".js.map", ".d.ts"]) {
                assert.ok(files.includes(`dist/provider/${module}${suffix}`), `dist/provider/${module}${suffix}`);
            }
        }
    });

    it("holds nothing else: no sources, tests, scripts, caches, the native plugin or the Terraform provider (each shipped as a plugin of its own) but the two Terraform files check-plan reads; the policy pack's directory", () => {
        // terraform/schema and terraform/terms name the Terraform resources and attributes, and import only the core; the
        // rest of the folder imports devDependencies (@grpc/grpc-js, @msgpack/msgpack) that no install of the package has.
        const unexpected = files.filter(
            (file) =>
                !/^(package\.json|README\.md|LICENSE|CHANGELOG\.md|dist\/provider\/((core|dynamic|policy|process|scan)\/)?[A-Za-z]+\.(js|js\.map|d\.ts)|dist\/provider\/terraform\/(schema|terms)\.(js|js\.map|d\.ts)|policy-pack\/(PulumiPolicy\.yaml|index\.js|package\.json))$/.test(file),
        );
        assert.deepEqual(unexpected, []);
        for (const file of ["policy-pack/PulumiPolicy.yaml", "policy-pack/index.js", "policy-pack/package.json"]) {
            assert.ok(files.includes(file), file);
        }
    });

    it("ships complete source maps: one per module, each with the source text of every file it names", () => {
        const scripts = files.filter((file) => file.startsWith("dist/") && file.endsWith(".js"));
        assert.deepEqual(
            files.filter((file) => file.endsWith(".js.map")),
            scripts.map((file) => `${file}.map`),
        );
        for (const map of scripts.map((file) => `${file}.map`)) {
            const { sources, sourcesContent } = JSON.parse(fs.readFileSync(path.join(root, map), "utf8")) as { sources: string[]; sourcesContent?: string[] };
            assert.ok(sources.length > 0, map);
            assert.equal(sourcesContent?.length, sources.length, `${map} carries the text of its sources`);
            sourcesContent!.forEach((text, index) => assert.ok(text.length > 0, `${map}: ${sources[index]}`));
        }
    });

    it("shares the program's Pulumi SDK: @pulumi/pulumi is a caret peer range, never a dependency; @pulumi/policy an optional one", () => {
        assert.match(manifest.peerDependencies?.["@pulumi/pulumi"] ?? "", /^\^3\.\d+\.\d+$/);
        assert.equal(manifest.dependencies?.["@pulumi/pulumi"], undefined);
        assert.match(manifest.peerDependencies?.["@pulumi/policy"] ?? "", /^\^1\.\d+\.\d+$/);
        assert.deepEqual((manifest.peerDependenciesMeta as Record<string, unknown> | undefined)?.["@pulumi/policy"], { optional: true });
        assert.equal(manifest.dependencies?.["@pulumi/policy"], undefined);
    });

    it("states its license, with the Apache-2.0 text", () => {
        assert.equal(manifest.license, "Apache-2.0");
        assert.match(fs.readFileSync(path.join(root, "LICENSE"), "utf8"), /Apache License\s+Version 2\.0, January 2004[\s\S]*END OF TERMS AND CONDITIONS/);
    });

    it("asks for the oldest Node.js the matrix tests (this leg's)", () => {
        assert.equal(manifest.engines?.node, `>=${process.versions.node.split(".")[0]}`);
    });

    it("resolves every exported path with types under node10, node16 (CJS and ESM) and bundler resolution", () => {
        const report = path.join(os.tmpdir(), `attw-${process.pid}.json`);
        const attw = path.join(PROJECT_ROOT, "node_modules", ".bin", "attw");
        let exitCode = 0;
        try {
            // The report is larger than a pipe's buffer: it goes to a file.
            execFileSync("sh", ["-c", `"${attw}" "${packedTarball()}" --format json > "${report}"`]);
        } catch (error) {
            exitCode = (error as { status: number }).status;
        }
        const { analysis } = JSON.parse(fs.readFileSync(report, "utf8")) as {
            analysis: { problems: unknown[]; entrypoints: Record<string, { resolutions: Record<string, { resolution?: { fileName: string; isTypeScript: boolean } }> }> };
        };
        fs.rmSync(report, { force: true });
        assert.deepEqual(analysis.problems, []);
        assert.equal(exitCode, 0);
        const exported = Object.keys((manifest.exports ?? {}) as object).filter((entry) => entry !== "./package.json");
        for (const entry of exported) {
            for (const kind of ["node10", "node16-cjs", "node16-esm", "bundler"]) {
                const resolution = analysis.entrypoints[entry]?.resolutions[kind]?.resolution;
                assert.ok(resolution?.isTypeScript && resolution.fileName.endsWith(".d.ts"), `${entry} under ${kind}: ${JSON.stringify(resolution)}`);
            }
        }
    });

    it("runs its command (scan, check-plan) with npx where it is installed, executable, without needing the Pulumi SDK", function () {
        this.timeout(120_000);
        assert.deepEqual(manifest.bin, { "pulumi-cognito-mfa": "dist/provider/scan/main.js" });
        assert.match(fs.readFileSync(path.join(root, "dist/provider/scan/main.js"), "utf8"), /^#!\/usr\/bin\/env node\n/);
        // Peers left out, so that nothing the command loads can come from @pulumi/pulumi.
        const program = programWithTarball({});
        try {
            execFileSync("npm", ["install", "--legacy-peer-deps", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: program });
            assert.ok(!fs.existsSync(path.join(program, "node_modules/@pulumi/pulumi")));
            const help = execFileSync("npx", ["--no-install", "pulumi-cognito-mfa", "scan", "--help"], { cwd: program, encoding: "utf8" });
            assert.match(help, /^Usage: pulumi-cognito-mfa scan \[options\]/);
            for (const option of ["--user-pool-id <id>", "--group <name>", "--filter <expression>", "--format <format>", "--out <file>", "--region <region>", "--endpoint <url>", "--include-unset"]) {
                assert.ok(help.includes(option), option);
            }
            const refused = spawnSync("npx", ["--no-install", "pulumi-cognito-mfa", "scan", "--user-pool-id", "nope"], { cwd: program, encoding: "utf8" });
            assert.equal(refused.status, 1);
            assert.match(refused.stderr, /error: --user-pool-id: userPoolId "nope" is not valid/);
            // check-plan loads the Terraform provider's schema and terms, and nothing else of it.
            const bob = { user_pool_id: "eu-west-1_AbC123xyz", username: "bob", sms_mfa: { enabled: false, preferred: false }, software_token_mfa: null, email_mfa: null, web_authn_mfa: null };
            const change = { address: "cognitomfa_user_mfa_preference.bob", mode: "managed", type: "cognitomfa_user_mfa_preference", name: "bob", change: { actions: ["create"], before: null, after: bob, after_unknown: { id: true } } };
            fs.writeFileSync(path.join(program, "plan.json"), JSON.stringify({ format_version: "1.2", terraform_version: "1.11.4", planned_values: { root_module: {} }, resource_changes: [change] }));
            const checked = spawnSync("npx", ["--no-install", "pulumi-cognito-mfa", "check-plan", "plan.json"], { cwd: program, encoding: "utf8" });
            assert.equal(checked.status, 1, checked.stderr);
            assert.match(checked.stdout, /^cognitomfa_user_mfa_preference\.bob: mfa-enabled \(mandatory\): user "bob" has no MFA factor enabled .*: enable software_token_mfa \(TOTP\), email_mfa or sms_mfa\n$/);
        } finally {
            fs.rmSync(program, { recursive: true, force: true });
        }
    });

    it("is built by npm pack itself on a checkout that has no build (prepack)", function () {
        this.timeout(120_000);
        const checkout = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-mfa-checkout-"));
        try {
            for (const entry of ["package.json", "tsconfig.json", "README.md", "LICENSE", "CHANGELOG.md", "provider", "policy-pack"]) {
                fs.cpSync(path.join(PROJECT_ROOT, entry), path.join(checkout, entry), { recursive: true });
            }
            fs.symlinkSync(path.join(PROJECT_ROOT, "node_modules"), path.join(checkout, "node_modules"));
            const name = execFileSync("npm", ["pack", "--silent", "--pack-destination", checkout], { cwd: checkout, encoding: "utf8" }).trim().split("\n").pop()!;
            const unpacked = unpack(path.join(checkout, name));
            const packed = filesUnder(unpacked);
            fs.rmSync(path.dirname(unpacked), { recursive: true, force: true });
            assert.ok(packed.includes("dist/provider/index.js") && packed.includes("dist/provider/implementation.d.ts"), packed.join(", "));
            assert.deepEqual(packed, files);
        } finally {
            fs.rmSync(checkout, { recursive: true, force: true });
        }
    });
});
