// How the CLI under test is handed a policy pack directory (docs/mfa-rules.md, "The CLI it
// needs"). A CLI with the Node.js language host, as every upstream release has, takes the
// directory. The CLIs built here have none. 3.248 falls back to the `pulumi-analyzer-policy-nodejs`
// launcher that scripts/setup/pulumi.sh installs beside it, and takes the directory too. 3.276 has
// no such fallback, but takes an executable analyzer instead (`--policy-pack <file>`, started in the
// program's directory with the engine's address alone): for it, a script that runs the directory
// through that same launcher, as 3.248 would.

import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** The first CLI release known here to have no fallback to the launcher (3.248 has it). */
const NO_FALLBACK_FROM = [3, 276, 0];

function cliHasFallback(): boolean {
    const version = execFileSync("pulumi", ["version"], { encoding: "utf8" }).trim().replace(/^v/, "").split(/[.-]/).map(Number);
    for (let index = 0; index < NO_FALLBACK_FROM.length; index += 1) {
        if (version[index] !== NO_FALLBACK_FROM[index]) {
            return version[index] < NO_FALLBACK_FROM[index];
        }
    }
    return false;
}

/** What to pass to `--policy-pack` for the pack in `packDir`; a script, when one is needed, is written into `scratchDir`. */
export function policyPackArgument(packDir: string, scratchDir: string): string {
    if (cliHasFallback()) {
        return packDir;
    }
    const script = path.join(scratchDir, "policy-pack-analyzer");
    fs.writeFileSync(script, `#!/bin/sh\ncd '${packDir.replace(/'/g, "'\\''")}' && exec pulumi-analyzer-policy-nodejs "$@" .\n`, { mode: 0o755 });
    return script;
}
