#!/usr/bin/env bash
# Installs the build into this repository's own node_modules as a real copy, as npm installs it
# for users (not a link): programs, tests and the benchmark then load and serialize the package
# exactly as a user's program does (see provider/resource.ts on why that matters).
set -euo pipefail
cd "$(dirname "$0")/.."
target=node_modules/pulumi-cognito-mfa
rm -rf "$target"
mkdir -p "$target"
cp package.json README.md "$target/"
cp -r dist "$target/dist"
