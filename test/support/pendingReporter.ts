// Mocha's spec reporter, which also lists the run's pending tests (skipped by `this.skip()`, or
// declared without a body) in the file that MOCHA_PENDING_FILE names, one full title per line.
// The test command reads that list and fails on a pending test that test/allowed-pending.txt does
// not name, so that no test goes silently unrun. Every mocha config names this reporter.

import * as fs from "node:fs";
import * as Mocha from "mocha";

class SpecListingPending extends Mocha.reporters.Spec {
    constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
        super(runner, options);
        const pending: string[] = [];
        runner.on(Mocha.Runner.constants.EVENT_TEST_PENDING, (test: Mocha.Test) => pending.push(test.fullTitle()));
        runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
            const file = process.env.MOCHA_PENDING_FILE;
            if (file) {
                fs.appendFileSync(file, pending.map((title) => `${title}\n`).join(""));
            }
        });
    }
}

export = SpecListingPending;
