// Two resources of one program that manage the same user. A plain `pulumi up` in which the refused
// resource's registration is lost on the way must still fail: the losses are counted (at least one,
// or nothing was tested) and the refused resource's own check failure, which that registration
// would have carried, must be absent. Then, refused again and again: DUPLICATE_TRIALS runs of each
// form (3 in CI, 50 in the full run), two ways.
// - A plain `pulumi up` of a program in a process of its own, started the way the CLI's Node.js
//   language host starts it (test/support/languageHost.ts), so no run can leave anything behind in
//   the next. Trials alternate which resource is declared first, and between `pulumi up` (preview
//   first: nothing is written for either resource) and `pulumi up --skip-preview`. Every run must
//   fail, naming the later-declared resource, with nothing written for it.
// - Automation API inline runs, one after another in this process, with a program that exports
//   both resources' outputs: the way the end-to-end suite runs it (e2e "11."), where a run once
//   succeeded. An inline program refused by the engine stays pending in this process, and its late
//   errors can land in the run that comes next, so here a miss is a run that succeeds or that does
//   not report the refusal.
// Prints the misses per form and way.

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { UserMfaPreferenceArgs } from "pulumi-cognito-mfa";
import { adminClient, createPool, createUser, setMfaOutOfBand, userMfa, verifyTotp, type Pool, type TestUser } from "../../harness/fixtures";
import { pulumiWithHost, startLanguageHost, type LanguageHost } from "../support/languageHost";
import { startEmulator, type Emulator } from "../../harness/moto";
import { afterFailedInlineRun, freshStack, pulumiEnv } from "../../harness/pulumi";
import { installedPackage } from "../../harness/installedPackage";

const TRIALS = Number(process.env.DUPLICATE_TRIALS ?? 3);
const PROGRAM_ROOT = path.resolve(__dirname, "../..");

// The program: the resources of the `declared` config value, in order.
const PROGRAM = `const pulumi = require("@pulumi/pulumi");
const { UserMfaPreference } = require("pulumi-cognito-mfa");
for (const { name, args } of JSON.parse(new pulumi.Config().require("declared"))) {
    new UserMfaPreference(name, args);
}
`;

type Declared = { name: string; args: UserMfaPreferenceArgs }[];

