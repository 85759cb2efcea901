// The signature of the Terraform registry's checksums (scripts/run/sign-terraform-sums.sh, run by
// the release workflow with the GPG_PRIVATE_KEY and GPG_PASSPHRASE secrets): with a throwaway RSA
// key, protected by a passphrase like the project's, made here in a temporary GNUPGHOME, the script
// writes terraform-provider-cognitomfa_<version>_SHA256SUMS.sig beside a stand-in SUMS file, a
// binary detached signature that `gpg --verify` accepts with the public key alone (what the
// registry holds). It prints neither secret, leaves no key behind, and fails naming the secret
// that is missing or wrong.

import * as assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const PROJECT_ROOT = path.resolve(__dirname, "../..");
const SCRIPT = path.join(PROJECT_ROOT, "scripts", "run", "sign-terraform-sums.sh");
const SUMS = "terraform-provider-cognitomfa_9.8.7_SHA256SUMS";
const PASSPHRASE = "a passphrase, with spaces; and $ymbols";

describe("signing the Terraform registry's SHA256SUMS (sign-terraform-sums.sh)", function () {
    this.timeout(120_000);
    let root = "";
    let privateKey = "";
    let fingerprint = "";
    /** A keyring with the public key alone, as the registry and `terraform init` have it. */
    let verifier = "";

    const gpg = (home: string, args: string[], input?: string) => execFileSync("gpg", ["--batch", ...args], { env: { ...process.env, GNUPGHOME: home }, input, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] });
    const killAgent = (home: string) => spawnSync("gpgconf", ["--kill", "all"], { env: { ...process.env, GNUPGHOME: home } });

    /** A release directory with a stand-in SUMS file, and the script run on it with `env`; its TMPDIR and HOME are empty directories of their own. */
    function sign(env: Record<string, string>) {
        const dir = fs.mkdtempSync(path.join(root, "release-"));
        fs.writeFileSync(path.join(dir, SUMS), `${"a".repeat(64)}  terraform-provider-cognitomfa_9.8.7_linux_amd64.zip\n${"b".repeat(64)}  terraform-provider-cognitomfa_9.8.7_manifest.json\n`);
        const tmp = fs.mkdtempSync(path.join(root, "tmp-"));
        const home = fs.mkdtempSync(path.join(root, "home-"));
        const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("GPG_") && name !== "GNUPGHOME")) as Record<string, string>;
        const result = spawnSync("bash", [SCRIPT, dir], { env: { ...base, TMPDIR: tmp, HOME: home, ...env }, encoding: "utf8" });
        return { dir, tmp, home, status: result.status, output: `${result.stdout}${result.stderr}` };
    }

    before(function () {
        const version = spawnSync("gpg", ["--version"], { encoding: "utf8" });
        assert.equal(version.status, 0, "gpg is installed");
        root = fs.mkdtempSync(path.join(os.tmpdir(), "sign-sums-"));
        const signer = path.join(root, "signer");
        verifier = path.join(root, "verifier");
        fs.mkdirSync(signer, { mode: 0o700 });
        fs.mkdirSync(verifier, { mode: 0o700 });
        gpg(signer, ["--passphrase", PASSPHRASE, "--quick-gen-key", "Release Signing Test <release-test@example.invalid>", "rsa2048", "sign", "never"]);
        fingerprint = gpg(signer, ["--with-colons", "--list-secret-keys"]).match(/^fpr:+([0-9A-F]{40}):/m)?.[1] ?? "";
        assert.match(fingerprint, /^[0-9A-F]{40}$/);
        privateKey = gpg(signer, ["--pinentry-mode", "loopback", "--passphrase", PASSPHRASE, "--armor", "--export-secret-keys", fingerprint]);
        assert.match(privateKey, /^-----BEGIN PGP PRIVATE KEY BLOCK-----/);
        gpg(verifier, ["--import"], gpg(signer, ["--armor", "--export", fingerprint]));
        killAgent(signer);
    });

    after(() => {
        if (root) {
            killAgent(path.join(root, "verifier"));
            fs.rmSync(root, { recursive: true, force: true });
        }
    });

    it("writes <SUMS>.sig, a binary detached signature by the key that gpg --verify accepts with the public key alone, and leaves no key behind", () => {
        const { dir, tmp, home, status, output } = sign({ GPG_PRIVATE_KEY: privateKey, GPG_PASSPHRASE: PASSPHRASE });
        assert.equal(status, 0, output);
        assert.deepEqual(fs.readdirSync(dir).sort(), [SUMS, `${SUMS}.sig`]);
        const signature = fs.readFileSync(path.join(dir, `${SUMS}.sig`));
        assert.ok(!signature.toString("latin1").startsWith("-----BEGIN"), "binary, not ASCII-armored");
        const verified = spawnSync("gpg", ["--batch", "--status-fd", "1", "--verify", path.join(dir, `${SUMS}.sig`), path.join(dir, SUMS)], { env: { ...process.env, GNUPGHOME: verifier }, encoding: "utf8" });
        assert.equal(verified.status, 0, verified.stderr);
        assert.match(verified.stdout, new RegExp(`^\\[GNUPG:\\] VALIDSIG ${fingerprint} `, "m"), "signed by the imported key");
        assert.match(output, new RegExp(fingerprint), "the script names the key");
        assert.deepEqual(fs.readdirSync(tmp), [], "its temporary GNUPGHOME is removed");
        assert.deepEqual(fs.readdirSync(home), [], "nothing in HOME (no ~/.gnupg)");

        // The signature is of these bytes: a changed SUMS file does not verify.
        fs.appendFileSync(path.join(dir, SUMS), `${"c".repeat(64)}  terraform-provider-cognitomfa_9.8.7_darwin_amd64.zip\n`);
        const changed = spawnSync("gpg", ["--batch", "--verify", path.join(dir, `${SUMS}.sig`), path.join(dir, SUMS)], { env: { ...process.env, GNUPGHOME: verifier }, encoding: "utf8" });
        assert.notEqual(changed.status, 0, "a changed SUMS file fails verification");
    });

    it("prints neither secret", () => {
        const { status, output } = sign({ GPG_PRIVATE_KEY: privateKey, GPG_PASSPHRASE: PASSPHRASE });
        assert.equal(status, 0, output);
        assert.ok(!output.includes(PASSPHRASE), "no passphrase in the output");
        const keyLines = privateKey.split("\n").filter((line) => line.length >= 40);
        assert.ok(keyLines.length > 0);
        assert.ok(!keyLines.some((line) => output.includes(line)), "no line of the private key in the output");
    });

    for (const missing of ["GPG_PRIVATE_KEY", "GPG_PASSPHRASE"]) {
        it(`fails naming ${missing} when it is not set, or empty as GitHub passes a missing secret, and writes no .sig`, () => {
            for (const value of [undefined, ""]) {
                const env: Record<string, string> = { GPG_PRIVATE_KEY: privateKey, GPG_PASSPHRASE: PASSPHRASE };
                if (value === undefined) {
                    delete env[missing];
                } else {
                    env[missing] = value;
                }
                const { dir, status, output } = sign(env);
                assert.equal(status, 1, output);
                assert.match(output, new RegExp(`the secret ${missing} is not set`));
                assert.deepEqual(fs.readdirSync(dir), [SUMS]);
            }
        });
    }

    it("fails naming GPG_PASSPHRASE when it is not the key's passphrase, and GPG_PRIVATE_KEY when it is no key; no .sig either way", () => {
        const wrong = sign({ GPG_PRIVATE_KEY: privateKey, GPG_PASSPHRASE: "not the passphrase" });
        assert.equal(wrong.status, 1, wrong.output);
        assert.match(wrong.output, /is GPG_PASSPHRASE its passphrase\?/);
        assert.deepEqual(fs.readdirSync(wrong.dir), [SUMS]);
        const junk = sign({ GPG_PRIVATE_KEY: "not a key", GPG_PASSPHRASE: PASSPHRASE });
        assert.equal(junk.status, 1, junk.output);
        assert.match(junk.output, /GPG_PRIVATE_KEY could not be imported/);
        assert.deepEqual(fs.readdirSync(junk.dir), [SUMS]);
    });
});
