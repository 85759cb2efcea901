#!/usr/bin/env bash
# The strict Cognito for test code that is not Node.js (the Go and Python suites of the native
# provider): `bash harness/strictCognito/serve.sh --upstream http://127.0.0.1:MOTO_PORT`. It prints
# "listening PORT", and ends when its standard input closes. Node.js from PATH, ts-node from the
# checkout's node_modules, with no tsconfig.json of wherever it is started from.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export TS_NODE_SKIP_PROJECT=true TS_NODE_COMPILER_OPTIONS='{"module":"commonjs"}'
exec node -r "$here/../../node_modules/ts-node/register/transpile-only" "$here/main.ts" "$@"
