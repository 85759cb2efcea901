// The scan's parts: its output formats, its streams (in order, bounded), and the scan itself
// over a mocked Cognito (the integration suite runs it against the emulator); and what the
// command says of the Node.js it runs on.

import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { AdminGetUserCommand, CognitoIdentityProviderClient, ListUsersCommand } from "@aws-sdk/client-cognito-identity-provider";
import { mockClient } from "aws-sdk-client-mock";
import { parseResourceId } from "../../provider/core/operations";
import { defaultRuleSettings } from "../../provider/core/ruleSettings";
import { userSetIndex } from "../../provider/core/userSets";
import { RESOURCE_TYPE } from "../../provider/native/provider";
import { formatFor, NATIVE_RESOURCE_TYPE, NATIVE_SET_RESOURCE_TYPE, type FormatName, type ResourceKind, type ScannedUser } from "../../provider/scan/formats";
import { mapInOrder } from "../../provider/scan/mapInOrder";
import { LARGE_STACK_USERS, scanReport } from "../../provider/scan/report";
import { runAhead } from "../../provider/scan/runAhead";
import { LISTED_NAMES, LISTED_VIOLATIONS, summaryFormat } from "../../provider/scan/summary";
import { scanUserPool } from "../../provider/scan/scan";
import { parseYaml } from "../support/parseYaml";

const POOL = "eu-west-1_Scan123";
const RULES = defaultRuleSettings();
const USERS: ScannedUser[] = [
    { username: "alice", reported: { enabledMfas: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], preferredMfa: "SOFTWARE_TOKEN_MFA" } },
    { username: "bob", reported: { enabledMfas: [] } },
    { username: "ops:carol", reported: { enabledMfas: ["EMAIL_OTP", "SMS_MFA"] } },
];

function written(format: FormatName, users: ScannedUser[], includeUnset = false, resource: ResourceKind = "user", sets = 1): string {
    const writer = formatFor(format, { userPoolId: POOL, includeUnset, resource, sets, rules: RULES });
    return writer.begin() + users.map((user) => writer.entry(user) ?? "").join("") + writer.end();
}

