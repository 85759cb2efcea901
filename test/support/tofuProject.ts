// A Terraform configuration run by the real OpenTofu CLI (scripts/setup/tofu.sh builds it) with
// the provider installed as an offline user installs it: its release zip in a filesystem mirror,
// found through a CLI configuration file, with no Node.js on PATH (the executable needs none).

import { execFileSync, spawn } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { pathWithoutNode } from "./yamlProject";

const PROJECT_ROOT = path.resolve(__dirname, "../..");
const PACKAGE_VERSION = (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { version: string }).version;
/** This machine's Terraform platform: linux_amd64 and the like. */
export const TERRAFORM_PLATFORM = `${process.platform === "win32" ? "windows" : process.platform}_${process.arch === "x64" ? "amd64" : process.arch}`;
/** This machine's release zip (scripts/run/release.sh), or TERRAFORM_PROVIDER_ZIP (a copy the benchmark runs from). */
export const PROVIDER_ZIP =
    process.env.TERRAFORM_PROVIDER_ZIP ?? path.join(PROJECT_ROOT, "build", "release", `terraform-provider-cognitomfa_${PACKAGE_VERSION}_${TERRAFORM_PLATFORM}.zip`);
/** The provider's version, as its zip is named. */
export const PROVIDER_VERSION = path.basename(PROVIDER_ZIP).split("_")[1];
/** The source address a configuration names; OpenTofu reads it on its own registry's host. */
export const PROVIDER_SOURCE = "pulumi-cognito-mfa/cognitomfa";
export const MIRROR_HOSTS = ["registry.opentofu.org", "registry.terraform.io"];

/**
 * The CLI: `tofu` (the test command's, built by scripts/setup/tofu.sh), or, with TERRAFORM_CLI=terraform,
 * a `terraform` found in TOFU_BIN, for a developer who has one (the module proxy cannot build it).
 */
export const CLI = process.env.TERRAFORM_CLI ?? "tofu";
/** The registry host a source address without one means to this CLI. */
export const DEFAULT_HOST = CLI === "tofu" ? "registry.opentofu.org" : "registry.terraform.io";

/** The directory holding the CLI: TOFU_BIN (the test command's), else made by the setup script. */
export function tofuBin(): string {
    if (process.env.TOFU_BIN) {
        return process.env.TOFU_BIN;
    }
    return execFileSync("bash", [path.join(PROJECT_ROOT, "scripts", "setup", "tofu.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
}

export interface Result {
    status: number;
    output: string;
}

export interface TofuProject {
    dir: string;
    env: NodeJS.ProcessEnv;
    /**
     * Runs `tofu ARGS` (or `terraform ARGS`) in the project, with no colour and no prompt. Asynchronously: a proxy or
     * emulator in the test's own process must go on answering the provider meanwhile.
     */
    run(...args: string[]): Promise<Result>;
    /** Runs it and fails the test unless it exits 0. */
    ok(...args: string[]): Promise<string>;
    write(file: string, text: string): void;
}

/**
 * A fresh project in DIR: a filesystem mirror holding the release zip for both registries' hosts,
 * a CLI configuration that installs from it alone, and ENVIRONMENT (the emulator's) on a PATH
 * where `tofu` is first and Node.js is not.
 */
export function tofuProject(dir: string, environment: Record<string, string>): TofuProject {
    fs.rmSync(dir, { recursive: true, force: true });
    const mirror = path.join(dir, ".mirror");
    for (const host of MIRROR_HOSTS) {
        const target = path.join(mirror, host, PROVIDER_SOURCE);
        fs.mkdirSync(target, { recursive: true });
        fs.copyFileSync(PROVIDER_ZIP, path.join(target, path.basename(PROVIDER_ZIP)));
    }
    const cliConfig = path.join(dir, ".tofurc");
    fs.writeFileSync(cliConfig, `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror)}\n  }\n}\n`);
    const searchPath = (process.env.PATH ?? "").split(path.delimiter).filter((entry) => entry !== "");
    const env: NodeJS.ProcessEnv = {
        HOME: process.env.HOME,
        TMPDIR: process.env.TMPDIR,
        // A developer's log of the CLI and the provider, when asked for.
        ...(process.env.TF_LOG === undefined ? {} : { TF_LOG: process.env.TF_LOG, TF_LOG_PATH: process.env.TF_LOG_PATH }),
        ...environment,
        TF_CLI_CONFIG_FILE: cliConfig,
        TF_IN_AUTOMATION: "1",
        CHECKPOINT_DISABLE: "1",
        PATH: [tofuBin(), ...pathWithoutNode(searchPath, path.join(dir, ".path"))].join(path.delimiter),
    };
    const run = (...args: string[]): Promise<Result> => {
        const flags = ["init", "apply", "plan", "destroy", "import", "refresh"].includes(args[0]) ? ["-no-color", "-input=false"] : [];
        const child = spawn(CLI, [args[0], ...flags, ...args.slice(1)], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
        let output = "";
        child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
        child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
        return new Promise((resolve, reject) => {
            child.once("error", reject);
            child.once("close", (status) => resolve({ status: status ?? -1, output }));
        });
    };
    return {
        dir,
        env,
        run,
        async ok(...args) {
            const result = await run(...args);
            if (result.status !== 0) {
                throw new Error(`tofu ${args.join(" ")} exited ${result.status}:\n${result.output}`);
            }
            return result.output;
        },
        write(file, text) {
            fs.writeFileSync(path.join(dir, file), text);
        },
    };
}

/**
 * The `h1:` hash Terraform and OpenTofu record for a provider package (Go's dirhash Hash1 of the
 * zip's files): SHA-256 over the sorted lines "<sha256 hex>  <name>\n", in base64.
 */
export function h1Hash(zip: string): string {
    const names = execFileSync("unzip", ["-Z1", zip], { encoding: "utf8" }).trim().split("\n").filter((name) => !name.endsWith("/")).sort();
    const summary = names
        .map((name) => `${crypto.createHash("sha256").update(execFileSync("unzip", ["-p", zip, name], { maxBuffer: 1 << 30 })).digest("hex")}  ${name}\n`)
        .join("");
    return `h1:${crypto.createHash("sha256").update(summary).digest("base64")}`;
}
