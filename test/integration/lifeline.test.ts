// The dynamic provider host of @pulumi/pulumi, run for real, ends when its engine is gone once it
// has loaded this package (provider/process/lifeline.ts), and never while its engine lives. The engine
// here is a loopback HTTP/2 server at the address the host is given, as the CLI's gRPC server
// is; requests reach the host over gRPC, as the CLI sends them.

import * as assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as http2 from "node:http2";
import { createRequire } from "node:module";
import * as path from "node:path";

const PROJECT_ROOT = path.resolve(__dirname, "../..");
const HOST = require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js");
const IMPLEMENTATION = path.join(PROJECT_ROOT, "provider/implementation.ts");
// The gRPC and protobuf runtimes the SDK itself uses, so the generated stubs below match them.
const sdkRequire = createRequire(require.resolve("@pulumi/pulumi"));
const grpc = sdkRequire("@grpc/grpc-js") as typeof import("@grpc/grpc-js");
const { Struct } = sdkRequire("google-protobuf/google/protobuf/struct_pb");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ResourceProviderClient } = require("@pulumi/pulumi/proto/provider_grpc_pb");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CheckRequest, ConfigureRequest } = require("@pulumi/pulumi/proto/provider_pb");

/**
 * What `__provider` holds: this package's provider, or another dynamic provider. Either may also
 * write to stderr on SIGUSR2, as Node.js does to print a process warning (the AWS SDK emits one).
 */
const OURS = `exports.handler = function () { return require(${JSON.stringify(IMPLEMENTATION)}).provider; };`;
const ANOTHER = "exports.handler = function () { return { check: async (olds, news) => ({ inputs: news }) }; };";
const writeOnSignal = (text: string) => text.replace("exports.handler = function () {", 'exports.handler = function () { process.on("SIGUSR2", () => process.stderr.write("Warning: something\\n"));');

interface Engine {
    address: string;
    /** Ends every connection but keeps listening, as a live engine may. */
    dropConnections(): void;
    /** Goes away, as a killed CLI does. */
    close(): Promise<void>;
}

