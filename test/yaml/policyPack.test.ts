// The package's policy pack on a Pulumi YAML program, through the real CLI: `pulumi preview
// --policy-pack node_modules/pulumi-cognito-mfa/policy-pack` with the native plugin installed from
// its archive. The pack is where a YAML user gets it: the npm package installed beside
// @pulumi/policy (the oldest leg's program, scripts/setup/program.sh), run by Node.js through the
// launcher the setup puts beside the CLI (scripts/setup/pulumi-analyzer-policy-nodejs). The
// program and plugin need no Node.js; the pack does. Previews only: a create's preview calls
// nothing, so no Cognito is needed.

import * as assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { pulumiEnv } from "../../harness/pulumi";
import { pathWithoutNode, PLUGIN_ARCHIVE, PLUGIN_VERSION, yamlHostBin } from "../support/yamlProject";

const PROJECT_ROOT = path.resolve(__dirname, "../..");
const DIR = path.join(PROJECT_ROOT, ".cache", "stacks", "yaml-policy");
const GITOPS_CONFIG = path.join(PROJECT_ROOT, "examples", "gitops", "mfa-policy.json");
const POOL = "eu-west-1_Policy1";

let env: NodeJS.ProcessEnv;
let pack: string;

/** A violation as the CLI prints it under "Policies:". */
interface Violation {
    level: string;
    rule: string;
    resource: string;
    message: string;
}

/** `pulumi preview` with the pack (and a config file): its exit status, and every violation it printed. */
function preview(program: string, config?: string): { status: number; output: string; violations: Violation[] } {
    fs.writeFileSync(path.join(DIR, "Pulumi.yaml"), program);
    const args = ["preview", "--stack", "test", "--non-interactive", "--policy-pack", pack, ...(config === undefined ? [] : ["--policy-pack-config", config])];
    const result = spawnSync("pulumi", args, { cwd: DIR, env, encoding: "utf8" });
    const output = `${result.stdout}${result.stderr}`;
    const violations = [...output.matchAll(/^ +- \[(advisory|mandatory)\] +(\S+) +\(cognito-mfa:index:\S+: (\S+)\)\n +.*\n +(.*)$/gm)].map(([, level, rule, resource, message]) => ({ level, rule, resource, message }));
    return { status: result.status ?? -1, output, violations };
}

/** A YAML program of these resources, each `name: [type, properties]`. */
function program(resources: Record<string, readonly ["UserMfaPreference" | "UserMfaPreferenceSet", object]>): string {
    const lines = ["name: cognito-mfa-policy", "runtime: yaml", "resources:"];
    for (const [name, [type, properties]] of Object.entries(resources)) {
        lines.push(`  ${name}:`, `    type: cognito-mfa:index:${type}`, `    properties: ${JSON.stringify({ userPoolId: POOL, ...properties })}`);
    }
    return `${lines.join("\n")}\n`;
}

const TOTP = { softwareTokenMfa: { enabled: true, preferred: true } };
const SMS_ONLY = { smsMfa: { enabled: true, preferred: true } };
/** Keeps every rule at its default level: admin-zoe prefers TOTP, dave has TOTP beside SMS. */
const COMPLIANT_USERS = { "admin-zoe": TOTP, dave: { smsMfa: { enabled: true }, ...TOTP }, "let-go": {} };
const COMPLIANT = {
    "alice-mfa": ["UserMfaPreference", { username: "alice", ...TOTP, smsMfa: { enabled: true } }],
    "pool-mfa": ["UserMfaPreferenceSet", { users: COMPLIANT_USERS }],
} as const;

