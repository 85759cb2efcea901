// Stacks driven through the Automation API over the real Pulumi CLI, on a local file backend
// with passphrase secrets, fully offline. Programs run inline (in this process, through the
// Automation API's own language runtime), so no separately built language host is needed; the
// engine, the CLI and the dynamic provider plugin are the real ones.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace, type PulumiFn, type Stack } from "@pulumi/pulumi/automation";

const PROJECT_ROOT = path.resolve(__dirname, "..");
export const PASSPHRASE = "correct horse battery staple";

/**
 * Each inline run's program talks to a new engine over gRPC, from this one process. grpc-js shares
 * one connection per address among all clients (its global subchannel pool), and keeps the
 * connection of an engine that has exited in backoff. When the kernel gives the next engine the
 * same port, the program's calls fail with "14 UNAVAILABLE: No connection established", and the
 * Automation API ends the run as succeeded with the program's resources unregistered: the engine
 * deletes them (seen in the e2e suites, at random). A subchannel pool of each client's own gives
 * every run a fresh connection (test/integration/inlineRunConnections.test.ts). The SDK reads
 * these options when it makes its clients; they are internal to it, hence the require.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdkSettings = require("@pulumi/pulumi/runtime/settings") as { grpcClientOptions: Record<string, unknown> };
sdkSettings.grpcClientOptions["grpc.use_local_subchannel_pool"] = 1;

export interface StackOptions {
    /** Project directory name under .cache/stacks; state lives beside it. */
    name: string;
    program: PulumiFn;
    /** Environment of the CLI and of the provider it starts (emulator endpoint, credentials). */
    env: Record<string, string>;
    /** Where the program's node_modules come from; default: this repository's. */
    nodeModules?: string;
    /** The state backend's URL; default: a local file backend beside the project. */
    backendUrl?: string;
}

/**
 * An empty project directory under .cache/stacks, and the backend URL its stack uses: BACKEND_URL,
 * else a local file backend beside the project.
 */
export function freshProjectDir(name: string, backendUrl?: string): { dir: string; backendUrl: string } {
    const dir = path.join(PROJECT_ROOT, ".cache", "stacks", name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, "state"), { recursive: true });
    return { dir, backendUrl: backendUrl ?? `file://${path.join(dir, "state")}` };
}

/**
 * A fresh stack in a directory of its own. The dynamic provider plugin runs there and loads
 * this package from its node_modules, as it would from a user's project.
 */
export async function freshStack(options: StackOptions): Promise<Stack> {
    const { dir, backendUrl } = freshProjectDir(options.name, options.backendUrl);
    fs.symlinkSync(options.nodeModules ?? path.join(PROJECT_ROOT, "node_modules"), path.join(dir, "node_modules"));
    return LocalWorkspace.createOrSelectStack(
        { stackName: "test", projectName: options.name, program: options.program },
        {
            workDir: dir,
            projectSettings: { name: options.name, runtime: "nodejs", backend: { url: backendUrl } },
            envVars: pulumiEnv(dir, options.env),
        },
    );
}

export function pulumiEnv(dir: string, env: Record<string, string>): Record<string, string> {
    return {
        ...env,
        PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_HOME: path.join(dir, ".pulumi-home"),
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    };
}

/**
 * After an inline run that failed: its program, still in this process, can be finishing calls to
 * the engine that has exited, and a run started at once gets those failures (14 UNAVAILABLE)
 * through the Automation API's process-wide handlers. Two seconds let them end.
 */
export function afterFailedInlineRun(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 2_000));
}

/** Runs the CLI itself in the stack's project, as a user would; returns what it printed. */
export function cli(stack: Stack, args: string[]): { status: number; output: string } {
    const result = spawnSync("pulumi", [...args, "--stack", stack.name, "--non-interactive"], {
        cwd: stack.workspace.workDir,
        env: { ...process.env, ...stack.workspace.envVars },
        encoding: "utf8",
        maxBuffer: 1 << 30,
    });
    return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}
