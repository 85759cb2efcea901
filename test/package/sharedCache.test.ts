// The per-user cache is shared by every checkout on the machine (scripts/setup/cache.sh): two
// worktrees, or two CI jobs on one runner, may build the same entry at once. Here two builds of this
// machine's plugin archive (scripts/setup/build-plugin-archives.sh) run at once into a fresh cache
// root (PULUMI_COGNITO_MFA_CACHE), so the machine's own cache is neither read for the archive nor
// changed; only its Node.js, which the archive is made of, is linked in, as it is slow to fetch.
// A build killed while it holds an entry's lock must not stop the next one.

import * as assert from "node:assert/strict";
import { type ChildProcess, execFileSync, spawn, type SpawnOptions } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pluginPlatform } from "../../harness/nativePlugin";

const PROJECT_ROOT = path.resolve(__dirname, "../..");
const VERSION = (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { version: string }).version;
const ARCHIVE = `pulumi-resource-cognito-mfa-v${VERSION}-${pluginPlatform()}.tar.gz`;

interface Run {
    status: number | null;
    stderr: string;
}

/** `bash ARGS` in this checkout, with `env` added to the environment. */
function bash(args: string[], env: Record<string, string>, options: SpawnOptions = {}): ChildProcess {
    return spawn("bash", args, { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"], ...options });
}

function finished(child: ChildProcess): Promise<Run> {
    return new Promise((resolve, reject) => {
        let stderr = "";
        child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.on("error", reject);
        child.on("close", (status) => resolve({ status, stderr }));
    });
}

describe("the shared build cache", function () {
    this.timeout(120_000);
    let root: string;
    let cache: string;
    const buildArchive = (out: string) =>
        finished(bash(["scripts/setup/build-plugin-archives.sh"], { PULUMI_COGNITO_MFA_CACHE: cache, PLUGIN_ARCHIVES_DIR: path.join(root, out) }));
    /** scripts/setup/cache.sh's cache_entry ENTRY COMMAND... */
    const cacheEntry = (entry: string, command: string[], options: SpawnOptions) =>
        bash(["-c", 'set -euo pipefail; source scripts/setup/paths.sh; cache_entry "$@"', "cache_entry", entry, ...command], {}, options);

    beforeEach(() => {
        root = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-mfa-cache-"));
        cache = path.join(root, "cache");
        fs.mkdirSync(cache);
    });
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    it("two builds of one plugin archive at once both succeed, leave it complete, and a later build reuses it", async () => {
        // This machine's Node.js from the machine's cache (scripts/setup/node.sh), complete already.
        const node = path.dirname(execFileSync("bash", ["scripts/setup/node.sh"], { cwd: PROJECT_ROOT, encoding: "utf8" }).trim());
        fs.symlinkSync(node, path.join(cache, path.basename(node)));

        const builds = await Promise.all([buildArchive("first"), buildArchive("second")]);
        for (const [i, build] of builds.entries()) {
            assert.equal(build.status, 0, `build ${i + 1} of 2 failed:\n${build.stderr}`);
        }
        const platformDir = path.join(cache, "plugin-archives", `pulumi-${pluginPlatform()}`);
        assert.equal(fs.readdirSync(platformDir).length, 1, `one entry and no lock left: ${fs.readdirSync(platformDir).join(", ")}`);
        const entry = path.join(platformDir, fs.readdirSync(platformDir)[0]);
        assert.deepEqual(fs.readdirSync(entry).sort(), [".complete", ARCHIVE, "sea.blob"]);
        const built = fs.readFileSync(path.join(entry, ARCHIVE));
        const listing = execFileSync("tar", ["-tzf", path.join(entry, ARCHIVE)], { encoding: "utf8" }).trim().split("\n");
        assert.deepEqual(listing.sort(), ["LICENSE", "pulumi-resource-cognito-mfa"]);
        for (const out of ["first", "second"]) {
            assert.ok(fs.readFileSync(path.join(root, out, ARCHIVE)).equals(built), `${out}: the cached archive`);
        }

        const completed = fs.statSync(path.join(entry, ".complete")).mtimeMs;
        const warm = await buildArchive("warm");
        assert.equal(warm.status, 0, warm.stderr);
        assert.match(warm.stderr, /: cached in /);
        assert.equal(fs.statSync(path.join(entry, ".complete")).mtimeMs, completed, "the entry was not built again");
        assert.ok(fs.readFileSync(path.join(root, "warm", ARCHIVE)).equals(built));
    });

    it("takes over the lock of a build that was killed (SIGKILL) before it could remove it", async () => {
        const entry = path.join(cache, "entry");
        const lock = path.join(cache, ".entry.lock");
        const killed = cacheEntry(entry, ["sleep", "60"], { detached: true });
        const killedEnd = finished(killed);
        while (!fs.existsSync(entry)) {
            await new Promise((resolve) => setTimeout(resolve, 20));
        }
        process.kill(-killed.pid!, "SIGKILL");
        await killedEnd;
        assert.ok(fs.lstatSync(lock).isSymbolicLink(), "the killed build left its lock");

        // Waiting for that lock would end in the timeout's SIGTERM.
        const next = await finished(cacheEntry(entry, ["touch", path.join(entry, "made")], { timeout: 15_000 }));
        assert.equal(next.status, 0, next.stderr);
        assert.deepEqual(fs.readdirSync(cache).sort(), ["entry"]);
        assert.deepEqual(fs.readdirSync(entry).sort(), [".complete", "made"]);
    });
});
