// The process watch of the reliability trials: what it remembers of a process must survive the
// process's own exit, when /proc still lists it but reads its command line empty and its memory 0
// (measured: caught in 4 of 30 SIGKILLed Node.js processes sampled in a loop). Forgetting the
// command there made a provider host that was read while it ran look like no provider at all.

import * as assert from "node:assert/strict";
import { ProcessWatch, type ProcessInfo } from "../../harness/processes";

const running: ProcessInfo = {
    pid: 4242,
    ppid: 1,
    name: "node",
    command: "node /project/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js 127.0.0.1:1",
    rssKb: 150_000,
    peakRssKb: 160_000,
    cpuSeconds: 2,
};
const exiting: ProcessInfo = { ...running, command: "", rssKb: 0, peakRssKb: 0, cpuSeconds: 2.1 };

describe("process watch", () => {
    it("keeps a process's command and peak memory when a read catches it exiting", () => {
        // The watch reads once when made (the process running), then at each sample.
        const reads = [[running], [exiting], []];
        const watch = new ProcessWatch(() => reads.shift() ?? [], 60_000);
        try {
            assert.deepEqual(watch.sample(), [exiting], "the exiting process is still alive");
            watch.sample();
            assert.deepEqual(watch.processes, [{ ...exiting, command: running.command, peakRssKb: running.peakRssKb }]);
        } finally {
            watch.stop();
        }
    });
});