describe(`two resources for one user (${TRIALS} trials of each form)`, function () {
    this.timeout(3_600_000);
    let emulator: Emulator;
    let cognito: CognitoIdentityProviderClient;
    let pool: Pool;
    let alice: TestUser;
    let host: LanguageHost;
    let project: string;
    let env: NodeJS.ProcessEnv;

    const pulumi = (args: string[]) => pulumiWithHost(host, project, env, [...args, "--stack", "duplicates"]);

    before(async () => {
        emulator = await startEmulator();
        cognito = adminClient(emulator.endpoint);
        pool = await createPool(cognito);
        alice = await createUser(cognito, pool, "alice");
        await verifyTotp(cognito, alice);
        project = fs.mkdtempSync(path.join(os.tmpdir(), "duplicates-"));
        fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: duplicates\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n");
        fs.writeFileSync(path.join(project, "index.js"), PROGRAM);
        fs.symlinkSync(path.join(PROGRAM_ROOT, "node_modules"), path.join(project, "node_modules"));
        fs.mkdirSync(path.join(project, "state"));
        env = { ...process.env, ...pulumiEnv(project, emulator.env), PULUMI_BACKEND_URL: `file://${path.join(project, "state")}` };
        host = await startLanguageHost(env);
        const init = await pulumi(["stack", "init"]);
        assert.equal(init.status, 0, init.output);
    });

    after(async () => {
        await host?.stop();
        await emulator?.stop();
        if (project !== undefined) {
            fs.rmSync(project, { recursive: true, force: true });
        }
    });

    /**
     * Two resources for alice: the first with TOTP preferred, the second (the one to refuse) with
     * SMS, by pool and username (admin) or by her access token (self-service).
     */
    function aliceTwice(form: "admin" | "selfService", [first, second]: [string, string]): Declared {
        const identity = form === "admin" ? { userPoolId: pool.userPoolId, username: "alice" } : { accessToken: alice.accessToken };
        return [
            { name: first, args: { ...identity, softwareTokenMfa: { enabled: true, preferred: true } } },
            { name: second, args: { ...identity, smsMfa: { enabled: true } } },
        ];
    }

    /**
     * One run on the pair; a miss is a run that succeeds, refuses the wrong resource, says what
     * UNEXPECTED matches, or writes for the refused resource.
     */
    async function refusesTheLater(pair: Declared, skipPreview: boolean, expected: RegExp, unexpected?: RegExp): Promise<string | undefined> {
        await setMfaOutOfBand(cognito, pool.userPoolId, "alice", { SMSMfaSettings: { Enabled: false, PreferredMfa: false }, SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false } });
        const run = await pulumi(["up", "--yes", ...(skipPreview ? ["--skip-preview"] : []), "--config", `declared=${JSON.stringify(pair)}`, `--client=${host.address}`]);
        if (run.status === 0) {
            return "the up succeeded";
        }
        if (!expected.test(run.output)) {
            return run.output.slice(-600);
        }
        if (unexpected?.test(run.output)) {
            return `it says ${unexpected}:\n${run.output.slice(-600)}`;
        }
        const mfa = await userMfa(cognito, pool.userPoolId, "alice");
        if (mfa.enabled.includes("SMS_MFA")) {
            return "SMS was written for the refused resource";
        }
        if (!skipPreview && mfa.enabled.length > 0) {
            return `refused at preview, yet ${mfa.enabled.join(", ")} was written`;
        }
        return undefined;
    }

    it("is refused on every run, naming the later-declared resource, for the admin and the self-service form", async () => {
        const misses = { admin: [] as string[], selfService: [] as string[] };
        for (let trial = 1; trial <= TRIALS; trial++) {
            const [a, b] = trial % 2 === 1 ? ["alice", "alice-again"] : ["alice-again", "alice"];
            const skipPreview = trial % 4 >= 2;
            const admin = await refusesTheLater(
                aliceTwice("admin", [a, b]),
                skipPreview,
                new RegExp(`UserMfaPreference \\(${b}\\):\\s+error: .*property username .*UserMfaPreference "${a}" \\(user "alice" in user pool \\S+\\) manages the same user`, "s"),
            );
            if (admin !== undefined) {
                misses.admin.push(`trial ${trial}: ${admin}`);
            }
            const selfService = await refusesTheLater(
                aliceTwice("selfService", [`${a}-self`, `${b}-self`]),
                skipPreview,
                new RegExp(`UserMfaPreference \\(${b}-self\\):\\s+error: .*accessToken: UserMfaPreference "${a}-self" \\(the user of the access token, sub \\S+ in user pool \\S+\\) manages the same user`, "s"),
            );
            if (selfService !== undefined) {
                misses.selfService.push(`trial ${trial}: ${selfService}`);
            }
        }
        console.log(`\ntwo resources for one user: admin form ${misses.admin.length} misses in ${TRIALS}, self-service form ${misses.selfService.length} misses in ${TRIALS}`);
        assert.deepEqual(misses, { admin: [], selfService: [] });
    });

    it("is refused by a plain `pulumi up` even when the refused resource's registration is lost on the way", async () => {
        // Pulumi's SDK ends a run as succeeded when a registration that nothing awaits is lost to
        // UNAVAILABLE; the program's own failure still fails it. The language host hands the
        // environment it was started with (this one) to each program it runs.
        env.NODE_OPTIONS = [`--require ${require.resolve("ts-node/register/transpile-only")}`, `--require ${path.join(__dirname, "../support/loseRegistrationPreload.ts")}`].join(" ");
        // Outside any TypeScript project, ts-node's own defaults (NodeNext) do not compile it.
        env.TS_NODE_COMPILER_OPTIONS = JSON.stringify({ module: "commonjs", moduleResolution: "node" });
        env.LOSE_REGISTRATION_OF = "alice-again";
        const losses = path.join(project, "lost-registrations");
        env.LOST_REGISTRATIONS_FILE = losses;
        try {
            const miss = await refusesTheLater(
                aliceTwice("admin", ["alice", "alice-again"]),
                true,
                /UserMfaPreference "alice-again" and UserMfaPreference "alice" manage the same user \(user "alice" in user pool \S+\): "alice-again" is refused/,
                // alice-again's own check failure (provider/dynamic/check.ts): it would have come
                // with the registration that was lost.
                /manages the same user: two resources would overwrite each other's MFA settings/,
            );
            assert.equal(miss, undefined);
            const lost = fs.existsSync(losses) ? fs.readFileSync(losses, "utf8").split("\n").filter(Boolean) : [];
            assert.ok(lost.length > 0, "no registration of alice-again was lost: the loss was never injected");
            assert.deepEqual([...new Set(lost)], ["alice-again"]);
        } finally {
            delete env.NODE_OPTIONS;
            delete env.TS_NODE_COMPILER_OPTIONS;
            delete env.LOSE_REGISTRATION_OF;
            delete env.LOST_REGISTRATIONS_FILE;
        }
    });

    it("is refused on every inline run of one process, for the admin and the self-service form", async () => {
        let declared: Declared = [];
        const stack = await freshStack({
            name: "duplicates-inline",
            env: emulator.env,
            program: async () => {
                const outputs: Record<string, unknown> = {};
                for (const { name, args } of declared) {
                    const resource = new installedPackage.UserMfaPreference(name, args);
                    outputs[name] = { enabledMfas: resource.enabledMfas, preferredMfa: resource.preferredMfa };
                }
                return outputs;
            },
        });
        /** One inline `up` of the pair; a miss is a run that succeeds or does not report the refusal. */
        const refused = async (pair: Declared, expected: RegExp): Promise<string | undefined> => {
            declared = pair;
            const outcome = await stack.up().then(
                (result) => `the up succeeded:\n${result.stdout}`,
                (error: Error) => (expected.test(error.message) ? undefined : error.message.slice(-600)),
            );
            await afterFailedInlineRun();
            return outcome;
        };
        const misses = { admin: [] as string[], selfService: [] as string[] };
        for (let trial = 1; trial <= TRIALS; trial++) {
            const admin = await refused(
                aliceTwice("admin", ["alice", "alice-again"]),
                /resource 'alice-again': property username .* UserMfaPreference "alice" \(user "alice" in user pool \S+\) manages the same user/,
            );
            if (admin !== undefined) {
                misses.admin.push(`trial ${trial}: ${admin}`);
            }
            const selfService = await refused(
                aliceTwice("selfService", ["alice-self", "alice-self-again"]),
                /resource 'alice-self-again' has a problem: accessToken: UserMfaPreference "alice-self" \(the user of the access token, sub \S+ in user pool \S+\) manages the same user/,
            );
            if (selfService !== undefined) {
                misses.selfService.push(`trial ${trial}: ${selfService}`);
            }
        }
        console.log(`\ntwo resources for one user, inline: admin form ${misses.admin.length} misses in ${TRIALS}, self-service form ${misses.selfService.length} misses in ${TRIALS}`);
        assert.deepEqual(misses, { admin: [], selfService: [] });
    });
});
