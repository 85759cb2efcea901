// Writes the state fixtures of this version (test/state-fixtures/<version>-<form>.json): each form
// of the resource is deployed with the installed package through the real CLI against the
// emulator, and the stack export is kept with its volatile values replaced by placeholders.
// Run it (`npm run make-state-fixtures`) when a release adds a state shape; never rewrite old
// fixtures: test/e2e/stateFormat.test.ts proves every build still reads them.

import * as fs from "node:fs";
import * as path from "node:path";
import type { UserMfaPreferenceArgs } from "pulumi-cognito-mfa";
import { adminClient } from "../../harness/fixtures";
import { exitOnBrokenPipe, installedPackage } from "../../harness/installedPackage";
import { startEmulator } from "../../harness/moto";
import { cli, freshStack } from "../../harness/pulumi";
import { FIXTURES_DIR, cognitoUser, recreateUsers, toPlaceholders, type StateFixture, type Volatile } from "../../harness/stateFixtures";

exitOnBrokenPipe();

interface Scenario {
    form: string;
    users: { username: string; totp: boolean }[];
    resources: (volatile: Volatile) => { name: string; args: UserMfaPreferenceArgs }[];
}

const SCENARIOS: Scenario[] = [
    {
        form: "admin",
        users: [
            { username: "sms-preferred", totp: false },
            { username: "totp-preferred", totp: true },
            { username: "email-managed", totp: false },
            { username: "passkey", totp: false },
            { username: "all-off", totp: false },
            { username: "located", totp: false },
        ],
        resources: ({ userPoolId, endpoint }) => [
            { name: "sms-preferred", args: { userPoolId, username: "sms-preferred", smsMfa: { enabled: true, preferred: true } } },
            {
                name: "totp-preferred",
                args: { userPoolId, username: "totp-preferred", softwareTokenMfa: { enabled: true, preferred: true }, smsMfa: { enabled: true } },
            },
            // The emulator ignores email MFA (docs/development.md), so the fixture manages it as off.
            { name: "email-managed", args: { userPoolId, username: "email-managed", emailMfa: { enabled: false }, smsMfa: { enabled: true, preferred: true } } },
            { name: "passkey", args: { userPoolId, username: "passkey", webAuthnMfa: { enabled: true }, smsMfa: { enabled: true, preferred: true } } },
            {
                name: "all-off",
                args: { userPoolId, username: "all-off", smsMfa: { enabled: false }, softwareTokenMfa: { enabled: false }, emailMfa: { enabled: false } },
            },
            { name: "located", args: { userPoolId, username: "located", region: "us-east-1", endpoint, smsMfa: { enabled: true } } },
        ],
    },
    {
        form: "self-service",
        users: [{ username: "self", totp: true }],
        resources: ({ accessTokens }) => [
            { name: "self", args: { accessToken: accessTokens.self, softwareTokenMfa: { enabled: true, preferred: true }, smsMfa: { enabled: true } } },
        ],
    },
];

/* eslint-disable @typescript-eslint/no-require-imports */
async function main(): Promise<void> {
    const version: string = require("pulumi-cognito-mfa/package.json").version;
    const pulumiVersion: string = require("@pulumi/pulumi/package.json").version;
    const emulator = await startEmulator();
    try {
        const cognito = adminClient(emulator.endpoint);
        for (const scenario of SCENARIOS) {
            await emulator.reset();
            // Users start with no MFA; the program sets it. TOTP users get a verified token first.
            const bare = scenario.users.map(({ username, totp }) => ({ username, enabled: totp ? ["SOFTWARE_TOKEN_MFA"] : [] }));
            const { pool, accessTokens } = await recreateUsers(cognito, bare);
            const volatile: Volatile = { userPoolId: pool.userPoolId, endpoint: emulator.endpoint, accessTokens };
            const resources = scenario.resources(volatile);
            const project = `state-${version.replace(/\./g, "-")}-${scenario.form}`;
            const stack = await freshStack({
                name: project,
                env: emulator.env,
                program: async () => {
                    resources.forEach(({ name, args }) => new installedPackage.UserMfaPreference(name, args));
                },
            });
            await stack.up();
            const exported = cli(stack, ["stack", "export", "--show-secrets"]);
            if (exported.status !== 0) {
                throw new Error(exported.output);
            }
            const users = [];
            for (const { username } of scenario.users) {
                users.push(await cognitoUser(cognito, pool.userPoolId, username));
            }
            const fixture: StateFixture = {
                madeWith: `pulumi-cognito-mfa ${version}, @pulumi/pulumi ${pulumiVersion}`,
                project,
                users,
                resources: toPlaceholders(resources, volatile),
                deployment: toPlaceholders(JSON.parse(exported.output), volatile),
            };
            const dir = process.env.STATE_FIXTURES_DIR ?? FIXTURES_DIR;
            const file = path.join(dir, `${version}-${scenario.form}.json`);
            fs.mkdirSync(dir, { recursive: true });
            fs.writeFileSync(file, `${JSON.stringify(fixture, null, 2)}\n`);
            console.log(`wrote ${path.relative(process.cwd(), file)}`);
            await stack.destroy();
        }
    } finally {
        await emulator.stop();
    }
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});
