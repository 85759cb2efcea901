// The native provider as users install it: the plugin tarball from the build, installed with
// `pulumi plugin install` into the stack's own PULUMI_HOME, and the generated Node.js SDK
// installed from its packed tarball.

import { spawnSync } from "node:child_process";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import * as sdkPackage from "pulumi-cognito-mfa-native/package.json";

const PROJECT_ROOT = path.resolve(__dirname, "../..");

/** The plugin's version: the generated SDK asks the engine for exactly this one. */
export const NATIVE_VERSION: string = sdkPackage.version;

/** The plugin tarball: from the environment (scripts/test.sh), else this checkout's build/. */
export function pluginTarball(): string {
    return process.env.NATIVE_PLUGIN_TARBALL ?? path.join(PROJECT_ROOT, "build", `pulumi-resource-cognito-mfa-v${NATIVE_VERSION}.tar.gz`);
}

export function installPlugin(stack: Stack): void {
    const result = spawnSync("pulumi", ["plugin", "install", "resource", "cognito-mfa", NATIVE_VERSION, "--file", pluginTarball()], {
        env: { ...process.env, ...stack.workspace.envVars },
        encoding: "utf8",
    });
    if (result.status !== 0) {
        throw new Error(`pulumi plugin install failed (${result.status}): ${result.stdout}${result.stderr}`);
    }
}
