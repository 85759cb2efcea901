// A stand-in for pulumi-language-nodejs, the Node.js language host, which cannot be built here
// (docs/development.md, "Development"). The real CLI reaches it through `--client=<address>`, the
// option the Automation API uses for its inline programs; unlike the Automation API's server, this
// one runs the program the way pulumi-language-nodejs does: in a child `node` running the program's
// own `@pulumi/pulumi/cmd/run`, which registers ts-node from the project's tsconfig.json, with type
// checking on. Compared with the real host (sdk/nodejs/cmd/pulumi-language-nodejs/main.go), it
// leaves out what this project does not exercise: the resource monitor proxy and the `--sync`
// pipes (the program talks to the engine's monitor directly), Node.js options from the project,
// debugging, and plugin discovery (it reports no plugins, as the Automation API's server does; the
// real host would list every installed package that ships a resource plugin).

import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { LanguageRuntimeService, type ILanguageRuntimeServer } from "@pulumi/pulumi/proto/language_grpc_pb";
import { GetRequiredPluginsResponse, RunResponse, type RunRequest } from "@pulumi/pulumi/proto/language_pb";
import { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";

// The gRPC and YAML runtimes the SDK itself uses, so that the generated service matches the server.
const sdkRequire = createRequire(require.resolve("@pulumi/pulumi"));
const grpc = sdkRequire("@grpc/grpc-js") as typeof import("@grpc/grpc-js");
const yaml = sdkRequire("js-yaml") as { load(text: string): unknown };

/** cmd/run's exit code after it has reported the error itself: the CLI is to bail, saying no more. */
const ALREADY_REPORTED = 32;

export interface LanguageHost {
    /** For the CLI's `--client` option. */
    address: string;
    /** What the programs printed (stdout and stderr) since the last call. */
    takeOutput(): string;
    /** Kills a program still running, and stops serving. */
    stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
// The programs run in this process's group; whatever way it ends, none outlives it.
process.once("exit", () => running.forEach((child) => child.kill("SIGKILL")));

/**
 * The project's runtime options, from its Pulumi.yaml. In `--client` mode the CLI sends the
 * options of its "client" runtime (the address) instead of the project's own, which the real host
 * is given.
 */
function runtimeOptions(rootDirectory: string): Record<string, unknown> {
    const project = yaml.load(fs.readFileSync(path.join(rootDirectory, "Pulumi.yaml"), "utf8")) as { runtime?: string | { options?: Record<string, unknown> } };
    return typeof project.runtime === "object" ? (project.runtime.options ?? {}) : {};
}

/** The arguments pulumi-language-nodejs gives cmd/run: each flag only when it has a value. */
function runArguments(request: RunRequest, runPath: string): string[] {
    const info = request.getInfo()!;
    const flag = (name: string, value: string) => (value === "" ? [] : [`--${name}`, value]);
    return [
        runPath,
        ...flag("monitor", request.getMonitorAddress()),
        // In `--client` mode the engine's address comes as the request's first argument (the real
        // host gets it as its own command-line argument), as the Automation API's server reads it.
        ...flag("engine", request.getArgsList()[0] ?? ""),
        ...flag("organization", request.getOrganization()),
        ...flag("project", request.getProject()),
        ...flag("root-directory", info.getRootDirectory()),
        ...flag("stack", request.getStack()),
        ...flag("pwd", info.getProgramDirectory()),
        ...(request.getDryrun() ? ["--dry-run"] : []),
        ...flag("parallel", String(request.getParallel())),
        info.getEntryPoint(),
    ];
}

/** The program's environment: the CLI's (`env`), the stack's config, and the TypeScript switch. */
function runEnvironment(request: RunRequest, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    // The real host hands config keys over in their old form, `<namespace>:config:<name>`.
    const config = Object.fromEntries(request.getConfigMap().toArray().map(([key, value]) => [key.replace(/^([^:]+):(?!config:)/, "$1:config:"), value]));
    const options = runtimeOptions(request.getInfo()!.getRootDirectory());
    return {
        ...env,
        PULUMI_CONFIG: JSON.stringify(config),
        PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(request.getConfigsecretkeysList()),
        // TypeScript is on unless the project turns it off; type checking is then ts-node's default.
        ...(options.typescript === false ? {} : { PULUMI_NODEJS_TYPESCRIPT: "true" }),
        ...(typeof options.tsconfig === "string" ? { PULUMI_NODEJS_TSCONFIG_PATH: options.tsconfig } : {}),
    };
}

/**
 * Serves the LanguageRuntime service on a loopback port. `env` is the environment the CLI runs
 * with, which the real host, started by the CLI, would pass on to the program.
 */
export async function startLanguageHost(env: NodeJS.ProcessEnv): Promise<LanguageHost> {
    let output = "";
    const implementation: Pick<ILanguageRuntimeServer, "getRequiredPlugins" | "getPluginInfo" | "run"> = {
        getRequiredPlugins(_call, callback) {
            callback(null, new GetRequiredPluginsResponse().setPluginsList([]));
        },
        // The real host answers with its own version, the release it belongs to.
        getPluginInfo(_call, callback) {
            callback(null, new PluginInfo().setVersion(sdkRequire("@pulumi/pulumi/package.json").version));
        },
        run(call, callback) {
            const request = call.request;
            const info = request.getInfo();
            if (info === undefined) {
                callback(null, new RunResponse().setError("the RunRequest has no program info"));
                return;
            }
            let runPath: string;
            try {
                // The program's own SDK, as the real host finds it.
                runPath = require.resolve("@pulumi/pulumi/cmd/run", { paths: [info.getProgramDirectory()] });
            } catch {
                callback(null, new RunResponse().setError("It looks like the Pulumi SDK has not been installed. Have you run pulumi install?"));
                return;
            }
            // `node` from the CLI's PATH, as the real host looks it up.
            const child = spawn("node", runArguments(request, runPath), {
                cwd: info.getProgramDirectory(),
                env: runEnvironment(request, env),
                stdio: ["ignore", "pipe", "pipe"],
            });
            running.add(child);
            child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
            child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
            // A CLI that goes away cancels the call; its program goes with it.
            call.on("cancelled", () => child.kill("SIGKILL"));
            let answered = false;
            const answer = (response: RunResponse) => {
                running.delete(child);
                if (!answered) {
                    answered = true;
                    callback(null, response);
                }
            };
            child.once("error", (error) => answer(new RunResponse().setError(`Problem executing program (could not run language executor): ${error.message}`)));
            child.once("close", (code, signal) => {
                if (code === 0) {
                    answer(new RunResponse());
                } else if (code === ALREADY_REPORTED) {
                    answer(new RunResponse().setBail(true));
                } else {
                    answer(new RunResponse().setError(code === null ? `Program exited on ${signal}` : `Program exited with non-zero exit code: ${code}`));
                }
            });
        },
    };

    const server = new grpc.Server();
    server.addService(LanguageRuntimeService, implementation);
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    return {
        address: `127.0.0.1:${port}`,
        takeOutput() {
            const taken = output;
            output = "";
            return taken;
        },
        async stop() {
            await Promise.all(
                [...running].map(async (child) => {
                    const gone = new Promise((resolve) => child.once("close", resolve));
                    child.kill("SIGKILL");
                    await gone;
                }),
            );
            server.forceShutdown();
        },
    };
}

export interface CliRun {
    status: number | null;
    /** What the CLI printed, then what the programs it ran printed. */
    output: string;
}

/**
 * Runs the CLI in `projectDir` with `env`, without blocking: the language host it calls back
 * (`--client=<host.address>` among `args`) serves from this process.
 */
export function pulumiWithHost(host: LanguageHost, projectDir: string, env: NodeJS.ProcessEnv, args: string[]): Promise<CliRun> {
    const child = spawn("pulumi", [...args, "--cwd", projectDir, "--non-interactive"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    return new Promise((resolve, reject) => {
        child.once("error", reject);
        child.once("close", (status) => resolve({ status, output: output + host.takeOutput() }));
    });
}
