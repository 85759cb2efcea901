import * as assert from "node:assert/strict";
import { LOWEST_SHARE, Pacer, SLOW_DOWN_EVERY_MS, SPEED_UP_SHARE } from "../../provider/core/pacing";

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

    it("halves its rate on a throttled answer, at most once a second, and gives it back answer by answer", () => {
        let now = 0;
        const pacer = new Pacer(25, () => now);
        pacer.throttled();
        pacer.throttled();
        assert.equal(pacer.perSecond, 12.5, "the second answer of the same burst cuts nothing");
        now += SLOW_DOWN_EVERY_MS;
        pacer.throttled();
        assert.equal(pacer.perSecond, 6.25);
        pacer.answered();
        assert.equal(pacer.perSecond, 6.25 + 25 * SPEED_UP_SHARE);
        for (let index = 0; index < 1_000; index++) {
            pacer.answered();
        }
        assert.equal(pacer.perSecond, 25, "never above the full rate");
        for (let index = 0; index < 20; index++) {
            now += SLOW_DOWN_EVERY_MS;
            pacer.throttled();
        }
        assert.equal(pacer.perSecond, 25 * LOWEST_SHARE, "never under its lowest");
    });
});
