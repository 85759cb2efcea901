// The pool resource's progress from the installed package, where users see it: an `up` through the
// real CLI and engine (Automation API) that lasts longer than one progress interval, every call to
// Cognito delayed at the proxy, prints a progress line in the CLI's output. The dynamic provider
// writes it to stderr, which the engine shows for the dynamic provider host.

import * as assert from "node:assert/strict";
import type { Stack } from "@pulumi/pulumi/automation";
import { startCognitoProxy, type CognitoProxy } from "../../harness/cognitoProxy";
import { adminClient, type Pool } from "../../harness/fixtures";
import { installedPackage, PROGRESS_INTERVAL_MS } from "../../harness/installedPackage";
import { startEmulator, type Emulator } from "../../harness/moto";
import { poolWithoutMfa } from "../../harness/pools";
import { freshStack } from "../../harness/pulumi";
import { latencyPastInterval, progressUnderWay } from "../support/progressLine";

const USERS = 3;
const { UserMfaPreferenceSet } = installedPackage;

describe("UserMfaPreferenceSet's progress in the CLI's output", function () {
    this.timeout(120_000);
    let emulator: Emulator;
    let proxy: CognitoProxy;
    let pool: Pool;
    let stack: Stack;

    before(async () => {
        emulator = await startEmulator();
        const found = await poolWithoutMfa(adminClient(emulator.endpoint), "set-progress", USERS);
        pool = found.pool;
        // SMS declared off, as it is: the create reads each user once and writes none.
        const users = Object.fromEntries(found.usernames.map((username) => [username, { smsMfa: { enabled: false } }]));
        proxy = await startCognitoProxy(emulator.endpoint);
        const program = async () => {
            new UserMfaPreferenceSet("team", { userPoolId: pool.userPoolId, users });
        };
        stack = await freshStack({ name: "set-progress", program, env: { ...emulator.env, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: proxy.endpoint } });
    });

    after(async () => {
        await proxy?.close();
        await emulator?.stop();
    });

    it("an up longer than one interval prints the users done of the total and the rate", async () => {
        proxy.setFaults({ latencyMs: latencyPastInterval(PROGRESS_INTERVAL_MS) });
        const result = await stack.up();
        assert.deepEqual(Object.fromEntries(proxy.received), { AdminGetUser: USERS }, "one delayed read per user");
        assert.match(result.stdout, progressUnderWay(`UserMfaPreferenceSet of ${pool.userPoolId}`, "adopting", USERS));
    });
});
