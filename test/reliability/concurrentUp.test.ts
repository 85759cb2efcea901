// Two `pulumi up`s of one stack at once, on S3 (moto's), as two pipeline runs would meet: the
// second starts while the first is writing, and must fail with the backend's lock message, naming
// `pulumi cancel`, without writing anything; the first completes; nothing is lost (every user as
// declared, a clean `preview --refresh --expect-no-changes`), and no lock is left behind. The
// second pipeline declares a change to every user and reaches Cognito through the loopback proxy,
// which counts its writes: none while it is locked out, every user's once it runs after the first.

import * as assert from "node:assert/strict";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { startCognitoProxy, type CognitoProxy } from "../../harness/cognitoProxy";
import { userMfa } from "../../harness/fixtures";
import { s3Backend, startEmulator, type Emulator } from "../../harness/moto";
import { freshStack } from "../../harness/pulumi";
import { createUsers, smsProgram, WRITE } from "./trials";

const N = 50;

describe("two ups of one stack at once, on S3", function () {
    this.timeout(300_000);
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

    it("the second fails with the lock's message and writes nothing; the first completes; nothing is lost", async () => {
        const users = await createUsers(emulator, N);
        const backendUrl = await s3Backend(emulator, "concurrent-up");
        const stack = await freshStack({ name: "concurrent-up", program: smsProgram(users.pool.userPoolId, users.usernames, () => true), env: emulator.env, backendUrl });
        // The other pipeline: the same project and stack, every user's SMS no longer preferred.
        const secondPipeline = await LocalWorkspace.selectStack(
            { stackName: stack.name, projectName: "concurrent-up", program: smsProgram(users.pool.userPoolId, users.usernames, () => false) },
            { workDir: stack.workspace.workDir, envVars: { ...stack.workspace.envVars, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: proxy.endpoint } },
        );

        let firstIsWriting: () => void = () => undefined;
        const writing = new Promise<void>((resolve) => (firstIsWriting = resolve));
        const first = stack.up({ onEvent: (event) => (event.resourcePreEvent?.metadata.op === "create" ? firstIsWriting() : undefined) });
        await writing;
        const written = async () => (await Promise.all(users.usernames.map((username) => userMfa(users.cognito, users.pool.userPoolId, username)))).filter((mfa) => mfa.enabled.length > 0).length;
        const second = await secondPipeline.up().then(
            () => "succeeded",
            (error: Error) => error.message,
        );
        assert.match(second, /the stack is currently locked by 1 lock\(s\)\. Either wait for the other process\(es\) to end or delete the lock file with `pulumi cancel`/);
        assert.doesNotMatch(second, /UserMfaPreference/, "the second run reached no resource");
        assert.deepEqual(Object.fromEntries(proxy.received), {}, "the second run called Cognito");
        const firstResult = await first;
        assert.deepEqual(firstResult.summary.resourceChanges, { create: N + 1 });
        assert.equal(await written(), N);
        assert.deepEqual((await stack.preview({ refresh: true, expectNoChanges: true })).changeSummary, { same: N + 1 });
        // No lock left: the second pipeline, run again, writes its change, every write through the proxy.
        assert.deepEqual((await secondPipeline.up()).summary.resourceChanges, { same: 1, update: N });
        assert.equal(proxy.received.get(WRITE), N);
        assert.deepEqual((await secondPipeline.preview({ refresh: true, expectNoChanges: true })).changeSummary, { same: N + 1 });
        await stack.destroy();
    });
});
