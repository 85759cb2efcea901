// The state-format promise: stacks written by every released version keep working with this
// build. Each fixture (a stack export of a released version) is imported into a fresh stack
// against a fresh emulator that has the same users with the same settings; refresh and a
// preview of the same program must then find nothing to change and nothing to replace.

import * as assert from "node:assert/strict";
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { adminClient } from "../../harness/fixtures";
import { installedPackage } from "../../harness/installedPackage";
import { startEmulator, type Emulator } from "../../harness/moto";
import { cli, freshStack } from "../../harness/pulumi";
import { cognitoUser, fromPlaceholders, readFixtures, recreateUsers, type StateFixture, type Volatile } from "../../harness/stateFixtures";

const MODULE_REFERENCE = 'require("pulumi-cognito-mfa/dist/provider/implementation.js")';

interface StoredResource {
    type: string;
    inputs?: Record<string, unknown>;
}

describe("state written by released versions", function () {
    this.timeout(180_000);
    let emulator: Emulator;
    let cognito: CognitoIdentityProviderClient;

    before(async () => {
        emulator = await startEmulator();
        cognito = adminClient(emulator.endpoint);
    });

    after(async () => {
        await emulator?.stop();
    });

    const fixtures = readFixtures();
    it("has fixtures of the admin and the self-service form", () => {
        const forms = fixtures.map(({ file }) => file.replace(/^[\d.]+-/, "").replace(/\.json$/, ""));
        assert.ok(forms.includes("admin") && forms.includes("self-service"), forms.join(", "));
    });

    for (const { file, fixture } of fixtures) {
        it(`${file} (${fixture.madeWith}): refresh and preview find no change and no replace`, async () => {
            await emulator.reset();
            const { pool, accessTokens } = await recreateUsers(cognito, fixture.users);
            const volatile: Volatile = { userPoolId: pool.userPoolId, endpoint: emulator.endpoint, accessTokens };
            const resources = fromPlaceholders(fixture.resources, volatile);
            const stack = await freshStack({
                name: fixture.project,
                env: emulator.env,
                program: async () => {
                    resources.forEach(({ name, args }) => new installedPackage.UserMfaPreference(name, args));
                },
            });
            await stack.importStack(fromPlaceholders(fixture.deployment as StateFixture["deployment"], volatile) as Parameters<typeof stack.importStack>[0]);

            const refresh = await stack.refresh();
            assert.deepEqual(Object.keys(refresh.summary.resourceChanges ?? {}), ["same"], JSON.stringify(refresh.summary.resourceChanges));
            const preview = await stack.preview({ expectNoChanges: true, diff: true });
            assert.deepEqual(Object.keys(preview.changeSummary), ["same"], JSON.stringify(preview.changeSummary));
            assert.equal(preview.changeSummary.same, resources.length + 1, "every resource and the stack");

            // The stored provider is the module reference the fixture was written with, and
            // Cognito was not touched.
            const state = JSON.parse(cli(stack, ["stack", "export"]).output) as { deployment: { resources: StoredResource[] } };
            const ours = state.deployment.resources.filter((resource) => resource.type === "pulumi-nodejs:dynamic/cognito:UserMfaPreference");
            assert.equal(ours.length, resources.length);
            for (const resource of ours) {
                assert.ok(String(resource.inputs?.__provider).includes(MODULE_REFERENCE), String(resource.inputs?.__provider));
            }
            for (const user of fixture.users) {
                assert.deepEqual(await cognitoUser(cognito, pool.userPoolId, user.username), user);
            }
        });
    }
});
