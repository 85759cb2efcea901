import * as assert from "node:assert/strict";
import { Pacer } from "../../provider/core/pacing";

describe("pacing at Cognito's quotas", () => {
    it("starts at most the given number of calls in any one second, evenly spaced", async () => {
        const pacer = new Pacer(50);
        const started: number[] = [];
        await Promise.all(Array.from({ length: 10 }, () => pacer.wait().then(() => started.push(Date.now()))));
        const span = Math.max(...started) - Math.min(...started);
        // Ten calls at 50 per second: nine gaps of 20 ms.
        assert.ok(span >= 170, `${span} ms`);
    });

    it("does not wait when pacing is off", async () => {
        const pacer = new Pacer(0);
        const before = Date.now();
        await Promise.all(Array.from({ length: 100 }, () => pacer.wait()));
        assert.ok(Date.now() - before < 50);
    });
});
