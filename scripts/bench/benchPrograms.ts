// The three programs the benchmark compares, each managing N users' SMS MFA preference:
// - ours: UserMfaPreference, paced at Cognito's quotas (the default);
// - unpaced: the same with pacing off, to show what is the provider's cost and what the quota's;
// - native: the same resource through the native plugin and its generated Node.js SDK;
// - set, native-set: the pool resource, one UserMfaPreferenceSet of every user (dynamic, native);
//   (yamlProgram: the same, declared in Pulumi YAML, for the YAML language host; yamlSetProgram:
//   the pool resource in Pulumi YAML, its users written in the program or in the stack's config);
// - floor: the same properties on a do-nothing dynamic resource (what the engine costs alone);
// - workaround: what people do today, one resource per user that shells out to
//   `aws cognito-idp admin-set-user-mfa-preference`, as a `@pulumi/command` local.Command would.
//   The command provider's plugin cannot be built here (its Go module is not served by the module
//   proxy), so a dynamic resource runs the same shell command, concurrently, create and delete.

import * as pulumi from "@pulumi/pulumi";
import { installedPackage } from "../../harness/installedPackage";

export type ProgramKind = "floor" | "ours" | "unpaced" | "native" | "workaround" | "set" | "native-set";

export interface BenchSpec {
    kind: ProgramKind;
    userPoolId: string;
    usernames: string[];
    /** The update phase flips this on every resource. */
    preferred: boolean;
    /** One user whose preferred is the opposite of everyone else's: the one-user change. */
    flipped?: string;
    /**
     * False: every user's SMS is declared off, as users made with no MFA have it, so that nothing is
     * written before the change, which turns the flipped user's SMS on. Default true.
     */
    smsEnabled?: boolean;
    /** native-set: the users split into this many pool resources, by a hash of the username. Default 1. */
    shards?: number;
    awsCli: string;
}

const floorProvider: pulumi.dynamic.ResourceProvider = {
    create: async (inputs) => ({ id: inputs.username, outs: inputs }),
    update: async (_id, _olds, news) => ({ outs: news }),
};

function runShell(command: string): Promise<void> {
    return new Promise((resolve, reject) =>
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require("node:child_process").execFile("sh", ["-c", command], (error: Error | null) => (error ? reject(error) : resolve())),
    );
}

// Runs a shell command like local.Command: `create` on create and on every change, `delete` on delete.
const commandProvider: pulumi.dynamic.ResourceProvider = {
    create: async (inputs) => {
        await runShell(inputs.create);
        return { id: inputs.user, outs: inputs };
    },
    update: async (_id, _olds, news) => {
        await runShell(news.create);
        return { outs: news };
    },
    delete: async (_id, props) => runShell(props.delete),
};

class FloorResource extends pulumi.dynamic.Resource {
    constructor(name: string, props: pulumi.Inputs) {
        super(floorProvider, name, props, undefined, "bench", "Floor");
    }
}

class CommandResource extends pulumi.dynamic.Resource {
    constructor(name: string, props: pulumi.Inputs) {
        super(commandProvider, name, props, undefined, "bench", "Command");
    }
}

function awsCommand(spec: BenchSpec, username: string, enabled: boolean, preferred: boolean): string {
    return [
        spec.awsCli,
        "cognito-idp admin-set-user-mfa-preference",
        `--region ${spec.userPoolId.split("_")[0]}`,
        `--user-pool-id ${spec.userPoolId}`,
        `--username ${username}`,
        `--sms-mfa-settings Enabled=${enabled},PreferredMfa=${preferred}`,
    ].join(" ");
}

/** Every user's SMS MFA as SPEC says: the same declaration in every program. */
function smsMfaOf(spec: BenchSpec, username: string) {
    if (spec.smsEnabled === false) {
        return { enabled: username === spec.flipped, preferred: false };
    }
    return { enabled: true, preferred: username === spec.flipped ? !spec.preferred : spec.preferred };
}

/** The pool resource's users: each username's factor blocks. */
export function usersOf(spec: BenchSpec): Record<string, { smsMfa: { enabled: boolean; preferred: boolean } }> {
    return Object.fromEntries(spec.usernames.map((username) => [username, { smsMfa: smsMfaOf(spec, username) }]));
}

/**
 * The pool resources the program declares: one of every user, named "users"; or, with `shards`,
 * that many, "users-0" and on, each user in the one userSetIndex picks.
 */
