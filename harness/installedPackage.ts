// The package as a user's program loads it: the packed tarball, installed into the program
// this code runs in (scripts/setup/program.sh copies the tests there). Inside this repository a plain
// `import "pulumi-cognito-mfa"` would resolve to the repository itself (package self-reference),
// which users never do, so the program's node_modules is named explicitly.

import * as fs from "node:fs";
import * as path from "node:path";

type Package = typeof import("pulumi-cognito-mfa");

const programRoot = path.resolve(__dirname, "..");
const installed = path.join(programRoot, "node_modules/pulumi-cognito-mfa");
// In the repository itself that name is a link to the repository (its devDependency `file:.`).
if (!fs.existsSync(installed) || fs.realpathSync(installed) === fs.realpathSync(programRoot)) {
    throw new Error(`${installed} is not the packed package installed: run this suite in a program made by scripts/setup/program.sh (npm test does)`);
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const installedPackage = require(installed) as Package;

/** The project's commands end as the provider does when their output is closed (`| head`). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { exitOnBrokenPipe } = require(path.join(installed, "dist/provider/process/brokenPipe.js")) as typeof import("../provider/process/brokenPipe");

/** Where the package is installed: its policy pack is `policy-pack/` there, as a user's is. */
export const installedPackageDir = installed;

/** The installed package's time between progress lines. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { PROGRESS_INTERVAL_MS } = require(path.join(installed, "dist/provider/process/progressLines.js")) as typeof import("../provider/process/progressLines");
