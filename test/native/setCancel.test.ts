// The native plugin's UserMfaPreferenceSet, from its Node.js SDK through the real CLI: Ctrl-C
// (SIGINT to the CLI) midway through an `up` that writes every user. The engine cancels; the
// plugin starts no further user, and the users already written are kept in the state (the
// engine's partial-failure result), so the next `up`, with no refresh, writes exactly the rest.
// The proxy counts the writes: the signal must land midway through them.

import * as assert from "node:assert/strict";
import { startCognitoProxy, type CognitoProxy } from "../../harness/cognitoProxy";
import { startEmulator, type Emulator } from "../../harness/moto";
import { interruptedUp, prepareTrials, WRITE } from "../reliability/trials";

const N = 60;

describe("a native UserMfaPreferenceSet's up cancelled with Ctrl-C", function () {
    this.timeout(600_000);
    let emulator: Emulator;
    let proxy: CognitoProxy;

    before(async () => {
        emulator = await startEmulator();
        proxy = await startCognitoProxy(emulator.endpoint);
    });

    after(async () => {
        await proxy?.close();
        await emulator?.stop();
    });

    it("stops between users, keeps what was written, and the next up writes only the rest", async () => {
        const { users, stack, program } = await prepareTrials(emulator, "native-set-cancel", N, "native-set", proxy);
        const preferred = (program.preferred = !program.preferred);
        const run = await interruptedUp({
            trial: "native-set-cancel",
            stack,
            users,
            preferred,
            kind: "native-set",
            delayMs: 0,
            clock: { afterWrites: 10 },
            proxy,
            interrupt: (_driver, cliPids) => cliPids.forEach((pid) => process.kill(pid, "SIGINT")),
        });
        assert.ok(run.signalled && run.writesAtSignal! < N, `SIGINT was to land midway through the writes: ${run.writesAtSignal} of ${N} by then`);
        assert.ok(!run.completed, `the up was cancelled before its end (${run.writes} of ${N} written)`);
        assert.ok(run.writes! < N, `the plugin stopped starting users: ${run.writes} of ${N} written`);

        const state = (await stack.exportStack()).deployment as { resources: { type: string; outputs: { users: Record<string, { smsMfa: { preferred: boolean } }> } }[] };
        const stored = state.resources.find((resource) => resource.type === "cognito-mfa:index:UserMfaPreferenceSet")!.outputs.users;
        const recorded = Object.values(stored).filter((user) => user.smsMfa.preferred === preferred).length;
        assert.equal(recorded, run.writes, "the state holds every user written, as written");

        proxy.resetCounts();
        await stack.up();
        assert.equal(proxy.received.get(WRITE), N - recorded, "the next up writes exactly the rest");
        await stack.preview({ refresh: true, expectNoChanges: true });
    });
});
