// The project's commands, their output piped into something that stops reading (`| head`): each
// ends quietly, with status 0, no stack trace, and no process of its own left running. They run
// as `run_in_program` (a function of scripts/setup/env.sh) runs them, in this program.

import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as path from "node:path";
import { processesMarked, ProcessWatch } from "../../harness/processes";

const PROGRAM = path.resolve(__dirname, "../..");
const MARKER = "COGNITO_MFA_PIPE_TEST";
const GONE_WITHIN_MS = 5_000;

interface Ended {
    status: number | null;
    signal: NodeJS.Signals | null;
    stderr: string;
}

/** Runs scripts/KIND/SCRIPT, closing its stdout after LINES lines (0: at once), as `| head -LINES` does. */
async function pipedIntoHead(script: string, args: string[], lines: number): Promise<Ended> {
    const child = spawn(path.join(PROGRAM, "node_modules/.bin/ts-node"), ["--transpile-only", path.join("scripts", script), ...args], {
        cwd: PROGRAM,
        env: { ...process.env, [MARKER]: script },
        stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    let seen = 0;
    const closeWhenDone = () => seen >= lines && child.stdout.destroy();
    child.stdout.on("data", (chunk: Buffer) => {
        seen += chunk.toString().split("\n").length - 1;
        closeWhenDone();
    });
    closeWhenDone();
    return new Promise((resolve) => child.once("exit", (status, signal) => resolve({ status, signal, stderr })));
}

async function assertNothingLeft(script: string): Promise<void> {
    const watch = new ProcessWatch(() => processesMarked(MARKER, script));
    const left = await watch.untilGone(GONE_WITHIN_MS);
    watch.stop();
    assert.deepEqual(left.map((info) => info.command), [], `${script}: processes left running`);
}

function assertQuiet(script: string, ended: Ended): void {
    assert.equal(ended.signal, null, `${script} was killed by ${ended.signal}`);
    assert.equal(ended.status, 0, `${script} exited ${ended.status}:\n${ended.stderr}`);
    assert.doesNotMatch(ended.stderr, /EPIPE|^\s+at /m, `${script} printed an error:\n${ended.stderr}`);
}

describe("commands piped into head", function () {
    this.timeout(300_000);

    it("npm start (scripts/run/demo.ts) ends quietly after the first line", async () => {
        const ended = await pipedIntoHead("run/demo.ts", [], 1);
        assertQuiet("run/demo.ts", ended);
        await assertNothingLeft("run/demo.ts");
    });

    it("npm run bench (scripts/bench/bench.ts) ends quietly when nothing reads its table", async () => {
        const ended = await pipedIntoHead("bench/bench.ts", ["--n", "2", "--runs", "1", "--kinds", "floor", "--quota-n", "0"], 0);
        assertQuiet("bench/bench.ts", ended);
        await assertNothingLeft("bench/bench.ts");
    });
});
