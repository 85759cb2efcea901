#!/usr/bin/env bash
# The strict Cognito for test code that is not Node.js (the Go and Python suites of the native
# provider): `bash harness/strictCognito/serve.sh --upstream http://127.0.0.1:MOTO_PORT`. It prints
# "listening PORT", and ends when its standard input closes. Node.js from PATH, ts-node from the
# checkout's node_modules.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec node -r "$here/../../node_modules/ts-node/register/transpile-only" "$here/main.ts" "$@"
