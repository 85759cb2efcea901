// What the YAML leg's suites share: the plugin archive they install, the YAML language host, and
// a PATH without Node.js (the standalone plugin and a YAML program need none).

import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { pulumiEnv } from "../../harness/pulumi";

const PROJECT_ROOT = path.resolve(__dirname, "../..");

export const PLUGIN_VERSION =
    process.env.PACKAGE_VERSION ?? (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { version: string }).version;
const PLATFORM = `${process.platform}-${process.arch === "x64" ? "amd64" : process.arch}`;
/** The standalone plugin's archive for this machine: from the environment, else this checkout's build/release/. */
export const PLUGIN_ARCHIVE =
    process.env.NATIVE_PLUGIN_ARCHIVE ?? path.join(PROJECT_ROOT, "build", "release", `pulumi-resource-cognito-mfa-v${PLUGIN_VERSION}-${PLATFORM}.tar.gz`);

/** The YAML language host's directory: from the environment (scripts/run/test.sh), else built once. */
export function yamlHostBin(): string {
    if (process.env.PULUMI_YAML_BIN) {
        return process.env.PULUMI_YAML_BIN;
    }
    return execFileSync("bash", [path.join(PROJECT_ROOT, "scripts", "setup", "yaml.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
}

/**
 * PATH without Node.js: each directory that holds `node` is replaced by one of links to all it
 * holds but `node` and `nodejs` (under `shadowRoot`), so the rest of the system stays.
 */
export function pathWithoutNode(dirs: string[], shadowRoot: string): string[] {
    return dirs.map((dir, index) => {
        if (!["node", "nodejs"].some((name) => fs.existsSync(path.join(dir, name)))) {
            return dir;
        }
        const shadow = path.join(shadowRoot, String(index));
        fs.mkdirSync(shadow, { recursive: true });
        for (const name of fs.readdirSync(dir)) {
            if (name !== "node" && name !== "nodejs") {
                fs.symlinkSync(path.join(dir, name), path.join(shadow, name));
            }
        }
        return shadow;
    });
}

/**
 * A fresh YAML project directory DIR (state in DIR/state) and the environment its CLI runs with:
 * the emulator's, a file backend, the YAML language host first on PATH, no Node.js, and no plugin
 * found on PATH (one there would be used instead of the installed one).
 */
export function freshYamlProject(dir: string, emulatorEnv: Record<string, string>, yamlBin: string): NodeJS.ProcessEnv {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(`${dir}-path`, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, "state"), { recursive: true });
    const searchPath = (process.env.PATH ?? "").split(path.delimiter).filter((entry) => entry !== "" && !fs.existsSync(path.join(entry, "pulumi-resource-cognito-mfa")));
    return {
        ...process.env,
        ...pulumiEnv(dir, emulatorEnv),
        PULUMI_BACKEND_URL: `file://${path.join(dir, "state")}`,
        PATH: [yamlBin, ...pathWithoutNode(searchPath, `${dir}-path`)].join(path.delimiter),
    };
}