async function startEngine(): Promise<Engine> {
    const server = http2.createServer();
    const sessions = new Set<http2.ServerHttp2Session>();
    server.on("session", (session) => {
        sessions.add(session);
        session.on("close", () => sessions.delete(session));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const dropConnections = () => sessions.forEach((session) => session.destroy());
    return {
        address: `127.0.0.1:${(server.address() as { port: number }).port}`,
        dropConnections,
        close: () => new Promise<void>((resolve) => (server.close(() => resolve()), dropConnections())),
    };
}

interface Host {
    child: ChildProcess;
    port: number;
    exited: Promise<number | null>;
    stderr(): string;
}

/** The host as the CLI's launcher starts it (the test's TypeScript loader added), with its port. */
async function startHost(engineAddress: string): Promise<Host> {
    return startPlugin(process.execPath, ["-r", "ts-node/register/transpile-only", HOST, engineAddress]);
}

/** A plugin process, started as the CLI starts plugins, once it has printed its port. */
async function startPlugin(command: string, args: string[]): Promise<Host> {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const port = await new Promise<number>((resolve, reject) => {
        child.stdout!.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
        exited.then((code) => reject(new Error(`${command} exited (${code}): ${stderr}`)));
    });
    return { child, port, exited, stderr: () => stderr };
}

/** Configure, then Check, which makes the host load the provider that `__provider` names. */
async function check(host: Host, providerText: string): Promise<void> {
    const client = new ResourceProviderClient(`127.0.0.1:${host.port}`, grpc.credentials.createInsecure());
    const call = (method: string, request: unknown) =>
        new Promise((resolve, reject) => client[method](request, (error: Error | null) => (error ? reject(error) : resolve(undefined))));
    const configure = new ConfigureRequest();
    configure.setArgs(Struct.fromJavaScript({}));
    const request = new CheckRequest();
    request.setUrn("urn:pulumi:test::test::pulumi-nodejs:dynamic/cognito:UserMfaPreference::alice");
    request.setOlds(Struct.fromJavaScript({}));
    request.setNews(Struct.fromJavaScript({ __provider: providerText, userPoolId: "us-east-1_abcdef", username: "alice" }));
    try {
        await call("configure", configure);
        await call("check", request);
    } finally {
        client.close();
    }
}

/** CPU seconds the process has used (user and system). */
function cpuSeconds(pid: number): number {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Closes the reader of the host's stderr, then makes the host write to it. */
async function breakStderrThenWrite(host: Host): Promise<void> {
    host.child.stderr!.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    host.child.kill("SIGUSR2");
}

/** What a live engine may do: end every connection, five times over a second. */
async function dropConnectionsRepeatedly(engine: Engine): Promise<void> {
    for (let drop = 0; drop < 5; drop++) {
        engine.dropConnections();
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
}

/** The exit code, or "running" if the host still runs after MS. */
const within = (host: Host, ms: number) => Promise.race([host.exited, new Promise<string>((resolve) => setTimeout(() => resolve("running"), ms))]);

describe("the dynamic provider host's lifeline", function () {
    this.timeout(30_000);
    const hosts: Host[] = [];
    const started = async (engine: Engine) => {
        const host = await startHost(engine.address);
        hosts.push(host);
        return host;
    };

    afterEach(() => hosts.splice(0).forEach((host) => host.child.kill("SIGKILL")));

    it("ends the host, quietly, within a second of its engine going away, once it has loaded this package", async () => {
        const engine = await startEngine();
        const host = await started(engine);
        await check(host, OURS);
        const goneAt = Date.now();
        await engine.close();
        assert.equal(await within(host, 3_000), 0);
        assert.ok(Date.now() - goneAt < 1_000, `took ${Date.now() - goneAt} ms`);
        assert.equal(host.stderr(), "");
    });

    it("is this package's doing: a host that has not loaded it outlives its engine (upstream's behaviour)", async () => {
        const engine = await startEngine();
        const host = await started(engine);
        await check(host, ANOTHER);
        await engine.close();
        assert.equal(await within(host, 2_000), "running");
    });

    it("keeps serving an engine that is alive, whatever becomes of one connection", async () => {
        const engine = await startEngine();
        const host = await started(engine);
        await check(host, OURS);
        await dropConnectionsRepeatedly(engine);
        assert.equal(await within(host, 1_000), "running");
        await check(host, OURS);
        await engine.close();
        assert.equal(await within(host, 3_000), 0);
    });

    it("ends on a broken stderr, where upstream's host logs EPIPE errors in a loop", async () => {
        const engine = await startEngine();
        const host = await started(engine);
        await check(host, writeOnSignal(OURS));
        await breakStderrThenWrite(host);
        assert.equal(await within(host, 3_000), 0);
        await engine.close();
    });

    it("is this package's doing: a host that has not loaded it spins on a broken stderr (upstream's behaviour)", async () => {
        const engine = await startEngine();
        const host = await started(engine);
        await check(host, writeOnSignal(ANOTHER));
        const before = cpuSeconds(host.child.pid!);
        await breakStderrThenWrite(host);
        assert.equal(await within(host, 1_000), "running");
        const spent = cpuSeconds(host.child.pid!) - before;
        assert.ok(spent > 0.25, `the host used ${spent} s of CPU in a second`);
        await engine.close();
    });
});

describe("the native plugin's lifeline", function () {
    this.timeout(30_000);
    // As `pulumi plugin install` unpacks it (scripts/setup/build-native.sh, run first by the test command).
    const PLUGIN = path.join(PROJECT_ROOT, "build/plugin/pulumi-resource-cognito-mfa");
    const plugins: Host[] = [];
    const started = async (engine: Engine) => {
        const plugin = await startPlugin(PLUGIN, [engine.address]);
        plugins.push(plugin);
        return plugin;
    };

    afterEach(() => plugins.splice(0).forEach((plugin) => plugin.child.kill("SIGKILL")));

    it("ends the plugin, quietly, within a second of its engine going away", async () => {
        const engine = await startEngine();
        const plugin = await started(engine);
        await new Promise((resolve) => setTimeout(resolve, 500));
        const goneAt = Date.now();
        await engine.close();
        assert.equal(await within(plugin, 3_000), 0);
        assert.ok(Date.now() - goneAt < 1_000, `took ${Date.now() - goneAt} ms`);
        assert.equal(plugin.stderr(), "");
    });

    it("keeps the plugin running while its engine lives, whatever becomes of one connection", async () => {
        const engine = await startEngine();
        const plugin = await started(engine);
        await dropConnectionsRepeatedly(engine);
        assert.equal(await within(plugin, 1_000), "running");
        await engine.close();
        assert.equal(await within(plugin, 3_000), 0);
    });
});
