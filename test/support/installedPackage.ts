// The package as a user's program loads it: the copy installed under node_modules (see
// scripts/install-build.sh). A plain `import "pulumi-cognito-mfa"` from inside this repository
// resolves to the repository itself (package self-reference), which users never do.

import * as path from "node:path";

type Package = typeof import("pulumi-cognito-mfa");

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const installedPackage = require(path.resolve(__dirname, "../../node_modules/pulumi-cognito-mfa")) as Package;