describe("the policy pack on a YAML program (native plugin), with the CLI", function () {
    this.timeout(120_000);

    before(() => {
        const yamlBin = yamlHostBin();
        const programDir = execFileSync("bash", [path.join(PROJECT_ROOT, "scripts", "setup", "program.sh"), "oldest", "npm", process.env.PULUMI_OLDEST ?? "3.248.0"], {
            encoding: "utf8",
            stdio: ["ignore", "pipe", "inherit"],
        }).trim();
        pack = path.join(programDir, "node_modules", "pulumi-cognito-mfa", "policy-pack");
        fs.rmSync(DIR, { recursive: true, force: true });
        fs.rmSync(`${DIR}-path`, { recursive: true, force: true });
        fs.mkdirSync(path.join(DIR, "state"), { recursive: true });
        fs.writeFileSync(path.join(DIR, "Pulumi.yaml"), program(COMPLIANT));
        const searchPath = (process.env.PATH ?? "").split(path.delimiter).filter((dir) => dir !== "" && !fs.existsSync(path.join(dir, "pulumi-resource-cognito-mfa")));
        env = {
            ...process.env,
            ...pulumiEnv(DIR, {}),
            PULUMI_BACKEND_URL: `file://${path.join(DIR, "state")}`,
            // The pack's Node.js first (the launcher runs `node`), then everything else but Node.js.
            PATH: [path.dirname(process.execPath), yamlBin, ...pathWithoutNode(searchPath, `${DIR}-path`)].join(path.delimiter),
        };
        for (const args of [["plugin", "install", "resource", "cognito-mfa", PLUGIN_VERSION, "--file", PLUGIN_ARCHIVE], ["stack", "init", "test"]]) {
            const result = spawnSync("pulumi", [...args, "--non-interactive"], { cwd: DIR, env, encoding: "utf8" });
            assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
        }
    });

    it("a compliant program passes, the pack loaded from the installed package", () => {
        const run = preview(program(COMPLIANT));
        assert.equal(run.status, 0, run.output);
        // The CLI shortens the path it prints.
        assert.match(run.output, new RegExp(`Policies:\\n +✅ cognito-mfa@v${PLUGIN_VERSION.replace(/\./g, "\\.")} \\(local: \\S*/pulumi-cognito-mfa/policy-pack\\)\\n`), run.output);
        assert.deepEqual(run.violations, []);
    });

    it("SMS as a user's only factor, in a set, warns (advisory) and passes", () => {
        const run = preview(program({ ...COMPLIANT, "pool-mfa": ["UserMfaPreferenceSet", { users: { ...COMPLIANT_USERS, "ops:carol": SMS_ONLY } }] }));
        assert.equal(run.status, 0, run.output);
        assert.deepEqual(run.violations, [
            {
                level: "advisory",
                rule: "no-sms-only",
                resource: "pool-mfa",
                message: 'user "ops:carol" has SMS as the only MFA factor as declared (a factor left out counts as off): enable softwareTokenMfa (TOTP) or emailMfa beside it, and prefer it',
            },
        ]);
    });

    it("mandatory rules fail the preview, each naming its user: no factor enabled, an admin not on TOTP", () => {
        const run = preview(
            program({
                ...COMPLIANT,
                "bob-mfa": ["UserMfaPreference", { username: "bob", smsMfa: { enabled: false } }],
                "pool-mfa": ["UserMfaPreferenceSet", { users: { "admin-zoe": { emailMfa: { enabled: true, preferred: true } }, dave: TOTP } }],
            }),
        );
        assert.notEqual(run.status, 0, run.output);
        assert.deepEqual(run.violations.sort((a, b) => a.rule.localeCompare(b.rule)), [
            {
                level: "mandatory",
                rule: "mfa-enabled",
                resource: "bob-mfa",
                message: 'user "bob" has no MFA factor enabled as declared (a factor left out counts as off): enable softwareTokenMfa (TOTP), emailMfa or smsMfa',
            },
            {
                level: "mandatory",
                rule: "preferred-factor",
                resource: "pool-mfa",
                message: 'user "admin-zoe" matches ^admin and must prefer softwareTokenMfa, but emailMfa is preferred: enable softwareTokenMfa and set its preferred to true',
            },
        ]);
    });

    it("a preferred factor that is off: the plugin's check refuses it, and the pack names it too", () => {
        const run = preview(program({ "pool-mfa": ["UserMfaPreferenceSet", { users: { dave: { smsMfa: { enabled: false, preferred: true }, softwareTokenMfa: { enabled: true } } } }] }));
        assert.notEqual(run.status, 0, run.output);
        assert.deepEqual(run.violations, [
            { level: "mandatory", rule: "preferred-enabled", resource: "pool-mfa", message: 'user "dave" prefers smsMfa, which is not enabled: enable smsMfa, or prefer an enabled factor' },
        ]);
        assert.match(run.output, /error: .*property users\["dave"\]\.smsMfa\.preferred .*: smsMfa is preferred but not enabled; set smsMfa\.enabled to true or smsMfa\.preferred to false/);
    });

    it("the config file changes a rule's level and the pattern: SMS alone fails, ops: users must prefer TOTP or email, admins are free", () => {
        const config = path.join(DIR, "policy.json");
        fs.writeFileSync(config, JSON.stringify({ "no-sms-only": { enforcementLevel: "mandatory" }, "preferred-factor": { usernamePattern: "^ops:", factors: ["softwareTokenMfa", "emailMfa"] } }));
        const users = { "admin-zoe": SMS_ONLY, "ops:erin": { emailMfa: { enabled: true, preferred: true } }, "ops:carol": { smsMfa: { enabled: true, preferred: true }, softwareTokenMfa: { enabled: true } } };
        const run = preview(program({ "pool-mfa": ["UserMfaPreferenceSet", { users }] }), config);
        assert.notEqual(run.status, 0, run.output);
        assert.deepEqual(run.violations.map(({ level, rule, message }) => `${level} ${rule}: ${message.split(" and must")[0].split(" has SMS")[0]}`).sort(), [
            'mandatory no-sms-only: user "admin-zoe"',
            'mandatory preferred-factor: user "ops:carol" matches ^ops:',
        ]);
    });

    it("the GitOps example's config file is one the CLI takes for the pack", () => {
        const run = preview(program(COMPLIANT), GITOPS_CONFIG);
        assert.equal(run.status, 0, run.output);
        assert.deepEqual(run.violations, []);
    });
});
