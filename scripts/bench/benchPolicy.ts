// The policy pack's cost (`npm run bench:policy -- --n 1000,10000 --resources set,user --runs 3`):
// for each N, a Pulumi YAML program of N users through the native plugin, either one
// UserMfaPreferenceSet (`set`) or N UserMfaPreference resources (`user`), one user in ten on SMS
// alone (an advisory violation). The CLI previews its creation R times without the pack and R
// times with it (`--policy-pack node_modules/pulumi-cognito-mfa/policy-pack`), interleaved. A
// create's preview calls no Cognito, so the difference is the pack's: its start, the engine
// sending it every resource, the rules, and the violations printed. Prints medians, their ratio,
// and the peak memory of the CLI and of the pack's process.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { installedPackageDir } from "../../harness/installedPackage";
import { isPulumiCli, type ProcessInfo } from "../../harness/processes";
import { freshProjectDir, pulumiEnv } from "../../harness/pulumi";
import { median } from "./median";
import { option } from "./options";
import { peakMb, watchedCli } from "./watchedCli";

const PACK = path.join(installedPackageDir, "policy-pack");
const POOL = "eu-west-1_BenchPol";
const isPack = (info: ProcessInfo) => info.command.includes("run-policy-pack");

type Resources = "set" | "user";

function factors(index: number): object {
    return index % 10 === 0 ? { smsMfa: { enabled: true, preferred: true } } : { smsMfa: { enabled: true }, softwareTokenMfa: { enabled: true, preferred: true } };
}

function program(resources: Resources, n: number): string {
    const usernames = Array.from({ length: n }, (_, index) => `user-${String(index).padStart(6, "0")}`);
    const lines = ["name: bench-policy", "runtime: yaml", "resources:"];
    if (resources === "set") {
        const users = Object.fromEntries(usernames.map((username, index) => [username, factors(index)]));
        lines.push("  pool:", "    type: cognito-mfa:index:UserMfaPreferenceSet", `    properties: ${JSON.stringify({ userPoolId: POOL, users })}`);
    } else {
        usernames.forEach((username, index) => {
            lines.push(`  ${username}:`, "    type: cognito-mfa:index:UserMfaPreference", `    properties: ${JSON.stringify({ userPoolId: POOL, username, ...factors(index) })}`);
        });
    }
    return `${lines.join("\n")}\n`;
}

interface Measured {
    seconds: number;
    cliPeakMb: number;
    packPeakMb: number;
    advisories: number;
}

async function preview(dir: string, env: NodeJS.ProcessEnv, withPack: boolean): Promise<Measured> {
    const args = ["preview", "--stack", "test", "--non-interactive", ...(withPack ? ["--policy-pack", PACK] : [])];
    const { seconds, output, processes } = await watchedCli(args, dir, env, (info) => isPulumiCli(info) || isPack(info));
    return { seconds, cliPeakMb: peakMb(processes.filter(isPulumiCli)), packPeakMb: peakMb(processes.filter(isPack)), advisories: (output.match(/\[advisory\]/g) ?? []).length };
}

async function main(): Promise<void> {
    const sizes = option("n", "1000,10000").split(",").map(Number);
    const kinds = option("resources", "set,user").split(",") as Resources[];
    const runs = Number(option("runs", "3"));
    const rows: string[] = [];
    for (const resources of kinds) {
        for (const n of sizes) {
            const { dir, backendUrl } = freshProjectDir(`bench-policy-${resources}-${n}`);
            const env = { ...process.env, ...pulumiEnv(dir, {}), PULUMI_BACKEND_URL: backendUrl };
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), program(resources, n));
            spawnSync("pulumi", ["stack", "init", "test", "--non-interactive"], { cwd: dir, env, stdio: "inherit" });
            spawnSync("pulumi", ["plugin", "install", "resource", "cognito-mfa", process.env.PACKAGE_VERSION!, "--file", process.env.NATIVE_PLUGIN_TARBALL!], { cwd: dir, env, stdio: "inherit" });
            const without: Measured[] = [];
            const withPack: Measured[] = [];
            for (let run = 0; run < runs; run += 1) {
                without.push(await preview(dir, env, false));
                withPack.push(await preview(dir, env, true));
                console.error(`${resources} ${n}, run ${run + 1}: ${without.at(-1)!.seconds.toFixed(1)} s without the pack, ${withPack.at(-1)!.seconds.toFixed(1)} s with it`);
            }
            const m = (values: Measured[], key: keyof Measured) => median(values.map((value) => value[key]));
            rows.push(
                `| ${resources} | ${n.toLocaleString("en-US")} | ${m(without, "seconds").toFixed(1)} | ${m(withPack, "seconds").toFixed(1)} | ${(m(withPack, "seconds") / m(without, "seconds")).toFixed(2)}x | ${m(without, "cliPeakMb").toFixed(0)} / ${m(withPack, "cliPeakMb").toFixed(0)} | ${m(withPack, "packPeakMb").toFixed(0)} | ${m(withPack, "advisories")} |`,
            );
        }
    }
    console.log(`\nPreview of a create, CLI ${process.env.PULUMI_CLI_VERSION ?? "on PATH"}, medians of ${runs} runs (seconds, MB):\n`);
    console.log("| resources | users | without the pack | with it | ratio | CLI peak without / with | pack peak | advisories printed |");
    console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
    console.log(rows.join("\n"));
}

main().catch((error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
});
