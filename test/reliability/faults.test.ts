// Faults between the provider and Cognito, injected by the loopback proxy, during up, refresh
// and destroy of a stack of RELIABILITY_N users (10 in CI, 50 in the full run). Each case must
// show that its fault happened during the run (the proxy's count of the faults it injected; an
// outage that began while the run was calling Cognito; a run that failed while Cognito was down
// throughout), end in success or a clear failure, and the next `up --refresh` must converge with a
// clean preview afterwards. The matrix of outcomes is printed at the end.
// "Down" and "killed mid-run" are the proxy refusing connections: moto keeps its state in
// memory and would lose every pool on a real restart, which Cognito never does.

import * as assert from "node:assert/strict";
import { AdminCreateUserCommand, AdminGetUserCommand, AdminSetUserMFAPreferenceCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { Stack } from "@pulumi/pulumi/automation";
import { startCognitoProxy, type CognitoProxy, type FaultKind, type Faults } from "../../harness/cognitoProxy";
import { adminClient, createPool, type Pool } from "../../harness/fixtures";
import { installedPackage } from "../../harness/installedPackage";
import { startEmulator, type Emulator } from "../../harness/moto";
import { afterFailedInlineRun, freshStack } from "../../harness/pulumi";

const N = Number(process.env.RELIABILITY_N ?? 10);

interface FaultCase {
    name: string;
    /**
     * Applies the fault, given whether the run is still going; returns how to lift it once the
     * run has ended, which asserts that the fault happened during the run and says how.
     */
    start(proxy: CognitoProxy, running: () => boolean): Promise<() => Promise<string>>;
    /** Whether the run cannot succeed under the fault. */
    mustFail?: boolean;
}

const injected = (faults: Faults, kind: FaultKind) => async (proxy: CognitoProxy) => {
    proxy.setFaults(faults);
    return async () => {
        proxy.setFaults({});
        const count = proxy.injected.get(kind) ?? 0;
        assert.ok(count > 0, `the proxy injected no ${kind} fault: the run made no call under it`);
        return `${count} ${kind} faults injected`;
    };
};

/** The outage of "killed mid-run" begins once the proxy has passed this many of the run's calls. */
const OUTAGE_AFTER_CALLS = Math.ceil(N / 3);

const FAULTS: FaultCase[] = [
    {
        name: "emulator down at start",
        // Down from before the run to after it: every call the run makes is refused.
        mustFail: true,
        start: async (proxy) => {
            await proxy.goDown();
            return async () => {
                await proxy.comeUp();
                return "down throughout";
            };
        },
    },
    {
        name: "emulator killed mid-run, restarted",
        start: async (proxy, running) => {
            let began: boolean | undefined;
            const outage = proxy.whenReceived(OUTAGE_AFTER_CALLS).then(async () => {
                began = running();
                await proxy.goDown();
                await new Promise((resolve) => setTimeout(resolve, 1_500));
                await proxy.comeUp();
            });
            return async () => {
                assert.ok(began !== undefined, `the run ended before its call ${OUTAGE_AFTER_CALLS}, so the outage never began`);
                await outage;
                assert.ok(began, "the outage began after the run had ended");
                return `down for 1.5 s from call ${OUTAGE_AFTER_CALLS}, mid-run`;
            };
        },
    },
    { name: "30% HTTP 500 InternalErrorException", start: injected({ errorRate: 0.3 }, "error") },
    { name: "connections reset mid-request (30%)", start: injected({ resetRate: 0.3 }, "reset") },
    { name: "2 s latency on every request", start: injected({ latencyMs: 2_000 }, "latency") },
    { name: "TooManyRequestsException bursts (1 s of every 3 s)", start: injected({ throttleBurst: { periodMs: 3_000, burstMs: 1_000 } }, "burst") },
];

const OPERATIONS = ["up", "refresh", "destroy"] as const;

describe(`faults during up, refresh and destroy (${N} resources)`, function () {
    this.timeout(900_000);
    let emulator: Emulator;
    let proxy: CognitoProxy;
    let cognito: CognitoIdentityProviderClient;
    let pool: Pool;
    let usernames: string[];
    const matrix: string[] = [];

    const program = async () => {
        for (const username of usernames) {
            new installedPackage.UserMfaPreference(username, { userPoolId: pool.userPoolId, username, smsMfa: { enabled: true, preferred: true } });
        }
    };

    async function assertConverged(stack: Stack): Promise<void> {
        await stack.up({ refresh: true });
        assert.deepEqual((await stack.preview({ refresh: true, expectNoChanges: true })).changeSummary, { same: N + 1 });
        for (const username of usernames) {
            const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username: username }));
            assert.deepEqual([user.UserMFASettingList, user.PreferredMfaSetting], [["SMS_MFA"], "SMS_MFA"], username);
        }
    }

    before(async () => {
        emulator = await startEmulator();
        proxy = await startCognitoProxy(emulator.endpoint, { seed: 42 });
        cognito = adminClient(emulator.endpoint);
    });

    after(async () => {
        console.log(`\n| fault | operation | fault seen | outcome | then up --refresh |\n|---|---|---|---|---|\n${matrix.join("\n")}`);
        await proxy?.close();
        await emulator?.stop();
    });

    for (const fault of FAULTS) {
        for (const operation of OPERATIONS) {
            it(`${fault.name} during ${operation}`, async function () {
                await emulator.reset();
                pool = await createPool(cognito);
                usernames = Array.from({ length: N }, (_, index) => `user${index}`);
                await Promise.all(usernames.map((username) => cognito.send(new AdminCreateUserCommand({ UserPoolId: pool.userPoolId, Username: username, MessageAction: "SUPPRESS", UserAttributes: [{ Name: "phone_number", Value: "+15555550100" }] }))));
                const name = `faults-${FAULTS.indexOf(fault)}-${operation}`;
                const stack = await freshStack({ name, program, env: { ...emulator.env, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: proxy.endpoint } });
                if (operation !== "up") {
                    await stack.up();
                    // Something for refresh to find.
                    await cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: pool.userPoolId, Username: usernames[0], SMSMfaSettings: { Enabled: false } }));
                }

                proxy.resetCounts();
                let ended = false;
                const lift = await fault.start(proxy, () => !ended);
                const started = Date.now();
                const run = { up: () => stack.up(), refresh: () => stack.refresh(), destroy: () => stack.destroy() }[operation];
                const outcome = await run().finally(() => (ended = true)).then(
                    () => "succeeded",
                    (error: Error) => {
                        // A clear failure names the call and the user, or the transport problem, with a fix.
                        assert.match(error.message, /(AdminSetUserMFAPreference|AdminGetUser) for user "user\d+" in user pool \S+ failed: .*Fix: /);
                        return "failed clearly";
                    },
                );
                const seconds = ((Date.now() - started) / 1000).toFixed(1);
                const seen = await lift();
                await afterFailedInlineRun();
                if (fault.mustFail) {
                    assert.equal(outcome, "failed clearly", `${operation} succeeded although every call to Cognito was refused`);
                }

                await assertConverged(stack);
                matrix.push(`| ${fault.name} | ${operation} | ${seen} | ${outcome} (${seconds} s) | converged, clean preview |`);
                await stack.destroy();
            });
        }
    }
});
