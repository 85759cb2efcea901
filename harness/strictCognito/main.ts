// The strict Cognito as a process of its own, like moto's server:
//   node -r ts-node/register/transpile-only harness/strictCognito/main.ts --upstream URL [--port N]
// It prints "listening PORT" once it answers, and ends when its standard input closes: its caller
// is gone (however it ended), so no layer outlives the tests that started it.

import { parseArgs } from "node:util";
import { startStrictServer } from "./server";

async function main(): Promise<void> {
    const { values } = parseArgs({ options: { upstream: { type: "string" }, port: { type: "string", default: "0" } } });
    if (values.upstream === undefined) {
        process.stderr.write("usage: strictCognito/main.ts --upstream http://127.0.0.1:MOTO_PORT [--port N]\n");
        process.exit(2);
    }
    const server = await startStrictServer(values.upstream, Number(values.port));
    process.stdin.on("end", () => process.exit(0));
    process.stdin.on("error", () => process.exit(0));
    process.stdin.resume();
    process.stdout.write(`listening ${server.port}\n`);
}

main().catch((error: unknown) => {
    process.stderr.write(`strict Cognito: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
});
