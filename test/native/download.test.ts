// The engine downloads and installs the plugin by itself, as it does every Pulumi provider's: a
// program using the generated SDK, a PULUMI_HOME with no plugin in it, no plugin on PATH, and
// `pulumi up`. The release directory (scripts/run/release.sh) is served over HTTP on loopback, and
// the resource option pluginDownloadURL points there instead of the SDK's own
// `github://api.github.com/<owner>/<repo>`: the URL is the one thing that differs from a release.

import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { UserMfaPreference } from "pulumi-cognito-mfa-native";
import { adminClient, createPool, createUser, userMfa } from "../../harness/fixtures";
import { startEmulator, type Emulator } from "../../harness/moto";
import { nativeVersion, pluginPlatform, pluginTarball } from "../../harness/nativePlugin";
import { freshStack } from "../../harness/pulumi";

const PLUGIN = "pulumi-resource-cognito-mfa";

/** Serves the files of DIR, by name, and records every path asked for. */
async function serveDirectory(dir: string): Promise<{ url: string; requested: string[]; close(): Promise<void> }> {
    const requested: string[] = [];
    const server = http.createServer((request, response) => {
        const name = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname.slice(1));
        requested.push(name);
        const file = path.join(dir, path.basename(name));
        if (name !== path.basename(name) || !fs.existsSync(file)) {
            response.writeHead(404).end();
            return;
        }
        response.writeHead(200, { "content-type": "application/gzip", "content-length": fs.statSync(file).size });
        fs.createReadStream(file).pipe(response);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}/`,
        requested,
        close: () => new Promise((resolve) => server.close(() => resolve())),
    };
}

const sha256 = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

/** Directories of PATH that hold an executable named like the plugin. */
const pluginsOnPath = (searchPath: string) =>
    searchPath.split(path.delimiter).filter((dir) => dir && fs.existsSync(path.join(dir, PLUGIN)));

describe("native provider downloaded by the engine", function () {
    this.timeout(180_000);
    let emulator: Emulator;
    let release: Awaited<ReturnType<typeof serveDirectory>>;
    let unpacked: string;
    // The CLI's temporary directory: the engine downloads the archive to a temporary file there
    // and leaves it (43 MB each time, measured with CLI 3.248.0), so it goes with the test.
    let temporary: string;

    before(async () => {
        temporary = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-mfa-download-"));
        emulator = await startEmulator();
        release = await serveDirectory(path.dirname(pluginTarball()));
        unpacked = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-mfa-archive-"));
        execFileSync("tar", ["-xzf", pluginTarball(), "-C", unpacked]);
    });

    after(async () => {
        await release?.close();
        await emulator?.stop();
        fs.rmSync(unpacked, { recursive: true, force: true });
        fs.rmSync(temporary, { recursive: true, force: true });
    });

    it("up downloads the plugin from pluginDownloadURL into PULUMI_HOME, runs it, and destroy uses it", async () => {
        const cognito = adminClient(emulator.endpoint);
        const pool = await createPool(cognito);
        await createUser(cognito, pool, "alice");
        const program = async () => {
            new UserMfaPreference(
                "alice",
                { userPoolId: pool.userPoolId, username: "alice", smsMfa: { enabled: true, preferred: true } },
                { pluginDownloadURL: release.url },
            );
        };
        const searchPath = (process.env.PATH ?? "")
            .split(path.delimiter)
            .filter((dir) => !pluginsOnPath(dir).length)
            .join(path.delimiter);
        const stack = await freshStack({ name: "native-download", program, env: { ...emulator.env, PATH: searchPath, TMPDIR: temporary } });
        // The harness turns acquisition off for every other stack; here it is the engine's default.
        stack.workspace.envVars.PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION = "false";
        const home = stack.workspace.envVars.PULUMI_HOME;
        const installed = path.join(home, "plugins", `resource-cognito-mfa-v${nativeVersion()}`);
        assert.ok(!fs.existsSync(installed), "no plugin installed beforehand");
        assert.deepEqual(pluginsOnPath(searchPath), [], "no plugin on PATH");

        const printed: string[] = [];
        const result = await stack.up({ onOutput: (text) => printed.push(text) });
        assert.deepEqual(result.summary.resourceChanges, { create: 2 });
        assert.deepEqual(await userMfa(cognito, pool.userPoolId, "alice"), { enabled: ["SMS_MFA"], preferred: "SMS_MFA" });

        const archive = `${PLUGIN}-v${nativeVersion()}-${pluginPlatform()}.tar.gz`;
        assert.deepEqual(release.requested, [archive], "the engine asked for this platform's archive, by the convention's name, once");
        assert.equal(sha256(path.join(installed, PLUGIN)), sha256(path.join(unpacked, PLUGIN)), "the archive's executable was installed");
        assert.doesNotMatch(printed.join(""), /from \$PATH/);

        await stack.destroy();
        assert.deepEqual(await userMfa(cognito, pool.userPoolId, "alice"), { enabled: [], preferred: undefined });
        assert.equal(release.requested.length, 1, "destroy ran the installed plugin, with no second download");
    });
});
