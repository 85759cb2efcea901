// For development the plugin also runs from PATH, with nothing installed: the engine prefers a
// `pulumi-resource-cognito-mfa` found on PATH, and says so.

import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { AdminGetUserCommand } from "@aws-sdk/client-cognito-identity-provider";
import { UserMfaPreference } from "pulumi-cognito-mfa-native";
import { adminClient, createPool, createUser } from "../../harness/fixtures";
import { startEmulator, type Emulator } from "../../harness/moto";
import { pluginTarball } from "../../harness/nativePlugin";
import { freshStack } from "../../harness/pulumi";

describe("native provider from PATH", function () {
    this.timeout(120_000);
    let emulator: Emulator;
    let pluginDir: string;

    before(async () => {
        emulator = await startEmulator();
        pluginDir = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-mfa-plugin-"));
        execFileSync("tar", ["-xzf", pluginTarball(), "-C", pluginDir]);
    });

    after(async () => {
        await emulator?.stop();
        fs.rmSync(pluginDir, { recursive: true, force: true });
    });

    it("up and destroy run the plugin found on PATH", async () => {
        const cognito = adminClient(emulator.endpoint);
        const pool = await createPool(cognito);
        await createUser(cognito, pool, "alice");
        const program = async () => {
            new UserMfaPreference("alice", { userPoolId: pool.userPoolId, username: "alice", smsMfa: { enabled: true } });
        };
        const env = { ...emulator.env, PATH: `${pluginDir}${path.delimiter}${process.env.PATH}` };
        const stack = await freshStack({ name: "native-from-path", program, env });
        const printed: string[] = [];
        const result = await stack.up({ onOutput: (text) => printed.push(text) });
        assert.deepEqual(result.summary.resourceChanges, { create: 2 });
        assert.match(printed.join(""), /using pulumi-resource-cognito-mfa from \$PATH/);
        const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username: "alice" }));
        assert.deepEqual(user.UserMFASettingList, ["SMS_MFA"]);
        await stack.destroy();
    });
});
