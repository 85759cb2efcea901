// Where a Pulumi YAML program of the pool resource holds its users (`npm run bench:yaml-forms --
// --n 1000,2000,4000 --runs 3`): written in the program as a map, or in the stack's config as a
// value of type object (scan --format stack-config; examples/pool-yaml). For each N and form, the
// CLI previews the set's creation R times, which calls no Cognito: what differs is the YAML language
// host's work before it registers the resource. Prints medians of the wall time and of each
// process's CPU time (the YAML host, the CLI, the plugin), and the YAML host's peak memory.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { isNativePlugin, isPulumiCli, isYamlHost } from "../../harness/processes";
import { freshProjectDir, pulumiEnv } from "../../harness/pulumi";
import { yamlSetProgram, type YamlUsersForm } from "./benchPrograms";
import { median } from "./median";
import { option } from "./options";
import { cpuSeconds, peakMb, watchedCli } from "./watchedCli";

const POOL = "eu-west-1_BenchYaml";
const STACK = "test";

interface Measured {
    seconds: number;
    hostCpuSeconds: number;
    cliCpuSeconds: number;
    pluginCpuSeconds: number;
    hostPeakMb: number;
}

async function preview(dir: string, env: NodeJS.ProcessEnv): Promise<Measured> {
    const args = ["preview", "--stack", STACK, "--non-interactive"];
    const { seconds, output, processes } = await watchedCli(args, dir, env, (info) => isPulumiCli(info) || isYamlHost(info) || isNativePlugin(info));
    if (!/\+ 2 to create/.test(output)) {
        throw new Error(`pulumi ${args.join(" ")} did not preview the set's create:\n${output.slice(-3000)}`);
    }
    const hosts = processes.filter(isYamlHost);
    return {
        seconds,
        hostCpuSeconds: cpuSeconds(hosts),
        cliCpuSeconds: cpuSeconds(processes.filter(isPulumiCli)),
        pluginCpuSeconds: cpuSeconds(processes.filter(isNativePlugin)),
        hostPeakMb: peakMb(hosts),
    };
}

async function main(): Promise<void> {
    const sizes = option("n", "1000,2000,4000").split(",").map(Number);
    const forms = option("forms", "literal,config").split(",") as YamlUsersForm[];
    const runs = Number(option("runs", "3"));
    const rows: string[] = [];
    for (const n of sizes) {
        const usernames = Array.from({ length: n }, (_, index) => `user-${String(index).padStart(6, "0")}`);
        for (const form of forms) {
            const name = `bench-yaml-${form}-${n}`;
            const { dir, backendUrl } = freshProjectDir(name);
            const env = { ...process.env, ...pulumiEnv(dir, {}) };
            const files = yamlSetProgram({ kind: "native-set", userPoolId: POOL, usernames, preferred: true, awsCli: "aws" }, name, STACK, backendUrl, form);
            const write = (file: string) => fs.writeFileSync(path.join(dir, file), files[file]);
            write("Pulumi.yaml");
            spawnSync("pulumi", ["stack", "init", STACK, "--non-interactive"], { cwd: dir, env, stdio: "inherit" });
            // The stack's config file after the stack: `stack init` writes one of its own.
            Object.keys(files).filter((file) => file !== "Pulumi.yaml").forEach(write);
            spawnSync("pulumi", ["plugin", "install", "resource", "cognito-mfa", process.env.PACKAGE_VERSION!, "--file", process.env.NATIVE_PLUGIN_TARBALL!], { cwd: dir, env, stdio: "inherit" });
            const measured: Measured[] = [];
            for (let run = 0; run < runs; run += 1) {
                measured.push(await preview(dir, env));
                console.error(`${form} ${n}, run ${run + 1}: ${measured.at(-1)!.seconds.toFixed(1)} s, YAML host ${measured.at(-1)!.hostCpuSeconds.toFixed(1)} s of CPU`);
            }
            const m = (key: keyof Measured) => median(measured.map((value) => value[key]));
            rows.push(
                `| ${form} | ${n.toLocaleString("en-US")} | ${m("seconds").toFixed(1)} | ${m("hostCpuSeconds").toFixed(1)} | ${m("cliCpuSeconds").toFixed(1)} | ${m("pluginCpuSeconds").toFixed(1)} | ${m("hostPeakMb").toFixed(0)} |`,
            );
        }
    }
    console.log(`\nPreview of a UserMfaPreferenceSet's create from Pulumi YAML, CLI ${process.env.PULUMI_CLI_VERSION ?? "on PATH"}, medians of ${runs} runs:\n`);
    console.log("| users written | users | seconds | YAML host CPU s | CLI CPU s | plugin CPU s | YAML host peak MB |");
    console.log("|---|---:|---:|---:|---:|---:|---:|");
    console.log(rows.join("\n"));
}

main().catch((error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
});
