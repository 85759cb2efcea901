// The benchmark's and fault tests' proxy, on its own: what it counts, limits and injects.

import * as assert from "node:assert/strict";
import { AdminGetUserCommand, AdminSetUserMFAPreferenceCommand, CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { startCognitoProxy, type CognitoProxy } from "../../harness/cognitoProxy";
import { adminClient, createPool, createUser, type Pool } from "../../harness/fixtures";
import { EMULATOR_CREDENTIALS, startEmulator, type Emulator } from "../../harness/moto";

describe("Cognito proxy", function () {
    this.timeout(60_000);
    let emulator: Emulator;
    let proxy: CognitoProxy;
    let pool: Pool;
    let client: CognitoIdentityProviderClient;

    const getUser = () => client.send(new AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username: "alice" }));
    const setSms = () => client.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: pool.userPoolId, Username: "alice", SMSMfaSettings: { Enabled: true } }));
    const outcome = (promise: Promise<unknown>) => promise.then(() => "ok", (error: Error) => error.name);

    before(async () => {
        emulator = await startEmulator();
        const direct = adminClient(emulator.endpoint);
        pool = await createPool(direct);
        await createUser(direct, pool, "alice");
        // The proxy's own limits, alone: not behind the strict Cognito's quotas.
        proxy = await startCognitoProxy(emulator.motoEndpoint, { seed: 7 });
        client = new CognitoIdentityProviderClient({
            region: EMULATOR_CREDENTIALS.AWS_REGION,
            endpoint: proxy.endpoint,
            credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
            maxAttempts: 1,
        });
    });

    after(async () => {
        await proxy?.close();
        await emulator?.stop();
    });

    beforeEach(() => {
        proxy.setFaults({});
        proxy.setRateLimits(undefined);
        proxy.resetCounts();
    });

    it("forwards and counts calls by operation", async () => {
        await getUser();
        await setSms();
        await getUser();
        assert.deepEqual(Object.fromEntries(proxy.received), { AdminGetUser: 2, AdminSetUserMFAPreference: 1 });
    });

    it("enforces a write rate, answering TooManyRequestsException beyond it", async () => {
        proxy.setRateLimits({ write: 25, read: 120 });
        const started = Date.now();
        const outcomes = await Promise.all(Array.from({ length: 60 }, () => outcome(setSms())));
        const ok = outcomes.filter((name) => name === "ok").length;
        // The bucket holds 25 and refills at 25/s while the burst is still arriving (longer on a
        // loaded machine): what passes is bounded by that, never the whole burst.
        const refilled = Math.ceil(((Date.now() - started) / 1000) * 25);
        assert.ok(ok >= 25 && ok <= 26 + refilled && ok < 60, `${ok} writes passed in ${Date.now() - started} ms`);
        assert.deepEqual(new Set(outcomes.filter((name) => name !== "ok")), new Set(["TooManyRequestsException"]));
        assert.equal(proxy.throttled.get("AdminSetUserMFAPreference"), 60 - ok);
        // Reads have their own, larger budget.
        const reads = await Promise.all(Array.from({ length: 100 }, () => outcome(getUser())));
        assert.equal(reads.filter((name) => name === "ok").length, 100);
    });

    it("injects InternalErrorException, connection resets and latency, and counts each", async () => {
        assert.equal(await outcome(getUser()), "ok");
        assert.deepEqual(Object.fromEntries(proxy.injected), {});
        proxy.setFaults({ errorRate: 1 });
        assert.equal(await outcome(getUser()), "InternalErrorException");
        proxy.setFaults({ resetRate: 1 });
        assert.notEqual(await outcome(getUser()), "ok");
        proxy.setFaults({ latencyMs: 300 });
        const started = Date.now();
        assert.equal(await outcome(getUser()), "ok");
        assert.ok(Date.now() - started >= 300);
        assert.deepEqual(Object.fromEntries(proxy.injected), { error: 1, reset: 1, latency: 1 });
    });

    it("injects throttling bursts, the first from the first request under them, and counts them", async () => {
        // Long after the proxy started: a burst timed from its start would be over.
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        proxy.setFaults({ throttleBurst: { periodMs: 60_000, burstMs: 500 } });
        assert.equal(await outcome(getUser()), "TooManyRequestsException");
        await new Promise((resolve) => setTimeout(resolve, 600));
        assert.equal(await outcome(getUser()), "ok");
        assert.deepEqual(Object.fromEntries(proxy.injected), { burst: 1 });
    });

    it("tells when it has received a number of requests", async () => {
        let heard = false;
        const third = proxy.whenReceived(3).then(() => (heard = true));
        await getUser();
        await getUser();
        await new Promise((resolve) => setImmediate(resolve));
        assert.equal(heard, false);
        await getUser();
        await third;
    });

    it("goes down and comes back up on the same port", async () => {
        await proxy.goDown();
        assert.notEqual(await outcome(getUser()), "ok");
        await proxy.comeUp();
        // The client may first spend an attempt on a connection from before the outage.
        let answered = await outcome(getUser());
        for (let attempt = 1; attempt < 5 && answered !== "ok"; attempt++) {
            answered = await outcome(getUser());
        }
        assert.equal(answered, "ok");
    });
});