export function setsOf(spec: BenchSpec): { name: string; users: ReturnType<typeof usersOf> }[] {
    const users = usersOf(spec);
    const shards = spec.shards ?? 1;
    if (shards === 1) {
        return [{ name: "users", users }];
    }
    const sets = Array.from({ length: shards }, (_, index) => ({ name: `users-${index}`, users: {} as typeof users }));
    for (const [username, factors] of Object.entries(users)) {
        sets[installedPackage.userSetIndex(username, shards)].users[username] = factors;
    }
    return sets;
}

export function benchProgram(spec: BenchSpec): () => Promise<void> {
    return async () => {
        if (spec.kind === "set" || spec.kind === "native-set") {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const resources = spec.kind === "set" ? installedPackage : (require("pulumi-cognito-mfa-native") as typeof import("pulumi-cognito-mfa-native"));
            for (const set of setsOf(spec)) {
                new resources.UserMfaPreferenceSet(set.name, { userPoolId: spec.userPoolId, users: set.users });
            }
            return;
        }
        for (const username of spec.usernames) {
            const smsMfa = smsMfaOf(spec, username);
            if (spec.kind === "ours" || spec.kind === "unpaced") {
                new installedPackage.UserMfaPreference(username, { userPoolId: spec.userPoolId, username, smsMfa });
            } else if (spec.kind === "native") {
                // Loaded only for this kind: the SDK is installed in the benchmark's program alone.
                // eslint-disable-next-line @typescript-eslint/no-require-imports
                const native = require("pulumi-cognito-mfa-native") as typeof import("pulumi-cognito-mfa-native");
                new native.UserMfaPreference(username, { userPoolId: spec.userPoolId, username, smsMfa });
            } else if (spec.kind === "floor") {
                new FloorResource(username, { userPoolId: spec.userPoolId, username, smsMfa });
            } else {
                new CommandResource(username, {
                    user: `${spec.userPoolId}/${username}`,
                    create: awsCommand(spec, username, true, spec.preferred),
                    delete: awsCommand(spec, username, false, false),
                });
            }
        }
    };
}

/**
 * The native program as Pulumi YAML (`runtime: yaml`), for the YAML language host: the same users
 * and properties as `native`, with no SDK. Written to the stack's directory before each phase.
 */
export function yamlProgram(spec: BenchSpec, project: string, backendUrl: string): string {
    const lines = [`name: ${project}`, "runtime: yaml", "backend:", `  url: ${backendUrl}`, "resources:"];
    for (const username of spec.usernames) {
        const preferred = username === spec.flipped ? !spec.preferred : spec.preferred;
        lines.push(
            `  ${username}:`,
            "    type: cognito-mfa:index:UserMfaPreference",
            "    properties:",
            `      userPoolId: ${spec.userPoolId}`,
            `      username: ${username}`,
            `      smsMfa: { enabled: true, preferred: ${preferred} }`,
        );
    }
    return `${lines.join("\n")}\n`;
}

/** Where a YAML program of the pool resource holds its users. */
export type YamlUsersForm = "literal" | "config";

/**
 * The pool resource in Pulumi YAML: its users as a literal in Pulumi.yaml, or in the stack's
 * config file as a config value of type `object` (README, "Large pools"). The files to write, by
 * name, for the stack STACK.
 */
export function yamlSetProgram(spec: BenchSpec, project: string, stack: string, backendUrl: string, form: YamlUsersForm): Record<string, string> {
    const users = spec.usernames.map((username) => {
        const { enabled, preferred } = smsMfaOf(spec, username);
        return `${username}: { smsMfa: { enabled: ${enabled}, preferred: ${preferred} } }`;
    });
    const head = [`name: ${project}`, "runtime: yaml", "backend:", `  url: ${backendUrl}`];
    const resource = ["resources:", "  users:", "    type: cognito-mfa:index:UserMfaPreferenceSet", "    properties:", `      userPoolId: ${spec.userPoolId}`];
    if (form === "literal") {
        return { "Pulumi.yaml": [...head, ...resource, "      users:", ...users.map((user) => `        ${user}`)].join("\n") + "\n" };
    }
    return {
        // A config key apart from the resource's name: the YAML language host gives both one namespace.
        "Pulumi.yaml": [...head, "config:", "  mfaUsers:", "    type: object", ...resource, "      users: ${mfaUsers}"].join("\n") + "\n",
        [`Pulumi.${stack}.yaml`]: ["config:", `  ${project}:mfaUsers:`, ...users.map((user) => `    ${user}`)].join("\n") + "\n",
    };
}
