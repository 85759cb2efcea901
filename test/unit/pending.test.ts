// No silent skip (scripts/run/pending.sh): the reporter lists each skipped test by its full title,
// and the check fails on a pending test that test/allowed-pending.txt does not name and passes on
// one it names. Both run as the test command runs them: the reporter in a mocha process of its
// own, the check under bash.

import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const PROJECT_ROOT = path.resolve(__dirname, "../..");
const PENDING_SCRIPT = path.join(PROJECT_ROOT, "scripts", "run", "pending.sh");
const REPORTER = path.join(PROJECT_ROOT, "test", "support", "pendingReporter.ts");
const MOCHA = path.join(PROJECT_ROOT, "node_modules", "mocha", "bin", "mocha.js");

/** check_pending on FILE: its status and what it printed. */
function checkPending(file: string): { status: number | null; output: string } {
    const result = spawnSync("bash", ["-c", 'source "$0" && check_pending suite "$1"', PENDING_SCRIPT, file], { encoding: "utf8" });
    return { status: result.status, output: result.stdout + result.stderr };
}

describe("the pending check", () => {
    let directory = "";
    beforeEach(() => {
        directory = fs.mkdtempSync(path.join(os.tmpdir(), "pending-"));
    });
    afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

    it("fails on a pending test that the allowed list does not name, naming it", () => {
        const file = path.join(directory, "pending.txt");
        fs.writeFileSync(file, "a suite an unlisted test\n");
        const { status, output } = checkPending(file);
        assert.equal(status, 1, output);
        assert.equal(output, "-- suite: pending, and not on test/allowed-pending.txt (run it, or add it there with why):\n   a suite an unlisted test\n");
    });

    it("passes on a pending test that the allowed list names", () => {
        const [listed] = fs
            .readFileSync(path.join(PROJECT_ROOT, "test", "allowed-pending.txt"), "utf8")
            .split("\n")
            .filter((line) => line !== "" && !line.startsWith("#"));
        const file = path.join(directory, "pending.txt");
        fs.writeFileSync(file, `${listed}\n`);
        assert.deepEqual(checkPending(file), { status: 0, output: "" });
    });

    it("the reporter lists a skipped test by its full title, for the check to refuse", function () {
        // A mocha process of its own, with the reporter compiled on load.
        this.timeout(60_000);
        const spec = path.join(directory, "skipped.spec.js");
        fs.writeFileSync(spec, 'describe("a suite", () => {\n    it("runs", () => {});\n    it.skip("is skipped", () => {});\n});\n');
        const file = path.join(directory, "pending.txt");
        fs.writeFileSync(file, "");
        const result = spawnSync(process.execPath, [MOCHA, "--no-config", "--require", "ts-node/register/transpile-only", "--reporter", REPORTER, spec], {
            cwd: PROJECT_ROOT,
            // Its own list, not the list of the run this test is part of.
            env: { ...process.env, MOCHA_PENDING_FILE: file },
            encoding: "utf8",
        });
        assert.equal(result.status, 0, result.stdout + result.stderr);
        assert.equal(fs.readFileSync(file, "utf8"), "a suite is skipped\n");
        assert.equal(checkPending(file).status, 1);
    });
});