describe("scan output formats", () => {
    it("config: the root program's users list, one user per line, only users with MFA", () => {
        const text = written("config", USERS);
        assert.equal(
            text,
            '[\n{"username":"alice","smsMfa":{"enabled":true},"softwareTokenMfa":{"enabled":true,"preferred":true}},\n{"username":"ops:carol","smsMfa":{"enabled":true},"emailMfa":{"enabled":true}}\n]\n',
        );
        assert.deepEqual(JSON.parse(text)[1], { username: "ops:carol", smsMfa: { enabled: true }, emailMfa: { enabled: true } });
    });

    it("config with --include-unset: users without MFA declared with SMS and TOTP off", () => {
        const users = JSON.parse(written("config", USERS, true)) as object[];
        assert.deepEqual(users[1], { username: "bob", smsMfa: { enabled: false }, softwareTokenMfa: { enabled: false } });
        assert.equal(users.length, 3);
    });

    it("config with no user: still a valid, empty list", () => {
        assert.deepEqual(JSON.parse(written("config", [])), []);
        assert.deepEqual(JSON.parse(written("config", [USERS[1]])), []);
    });

    it("typescript: a module of UserMfaPreference declarations with safe names", () => {
        const text = written("typescript", USERS);
        assert.match(text, /^\/\/ The MFA preferences of the users of user pool eu-west-1_Scan123/);
        assert.match(text, /\nimport \{ UserMfaPreference \} from "pulumi-cognito-mfa";\n\nconst userPoolId = "eu-west-1_Scan123";\n/);
        const declarations = text.split("\n").filter((line) => line.startsWith("new "));
        assert.deepEqual(declarations, [
            'new UserMfaPreference("alice-mfa", { userPoolId, username: "alice", smsMfa: { enabled: true }, softwareTokenMfa: { enabled: true, preferred: true } });',
            'new UserMfaPreference("ops%3Acarol-mfa", { userPoolId, username: "ops:carol", smsMfa: { enabled: true }, emailMfa: { enabled: true } });',
        ]);
    });

    it("typescript escapes usernames as string literals", () => {
        const text = written("typescript", [{ username: 'q"uote\\', reported: { enabledMfas: ["SMS_MFA"] } }]);
        assert.ok(text.includes('username: "q\\"uote\\\\"'), text);
    });

    it("import: Pulumi's bulk-import file, one resource per user with MFA, one per line, ids that split back into pool and username", () => {
        const users: ScannedUser[] = [
            ...USERS,
            ...["José", "a+b@example.com", "a/b", "李"].map((username) => ({ username, reported: { enabledMfas: ["SMS_MFA"] } })),
        ];
        const text = written("import", users);
        assert.equal(text.split("\n").length, 9, "an opening line, six users, a closing line, and a final newline");
        assert.ok(text.startsWith('{"resources":[\n{"type":"cognito-mfa:index:UserMfaPreference","name":"alice-mfa","id":"eu-west-1_Scan123/alice"},\n'), text);
        assert.ok(text.endsWith("\n]}\n"), text);
        const { resources } = JSON.parse(text) as { resources: { type: string; name: string; id: string }[] };
        assert.deepEqual(resources, [
            { type: NATIVE_RESOURCE_TYPE, name: "alice-mfa", id: `${POOL}/alice` },
            { type: NATIVE_RESOURCE_TYPE, name: "ops%3Acarol-mfa", id: `${POOL}/ops:carol` },
            { type: NATIVE_RESOURCE_TYPE, name: "Jos%C3%A9-mfa", id: `${POOL}/José` },
            { type: NATIVE_RESOURCE_TYPE, name: "a+b@example.com-mfa", id: `${POOL}/a+b@example.com` },
            { type: NATIVE_RESOURCE_TYPE, name: "a%2Fb-mfa", id: `${POOL}/a/b` },
            { type: NATIVE_RESOURCE_TYPE, name: "%E6%9D%8E-mfa", id: `${POOL}/李` },
        ]);
        const usernames = ["alice", "ops:carol", "José", "a+b@example.com", "a/b", "李"];
        assert.deepEqual(
            resources.map(({ id }) => parseResourceId(id)),
            usernames.map((username) => ({ userPoolId: POOL, username })),
        );
        assert.equal(NATIVE_RESOURCE_TYPE, RESOURCE_TYPE, "the native provider's type token");
    });

    it("import with --include-unset lists users without MFA too; with no user, still a valid file", () => {
        assert.deepEqual(
            (JSON.parse(written("import", USERS, true)) as { resources: { name: string }[] }).resources.map(({ name }) => name),
            ["alice-mfa", "bob-mfa", "ops%3Acarol-mfa"],
        );
        assert.deepEqual(JSON.parse(written("import", [])), { resources: [] });
    });

    it("import: the report counts the users to import and names the next command", () => {
        const result = { read: 3, declared: 2, unset: 1, unsetSample: ["bob"], vanished: 0, broken: new Map<string, number>(), failures: [], stoppedEarly: false };
        const report = scanReport({ userPoolId: POOL, format: "import", includeUnset: false, resource: "user", out: "import.json", rules: RULES }, result, 0.5);
        assert.match(report, /\n {2}to import: 2 users; /);
        assert.match(report, /\n {2}without MFA: 1 user, not in the file \(--include-unset adds them\): bob\n/);
        assert.match(report, /\nNext, .*pulumi import --file import\.json --out <code file>/);
    });

    it("from LARGE_STACK_USERS declared on, the report recommends the pool resource, and not below nor for a scan that declares it", () => {
        const result = (declared: number) => ({ read: declared, declared, unset: 0, unsetSample: [], vanished: 0, broken: new Map<string, number>(), failures: [], stoppedEarly: false });
        const report = (format: "config" | "import", declared: number, resource: ResourceKind = "user") =>
            scanReport({ userPoolId: POOL, format, includeUnset: false, resource, out: "users.json", rules: RULES }, result(declared), 9);
        for (const format of ["config", "import"] as const) {
            assert.match(report(format, LARGE_STACK_USERS), /\nThat is 1,000 resources in one stack, .*declare them as one UserMfaPreferenceSet instead, scanning with --resource set/);
            assert.doesNotMatch(report(format, LARGE_STACK_USERS - 1), /UserMfaPreferenceSet/);
            assert.doesNotMatch(report(format, LARGE_STACK_USERS), /PULUMI_SKIP_CHECKPOINTS/);
        }
        assert.doesNotMatch(report("config", LARGE_STACK_USERS, "set"), /That is/);
        assert.match(report("config", LARGE_STACK_USERS, "set"), /users file that is an object as one UserMfaPreferenceSet/);
    });

    const ODD: ScannedUser[] = ["José", "a+b@example.com", "ops:d/e", "__proto__"].map((username) => ({ username, reported: { enabledMfas: ["SMS_MFA"] } }));
    const SET_USERS = { alice: { smsMfa: { enabled: true }, softwareTokenMfa: { enabled: true, preferred: true } }, "ops:carol": { smsMfa: { enabled: true }, emailMfa: { enabled: true } } };
    const oddUsers = () => JSON.parse(`{${ODD.map(({ username }) => `${JSON.stringify(username)}: {"smsMfa":{"enabled":true}}`).join(",")}}`) as object;

    it("config --resource set: the users map of a UserMfaPreferenceSet, one user per line, any username as a key", () => {
        const text = written("config", USERS, false, "set");
        assert.equal(text, '{\n  "alice": {"smsMfa":{"enabled":true},"softwareTokenMfa":{"enabled":true,"preferred":true}},\n  "ops:carol": {"smsMfa":{"enabled":true},"emailMfa":{"enabled":true}}\n}\n');
        assert.deepEqual(JSON.parse(text), SET_USERS);
        assert.deepEqual(JSON.parse(written("config", ODD, false, "set")), oddUsers());
        assert.deepEqual(JSON.parse(written("config", [], false, "set")), {});
    });

    it("typescript --resource set: one UserMfaPreferenceSet of every user with MFA", () => {
        const text = written("typescript", USERS, false, "set");
        assert.match(text, /\nimport \{ UserMfaPreferenceSet \} from "pulumi-cognito-mfa";\n\nexport const users = new UserMfaPreferenceSet\("eu-west-1_Scan123-mfa", \{\n {4}userPoolId: "eu-west-1_Scan123",\n {4}users: \{\n {8}"alice": /);
        assert.ok(text.endsWith('"emailMfa":{"enabled":true}}\n    },\n});\n'), text);
        assert.ok(written("typescript", [], false, "set").endsWith("    users: {},\n});\n"));
    });

    it("yaml: a program's resources, one UserMfaPreference per user, or one UserMfaPreferenceSet", () => {
        assert.equal(
            written("yaml", USERS.slice(0, 2)),
            "# The MFA preferences of the users of user pool eu-west-1_Scan123, as `pulumi-cognito-mfa scan` read them.\nresources:\n" +
                '  alice-mfa:\n    type: cognito-mfa:index:UserMfaPreference\n    properties:\n      userPoolId: "eu-west-1_Scan123"\n      username: "alice"\n' +
                '      smsMfa: {"enabled":true}\n      softwareTokenMfa: {"enabled":true,"preferred":true}\n',
        );
        const set = written("yaml", USERS, false, "set");
        assert.ok(set.includes(`  eu-west-1_Scan123-mfa:\n    type: ${NATIVE_SET_RESOURCE_TYPE}\n    properties:\n      userPoolId: "eu-west-1_Scan123"\n      users: {\n        "alice": {`), set);
        assert.ok(set.endsWith('"emailMfa":{"enabled":true}}\n        }\n'), set);
        assert.ok(written("yaml", [], false, "set").endsWith("      users: {}\n"));
        assert.ok(written("yaml", []).endsWith("resources:\n  {}\n"));
    });

    it("stack-config: a YAML stack's config file whose mfaUsers holds the set's users, one a line", () => {
        const text = written("stack-config", USERS, false, "set");
        assert.equal(
            text,
            "# The MFA preferences of the users of user pool eu-west-1_Scan123, as `pulumi-cognito-mfa scan` read them:\n" +
                "# the stack's config for a Pulumi YAML program that declares `mfaUsers` (type: object) and gives it\n" +
                "# to a cognito-mfa:index:UserMfaPreferenceSet as `users: ${mfaUsers}` (examples/pool-yaml).\n" +
                "config:\n" +
                '  mfaUsers: {\n    "alice": {"smsMfa":{"enabled":true},"softwareTokenMfa":{"enabled":true,"preferred":true}},\n' +
                '    "ops:carol": {"smsMfa":{"enabled":true},"emailMfa":{"enabled":true}}\n    }\n',
        );
        // What the CLI reads: the declarations, by username.
        assert.deepEqual((parseYaml(text) as { config: unknown }).config, {
            mfaUsers: JSON.parse(written("config", USERS, false, "set")),
        });
        assert.deepEqual(parseYaml(written("stack-config", [], false, "set")), { config: { mfaUsers: {} } });
    });

    describe("--sets: a pool's users split into several UserMfaPreferenceSets", () => {
        // Enough users that each of three sets gets some.
        const many: ScannedUser[] = Array.from({ length: 30 }, (_, index) => ({ username: `user-${index}`, reported: { enabledMfas: ["SMS_MFA"], preferredMfa: "SMS_MFA" } }));
        const declared = JSON.parse(written("config", many, false, "set")) as Record<string, unknown>;
        /** The single set's users, grouped as userSetIndex groups them, under each set's name. */
        const expected = (name: (index: number) => string) => {
            const sets: Record<string, Record<string, unknown>> = Object.fromEntries([0, 1, 2].map((index) => [name(index), {}]));
            for (const [username, factors] of Object.entries(declared)) {
                sets[name(userSetIndex(username, 3))][username] = factors;
            }
            return sets;
        };

        it("puts a user in the set a hash of the username picks, the same in every version", () => {
            // Pinned: a different index would move users between sets on upgrade, turning them off and on.
            assert.deepEqual(
                ["alice", "bob", "ops:carol", "José", "李小龙", "a+b@example.com"].map((username) => userSetIndex(username, 10)),
                [1, 2, 1, 7, 6, 5],
            );
            const counts = Array.from({ length: 10 }, () => 0);
            for (let index = 0; index < 10000; index++) {
                counts[userSetIndex(`user-${String(index).padStart(5, "0")}`, 10)] += 1;
            }
            assert.ok(Math.min(...counts) > 900 && Math.max(...counts) < 1100, `sets of about 1,000: ${counts.join(", ")}`);
            assert.throws(() => userSetIndex("alice", 0), /whole number of at least 1/);
        });

        it("config: a list of sets, each its resource name and users, one user a line", () => {
            const text = written("config", many, false, "set", 3);
            const sets = JSON.parse(text) as { name: string; users: unknown }[];
            assert.deepEqual(Object.fromEntries(sets.map(({ name, users }) => [name, users])), expected((index) => `eu-west-1_Scan123-mfa-${index}`));
            assert.equal(text.split("\n").filter((line) => line.includes('"user-')).length, 30);
            assert.deepEqual(JSON.parse(written("config", [], false, "set", 3)), [0, 1, 2].map((index) => ({ name: `eu-west-1_Scan123-mfa-${index}`, users: {} })));
        });

        it("yaml and stack-config: the sets as resources, or as config values a program passes to them", () => {
            const resources = (parseYaml(written("yaml", many, false, "set", 3)) as { resources: Record<string, { type: string; properties: { userPoolId: string; users: unknown } }> }).resources;
            assert.deepEqual(
                Object.fromEntries(Object.entries(resources).map(([name, resource]) => [name, resource.properties.users])),
                expected((index) => `eu-west-1_Scan123-mfa-${index}`),
            );
            assert.ok(Object.values(resources).every((resource) => resource.type === NATIVE_SET_RESOURCE_TYPE && resource.properties.userPoolId === POOL));
            const config = (parseYaml(written("stack-config", many, false, "set", 3)) as { config: unknown }).config;
            assert.deepEqual(config, expected((index) => `mfaUsers${index}`));
        });

        it("typescript: an array of sets sharing the pool id", () => {
            const text = written("typescript", many, false, "set", 3);
            assert.match(text, /\nconst userPoolId = "eu-west-1_Scan123";\n\nexport const sets = \[\n {4}new UserMfaPreferenceSet\("eu-west-1_Scan123-mfa-0", \{\n {8}userPoolId,\n {8}users: \{\n {12}"user-/);
            assert.ok(text.endsWith("\n        },\n    }),\n];\n"), text);
            const users = [...text.matchAll(/^ {12}("user-\d+"): /gm)].map((match) => JSON.parse(match[1]) as string);
            assert.deepEqual(users.sort(), Object.keys(declared).sort());
        });
    });

    it("json: the raw table of every user, with or without MFA", () => {
        assert.deepEqual(JSON.parse(written("json", USERS)), [
            { username: "alice", enabledMfas: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], preferredMfa: "SOFTWARE_TOKEN_MFA" },
            { username: "bob", enabledMfas: [], preferredMfa: null },
            { username: "ops:carol", enabledMfas: ["EMAIL_OTP", "SMS_MFA"], preferredMfa: null },
        ]);
    });
});

async function* numbers(count: number, onYield: (n: number) => void = () => undefined): AsyncGenerator<number> {
    for (let n = 0; n < count; n++) {
        onYield(n);
        yield n;
    }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("scan streams", () => {
    it("mapInOrder keeps the source's order whatever order the steps end in, with at most `concurrency` under way", async () => {
        let running = 0;
        let most = 0;
        const results: number[] = [];
        for await (const value of mapInOrder(numbers(60), 8, async (n) => {
            running += 1;
            most = Math.max(most, running);
            await pause((n * 7) % 11);
            running -= 1;
            return n * 2;
        })) {
            results.push(value);
        }
        assert.deepEqual(results, Array.from({ length: 60 }, (_, n) => n * 2));
        assert.equal(most, 8);
    });

    it("mapInOrder hands a step's rejection on in its turn", async () => {
        const seen: number[] = [];
        await assert.rejects(async () => {
            for await (const value of mapInOrder(numbers(5), 3, async (n) => (n === 2 ? Promise.reject(new Error("two")) : n))) {
                seen.push(value);
            }
        }, /two/);
        assert.deepEqual(seen, [0, 1]);
    });

    it("runAhead lists ahead of its reader, up to its capacity, and says when the listing is complete", async () => {
        let listedBySource = 0;
        const ahead = runAhead(
            numbers(100, () => (listedBySource += 1)),
            10,
        );
        await pause(20);
        assert.equal(ahead.listed, 10);
        assert.equal(ahead.complete, false);
        const read: number[] = [];
        for await (const n of ahead) {
            read.push(n);
        }
        assert.deepEqual(read, Array.from({ length: 100 }, (_, n) => n));
        assert.equal(ahead.listed, 100);
        assert.equal(ahead.complete, true);
        assert.equal(listedBySource, 100);
    });

    it("runAhead passes a listing failure to its reader after what was listed", async () => {
        async function* failing() {
            yield 1;
            throw new Error("listing failed");
        }
        const read: number[] = [];
        await assert.rejects(async () => {
            for await (const n of runAhead(failing(), 10)) {
                read.push(n);
            }
        }, /listing failed/);
        assert.deepEqual(read, [1]);
    });
});

describe("scan over a mocked Cognito", () => {
    const cognito = mockClient(CognitoIdentityProviderClient);
    const names = Array.from({ length: 130 }, (_, n) => `user-${n}`);

    beforeEach(() => {
        cognito.reset();
        // Three pages: 60, 60, 10.
        cognito.on(ListUsersCommand).callsFake((input: { PaginationToken?: string }) => {
            const start = Number(input.PaginationToken ?? 0);
            const next = start + 60 < names.length ? String(start + 60) : undefined;
            return { Users: names.slice(start, start + 60).map((Username) => ({ Username })), PaginationToken: next };
        });
        cognito.on(AdminGetUserCommand).callsFake(async (input: { Username: string }) => {
            const n = Number(input.Username.slice("user-".length));
            await pause(n % 5);
            if (n === 42) {
                throw Object.assign(new Error("User does not exist."), { name: "UserNotFoundException", $metadata: { httpStatusCode: 400 } });
            }
            return { Username: input.Username, UserMFASettingList: n % 2 === 0 ? ["SMS_MFA"] : [], PreferredMfaSetting: n % 2 === 0 ? "SMS_MFA" : undefined };
        });
    });

    function recorder() {
        const chunks: string[] = [];
        const state = { committed: false, discarded: false };
        return { chunks, state, output: { write: async (text: string) => void chunks.push(text), commit: async () => void (state.committed = true), discard: () => void (state.discarded = true) } };
    }

    it("writes every readable user in listing order, counts users without MFA and users deleted meanwhile, then commits", async () => {
        const { chunks, state, output } = recorder();
        const updates: number[] = [];
        const result = await scanUserPool({ userPoolId: POOL, format: "json", includeUnset: false, resource: "user", endpoint: "http://127.0.0.1:9/unit", rules: RULES }, output, {
            update: (done) => updates.push(done),
            stop: () => undefined,
        });
        const table = JSON.parse(chunks.join("")) as { username: string }[];
        assert.deepEqual(
            table.map((user) => user.username),
            names.filter((name) => name !== "user-42"),
        );
        assert.deepEqual({ read: result.read, unset: result.unset, vanished: result.vanished, failures: result.failures }, { read: 129, unset: 65, vanished: 1, failures: [] });
        assert.equal(result.unsetSample.length, 20);
        assert.deepEqual(state, { committed: true, discarded: false });
        assert.equal(updates.at(-1), 130);
        assert.equal(cognito.commandCalls(ListUsersCommand).length, 3);
    });

    it("a user that cannot be read fails the scan: listed in the result, output discarded, never completed", async () => {
        cognito.on(AdminGetUserCommand, { Username: "user-7" }).rejects(Object.assign(new Error("Internal error"), { name: "InternalErrorException", $metadata: { httpStatusCode: 500 } }));
        const { chunks, state, output } = recorder();
        const result = await scanUserPool({ userPoolId: POOL, format: "config", includeUnset: false, resource: "user", endpoint: "http://127.0.0.1:9/unit-failure", rules: RULES }, output, {
            update: () => undefined,
            stop: () => undefined,
        });
        assert.equal(result.failures.length, 1);
        assert.equal(result.failures[0].username, "user-7");
        assert.match(result.failures[0].message, /^AdminGetUser for user "user-7" in user pool eu-west-1_Scan123 failed: InternalErrorException: Internal error/);
        assert.deepEqual(state, { committed: false, discarded: true });
        assert.ok(!chunks.join("").includes("]"), "the list was never closed");
    });
});

describe("scan --format summary", () => {
    const zoe: ScannedUser = { username: "admin|zoe", reported: { enabledMfas: ["SMS_MFA"], preferredMfa: "SMS_MFA" } };

    it("counts by factor, lists users without MFA and with SMS alone, and each violation with its level, in Markdown", () => {
        assert.equal(
            written("summary", [...USERS, zoe]),
            [
                "## MFA in user pool eu\\-west\\-1\\_Scan123",
                "",
                "4 users read.",
                "",
                "| users | count |",
                "|---|---:|",
                "| with MFA | 3 (75%) |",
                "| without MFA | 1 (25%) |",
                "| with SMS as their only factor | 1 (25%) |",
                "",
                "| factor | enabled | preferred |",
                "|---|---:|---:|",
                "| SMS \\(smsMfa\\) | 3 | 1 |",
                "| TOTP \\(softwareTokenMfa\\) | 1 | 1 |",
                "| email OTP \\(emailMfa\\) | 1 | 0 |",
                "",
                "Passkey MFA is not counted: Cognito reports no per-user flag for it.",
                "",
                "### Rules",
                "",
                "| rule | level | users breaking it |",
                "|---|---|---:|",
                "| mfa\\-enabled | mandatory | 1 |",
                "| no\\-sms\\-only | advisory | 1 |",
                "| preferred\\-factor | mandatory | 1 |",
                "| preferred\\-enabled | mandatory | 0 |",
                "",
                "### Users without MFA (1)",
                "",
                "bob",
                "",
                "### Users with SMS as their only factor (1)",
                "",
                "admin\\|zoe",
                "",
                "### Violations (3)",
                "",
                "| user | rule | level | what to do |",
                "|---|---|---|---|",
                '| bob | mfa\\-enabled | mandatory | user "bob" has no MFA factor enabled: enable softwareTokenMfa \\(TOTP\\), emailMfa or smsMfa |',
                '| admin\\|zoe | no\\-sms\\-only | advisory | user "admin\\|zoe" has SMS as the only MFA factor: enable softwareTokenMfa \\(TOTP\\) or emailMfa beside it, and prefer it |',
                '| admin\\|zoe | preferred\\-factor | mandatory | user "admin\\|zoe" matches ^admin and must prefer softwareTokenMfa, but smsMfa is preferred: enable softwareTokenMfa and set its preferred to true |',
                "",
            ].join("\n"),
        );
    });

    it("keeps at most LISTED_NAMES names and LISTED_VIOLATIONS violations, and says how many more", () => {
        const many = Array.from({ length: LISTED_VIOLATIONS + 5 }, (_, i): ScannedUser => ({ username: `u${i}`, reported: { enabledMfas: [] } }));
        const text = written("summary", many);
        assert.match(text, new RegExp(`### Users without MFA \\(1,005\\)\\n\\n(u\\d+, ){${LISTED_NAMES - 1}}u${LISTED_NAMES - 1}\\n\\n… and ${1005 - LISTED_NAMES} more\\.\\n`));
        assert.equal(text.match(/^\| u\d+ \| mfa\\-enabled \|/gm)?.length, LISTED_VIOLATIONS);
        assert.match(text, /### Violations \(1,005\)[^]*\n\n… and 5 more\.\n$/);
    });

    it("names what was scanned: a group, or the users a filter selects", () => {
        const heading = (selection: { group?: string; filter?: string }) => summaryFormat(POOL, RULES, selection).end().split("\n")[0];
        assert.equal(heading({ group: "admins" }), "## MFA in group admins of user pool eu\\-west\\-1\\_Scan123");
        assert.equal(heading({ filter: 'username ^= "a"' }), '## MFA in user pool eu\\-west\\-1\\_Scan123, users with username ^= "a"');
    });

    it("the report names the rules users break, in every format", () => {
        const result = { read: 4, declared: 3, unset: 1, unsetSample: ["bob"], vanished: 0, broken: new Map([["mfa-enabled", 1], ["no-sms-only", 2]]), failures: [], stoppedEarly: false };
        const report = scanReport({ userPoolId: POOL, format: "config", includeUnset: false, resource: "user", out: "users.json", rules: RULES }, result, 1);
        assert.match(report, /\n {2}breaking the MFA rules \(docs\/mfa-rules\.md\): mfa-enabled 1 user \(mandatory\), no-sms-only 2 users \(advisory\); --format summary lists them\n/);
    });
});

describe("the scan command on the Node.js it runs on", function () {
    // A process of its own, from the source, compiled on load (the integration suite runs the build).
    this.timeout(60_000);
    let home = "";
    beforeEach(() => {
        home = fs.mkdtempSync(path.join(os.tmpdir(), "scan-home-"));
    });
    afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

    it("says in one line, before Node.js 22, that the AWS SDK will require it, instead of the SDK's warning; other warnings still show", () => {
        const root = path.resolve(__dirname, "../..");
        const otherWarning = path.join(home, "otherWarning.js");
        fs.writeFileSync(otherWarning, 'process.emitWarning("another warning");\n');
        // Only the environment below: not the test command's, which silences the SDK's warning.
        const env = { PATH: process.env.PATH ?? "", HOME: home, AWS_ACCESS_KEY_ID: "x", AWS_SECRET_ACCESS_KEY: "y", AWS_EC2_METADATA_DISABLED: "true", AWS_MAX_ATTEMPTS: "1" };
        const args = ["--require", "ts-node/register/transpile-only", "--require", otherWarning, "provider/scan/main.ts", "scan", "--user-pool-id", POOL, "--endpoint", "http://127.0.0.1:9"];
        const { status, stderr } = spawnSync(process.execPath, args, { cwd: root, env, encoding: "utf8" });
        // The client was made (so the SDK had its chance to warn), and nothing answered.
        assert.equal(status, 1, stderr);
        assert.match(stderr, /^error: ListUsers for user pool eu-west-1_Scan123 failed: .*ECONNREFUSED/m);
        assert.doesNotMatch(stderr, /NodeVersionSupportWarning/);
        const before22 = Number(process.versions.node.split(".")[0]) < 22;
        assert.deepEqual(
            stderr.split("\n").filter((line) => line.includes("January 2027")),
            before22 ? ['note: AWS SDK for JavaScript versions published after the first week of January 2027 will require Node.js 22 or newer (README, "Node.js 20")'] : [],
        );
        assert.match(stderr, /Warning: another warning\n/);
    });
});
