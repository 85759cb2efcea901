// The native provider as users install it: the plugin archive from the release directory,
// installed with `pulumi plugin install` into the stack's own PULUMI_HOME, and the generated
// Node.js SDK installed from its packed tarball.

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

/** This machine's platform, as Pulumi names plugin archives: `linux-amd64`, `darwin-arm64`, `windows-amd64`. */
export function pluginPlatform(): string {
    const os = process.platform === "win32" ? "windows" : process.platform;
    const arch = process.arch === "x64" ? "amd64" : process.arch;
    return `${os}-${arch}`;
}

/**
 * The plugin archive: from the environment (scripts/setup/paths.sh), else this machine's
 * standalone archive in this checkout's release directory (scripts/run/release.sh).
 */
export function pluginTarball(): string {
    const archive = `pulumi-resource-cognito-mfa-v${nativeVersion()}-${pluginPlatform()}.tar.gz`;
    return process.env.NATIVE_PLUGIN_TARBALL ?? path.join(PROJECT_ROOT, "build", "release", archive);
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
