// The native plugin's pool resource shows its progress where users see it: a plain `pulumi up` of
// a Pulumi YAML project that lasts longer than one progress interval, every call to Cognito delayed
// at the proxy, prints a progress line in the CLI's output. The engine hides a native plugin's
// stderr, so the line must come through the engine's log (provider/native/engineLog.ts).

import * as assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { startCognitoProxy, type CognitoProxy } from "../../harness/cognitoProxy";
import { adminClient } from "../../harness/fixtures";
import { startEmulator, type Emulator } from "../../harness/moto";
import { poolWithoutMfa } from "../../harness/pools";
import { PROGRESS_INTERVAL_MS } from "../../provider/process/progressLines";
import { latencyPastInterval, progressUnderWay } from "../support/progressLine";
import { freshYamlProject, PLUGIN_ARCHIVE, PLUGIN_VERSION, yamlHostBin } from "../support/yamlProject";

const PROJECT_ROOT = path.resolve(__dirname, "../..");
const DIR = path.join(PROJECT_ROOT, ".cache", "stacks", "yaml-set-progress");
const USERS = 3;

describe("the native UserMfaPreferenceSet's progress in `pulumi up`'s output", function () {
    this.timeout(120_000);
    let emulator: Emulator;
    let proxy: CognitoProxy;
    let env: NodeJS.ProcessEnv;

    const pulumi = (...args: string[]) => spawnSync("pulumi", [...args, "--non-interactive"], { cwd: DIR, env, encoding: "utf8" });

    before(async () => {
        const yamlBin = yamlHostBin();
        emulator = await startEmulator();
        const { pool, usernames } = await poolWithoutMfa(adminClient(emulator.endpoint), "set-progress", USERS);
        proxy = await startCognitoProxy(emulator.endpoint);
        env = freshYamlProject(DIR, { ...emulator.env, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: proxy.endpoint }, yamlBin);
        pulumi("plugin", "install", "resource", "cognito-mfa", PLUGIN_VERSION, "--file", PLUGIN_ARCHIVE);
        // SMS declared off, as it is: the create reads each user once and writes none.
        const users = usernames.map((username) => `        ${username}: { smsMfa: { enabled: false } }`).join("\n");
        fs.writeFileSync(
            path.join(DIR, "Pulumi.yaml"),
            `name: set-progress
runtime: yaml
resources:
  team:
    type: cognito-mfa:index:UserMfaPreferenceSet
    properties:
      userPoolId: ${pool.userPoolId}
      users:
${users}
`,
        );
        pulumi("stack", "init", "test");
    });

    after(async () => {
        await proxy?.close();
        await emulator?.stop();
    });

    it("an up longer than one interval prints the users done of the total and the rate, through the engine's log", async () => {
        proxy.setFaults({ latencyMs: latencyPastInterval(PROGRESS_INTERVAL_MS) });
        // Not spawnSync: the proxy answers from this process, whose event loop must keep running.
        const up = await promisify(execFile)("pulumi", ["up", "--yes", "--non-interactive"], { cwd: DIR, env, maxBuffer: 1 << 30 });
        const output = `${up.stdout}${up.stderr}`;
        assert.deepEqual(Object.fromEntries(proxy.received), { AdminGetUser: USERS }, "one delayed read per user");
        assert.match(output, progressUnderWay("UserMfaPreferenceSet team", "adopting", USERS));
    });
});
