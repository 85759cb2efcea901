// The native provider as users install it: the plugin tarball from the build, installed with
// `pulumi plugin install` into the stack's own PULUMI_HOME, and the generated Node.js SDK
// installed from its packed tarball.

import { spawnSync } from "node:child_process";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";

/* eslint-disable @typescript-eslint/no-require-imports */

const PROJECT_ROOT = path.resolve(__dirname, "..");

/**
 * The plugin's version: the generated SDK asks the engine for exactly this one. Read when asked:
 * programs that never use the native provider (the benchmark's others) do not install its SDK.
 */
export function nativeVersion(): string {
    return (require("pulumi-cognito-mfa-native/package.json") as typeof import("pulumi-cognito-mfa-native/package.json")).version;
}

/** The plugin tarball: from the environment (scripts/run/test.sh), else this checkout's build/. */
export function pluginTarball(): string {
    return process.env.NATIVE_PLUGIN_TARBALL ?? path.join(PROJECT_ROOT, "build", `pulumi-resource-cognito-mfa-v${nativeVersion()}.tar.gz`);
}

export function installPlugin(stack: Stack): void {
    const result = spawnSync("pulumi", ["plugin", "install", "resource", "cognito-mfa", nativeVersion(), "--file", pluginTarball()], {
        env: { ...process.env, ...stack.workspace.envVars },
        encoding: "utf8",
    });
    if (result.status !== 0) {
        throw new Error(`pulumi plugin install failed (${result.status}): ${result.stdout}${result.stderr}`);
    }
}
