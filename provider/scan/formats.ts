// The six things a scan can write, each a stream: text before the first user, one entry per
// user in the order Cognito listed them, text after the last. `config`, `typescript` and `yaml`
// declare each user with MFA exactly as Cognito reports them, either as one UserMfaPreference per
// user or, with `--resource set`, as the users of one UserMfaPreferenceSet; `json` is the raw
// table of every user; `import` is Pulumi's bulk-import file for the native provider
// (`pulumi import --file`); `summary` is the pool judged by the MFA rules, in Markdown (summary.ts).

import { declaredFactors, type DeclaredFactors, type ReportedMfa } from "../core/mapping";
import { resourceId } from "../core/operations";
import { userMfaResourceName } from "../core/resourceName";
import { userSetIndex } from "../core/userSets";
import type { RuleSetting } from "../core/ruleSettings";
import { summaryFormat } from "./summary";

export const FORMATS = ["config", "typescript", "yaml", "stack-config", "json", "import", "summary"] as const;
export type FormatName = (typeof FORMATS)[number];

/** What the declarations are: a UserMfaPreference per user, or one UserMfaPreferenceSet of them all. */
export const RESOURCE_KINDS = ["user", "set"] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/**
 * The native provider's type tokens (provider/native/provider.ts, RESOURCE_TYPE and
 * SET_RESOURCE_TYPE; a unit test holds them equal). Written here, not imported: the npm package
 * that ships the scan leaves the plugin out.
 */
export const NATIVE_RESOURCE_TYPE = "cognito-mfa:index:UserMfaPreference";
export const NATIVE_SET_RESOURCE_TYPE = "cognito-mfa:index:UserMfaPreferenceSet";

export interface ScannedUser {
    username: string;
    reported: ReportedMfa;
}

export interface Format {
    begin(): string;
    /** The user's entry; undefined when this format leaves the user out. */
    entry(user: ScannedUser): string | undefined;
    end(): string;
}

export interface FormatOptions {
    userPoolId: string;
    /** Declare users without MFA too, with SMS and TOTP off. */
    includeUnset: boolean;
    resource: ResourceKind;
    /** With `resource: "set"`, the users split into this many sets by userSetIndex (1: one set). */
    sets?: number;
    /** How the MFA rules judge each user (summary). */
    rules: readonly RuleSetting[];
    /** The group scanned, or the filter, when one was (summary). */
    group?: string;
    filter?: string;
}

/**
 * The config key of a Pulumi YAML program that holds a pool resource's users in its stack's config
 * (`--format stack-config`; examples/pool-yaml). Apart from the resource's name: the YAML language
 * host gives config keys and resources one namespace.
 */
export const YAML_USERS_CONFIG_KEY = "mfaUsers";

/** The pool resource's name in the declarations written for it. */
export function setResourceName(userPoolId: string): string {
    return userMfaResourceName(userPoolId);
}

/**
 * A user with no factor enabled, declared on request: the two factors every MFA pool can offer,
 * off. Email OTP is left out (it needs the Essentials plan), passkeys too (not readable per user).
 */
const UNSET_FACTORS: DeclaredFactors = { smsMfa: { enabled: false }, softwareTokenMfa: { enabled: false } };

/** What a program declares for the user; undefined for a user without MFA, unless asked to include them. */
export function declarationOf(user: ScannedUser, includeUnset: boolean): DeclaredFactors | undefined {
    const factors = declaredFactors(user.reported);
    if (Object.keys(factors).length > 0) {
        return factors;
    }
    return includeUnset ? UNSET_FACTORS : undefined;
}

/** The formats that can declare a pool's users as several UserMfaPreferenceSets (`--sets`). */
export const SPLIT_FORMATS: readonly FormatName[] = ["config", "typescript", "yaml", "stack-config"];

/** The name of set INDEX of a pool split into several. */
export function splitSetName(userPoolId: string, index: number): string {
    return `${setResourceName(userPoolId)}-${index}`;
}

/** The stack config key of set INDEX's users, for a Pulumi YAML program (`--format stack-config --sets`). */
export function splitUsersConfigKey(index: number): string {
    return `${YAML_USERS_CONFIG_KEY}${index}`;
}

export function formatFor(name: FormatName, options: FormatOptions): Format {
    const set = options.resource === "set";
    if (set && (options.sets ?? 1) > 1 && SPLIT_FORMATS.includes(name)) {
        return splitFormat(name, options.sets!, options);
    }
    switch (name) {
        case "config":
            if (set) {
                const users = jsonObject((user) => declarationOf(user, options.includeUnset));
                return { ...users, end: () => `${users.end()}\n` };
            }
            return jsonArray((user) => {
                const factors = declarationOf(user, options.includeUnset);
                return factors && { username: user.username, ...factors };
            });
        case "json":
            return jsonArray((user) => ({ username: user.username, enabledMfas: user.reported.enabledMfas, preferredMfa: user.reported.preferredMfa ?? null }));
        case "typescript":
            return set ? typescriptSetModule(options) : typescriptModule(options);
        case "yaml":
            return set ? yamlSetResource(options) : yamlResources(options);
        case "stack-config":
            return yamlStackConfig(options);
        case "import":
            // Same users as `config`; `pulumi import` then reads each one's SMS, TOTP and email
            // OTP settings from Cognito and declares all three as they are.
            return jsonArray(
                (user) =>
                    declarationOf(user, options.includeUnset) && {
                        type: NATIVE_RESOURCE_TYPE,
                        name: userMfaResourceName(user.username),
                        id: resourceId(options.userPoolId, user.username),
                    },
                '{"resources":[',
                "]}",
            );
        case "summary":
            return summaryFormat(options.userPoolId, options.rules, options);
    }
}

/**
 * A JSON object with one user per line, by username: the `users` of a UserMfaPreferenceSet. Its
 * lines are indented by INDENT, its closing brace by CLOSE; `{}` when no user is declared.
 */
function jsonObject(value: (user: ScannedUser) => object | undefined, indent = "  ", close = ""): Format {
    let count = 0;
    return {
        begin: () => "{",
        entry: (user) => {
            const entry = value(user);
            if (entry === undefined) {
                return undefined;
            }
            count += 1;
            return `${count === 1 ? "" : ","}\n${indent}${JSON.stringify(user.username)}: ${JSON.stringify(entry)}`;
        },
        end: () => (count === 0 ? "}" : `\n${close}}`),
    };
}

/**
 * A JSON array with one element per line, so that a re-scan's changes read as line diffs; `open`
 * and `close` may wrap it in an object.
 */
function jsonArray(element: (user: ScannedUser) => object | undefined, open = "[", close = "]"): Format {
    let count = 0;
    return {
        begin: () => open,
        entry: (user) => {
            const value = element(user);
            if (value === undefined) {
                return undefined;
            }
            count += 1;
            return `${count === 1 ? "" : ","}\n${JSON.stringify(value)}`;
        },
        end: () => `\n${close}\n`,
    };
}

const TYPESCRIPT_HEADER = (userPoolId: string) => [
    `// The MFA preferences of the users of user pool ${userPoolId}, as \`pulumi-cognito-mfa scan\` read them.`,
    "// Each user is declared with exactly the factors the user has enabled, and the preferred one, so",
    "// adopting them with `pulumi up` changes nothing in Cognito.",
];

function typescriptModule({ userPoolId, includeUnset }: FormatOptions): Format {
    return {
        begin: () =>
            [
                ...TYPESCRIPT_HEADER(userPoolId),
                'import { UserMfaPreference } from "pulumi-cognito-mfa";',
                "",
                `const userPoolId = ${JSON.stringify(userPoolId)};`,
                "",
                "",
            ].join("\n"),
        entry: (user) => {
            const factors = declarationOf(user, includeUnset);
            return factors && `new UserMfaPreference(${JSON.stringify(userMfaResourceName(user.username))}, { userPoolId, username: ${JSON.stringify(user.username)}, ${typescriptFactors(factors)} });\n`;
        },
        end: () => "",
    };
}

function typescriptFactors(factors: DeclaredFactors): string {
    return Object.entries(factors)
        .map(([factor, { enabled, preferred }]) => `${factor}: { enabled: ${enabled}${preferred ? ", preferred: true" : ""} }`)
        .join(", ");
}


function typescriptSetModule({ userPoolId, includeUnset }: FormatOptions): Format {
    const users = jsonObject((user) => declarationOf(user, includeUnset), "        ", "    ");
    return {
        begin: () =>
            [
                ...TYPESCRIPT_HEADER(userPoolId),
                'import { UserMfaPreferenceSet } from "pulumi-cognito-mfa";',
                "",
                `export const users = new UserMfaPreferenceSet(${JSON.stringify(setResourceName(userPoolId))}, {`,
                `    userPoolId: ${JSON.stringify(userPoolId)},`,
                `    users: ${users.begin()}`,
            ].join("\n"),
        entry: users.entry,
        end: () => `${users.end()},\n});\n`,
    };
}

/** YAML takes JSON's flow style: each value is written as JSON, which YAML reads as it is. */
function yamlResources({ userPoolId, includeUnset }: FormatOptions): Format {
    let count = 0;
    return {
        begin: () => `# The MFA preferences of the users of user pool ${userPoolId}, as \`pulumi-cognito-mfa scan\` read them.\nresources:\n`,
        entry: (user) => {
            const factors = declarationOf(user, includeUnset);
            if (factors === undefined) {
                return undefined;
            }
            count += 1;
            const properties = Object.entries({ userPoolId, username: user.username, ...factors }).map(([key, value]) => `      ${key}: ${JSON.stringify(value)}\n`);
            return `  ${userMfaResourceName(user.username)}:\n    type: ${NATIVE_RESOURCE_TYPE}\n    properties:\n${properties.join("")}`;
        },
        end: () => (count === 0 ? "  {}\n" : ""),
    };
}

function yamlSetResource({ userPoolId, includeUnset }: FormatOptions): Format {
    // In a flow mapping, every line is indented more than the block it sits in.
    const users = jsonObject((user) => declarationOf(user, includeUnset), "        ", "        ");
    return {
        begin: () =>
            [
                `# The MFA preferences of the users of user pool ${userPoolId}, as \`pulumi-cognito-mfa scan\` read them.`,
                "resources:",
                `  ${setResourceName(userPoolId)}:`,
                `    type: ${NATIVE_SET_RESOURCE_TYPE}`,
                "    properties:",
                `      userPoolId: ${JSON.stringify(userPoolId)}`,
                `      users: ${users.begin()}`,
            ].join("\n"),
        entry: users.entry,
        end: () => `${users.end()}\n`,
    };
}

/**
 * A stack's config file (Pulumi.<stack>.yaml) whose `mfaUsers` holds the pool resource's users,
 * for a Pulumi YAML program that declares `mfaUsers` of type object and passes it as `users`. The
 * YAML language host type-checks a literal map in the program against the schema in time that grows
 * with the square of its entries (10,000 users: minutes); a config value of type object, it takes
 * as it is, and the plugin's check validates every user.
 */
function yamlStackConfig({ userPoolId, includeUnset }: FormatOptions): Format {
    const users = jsonObject((user) => declarationOf(user, includeUnset), "    ", "    ");
    return {
        begin: () =>
            [
                `# The MFA preferences of the users of user pool ${userPoolId}, as \`pulumi-cognito-mfa scan\` read them:`,
                `# the stack's config for a Pulumi YAML program that declares \`${YAML_USERS_CONFIG_KEY}\` (type: object) and gives it`,
                `# to a ${NATIVE_SET_RESOURCE_TYPE} as \`users: \${${YAML_USERS_CONFIG_KEY}}\` (examples/pool-yaml).`,
                "config:",
                `  ${YAML_USERS_CONFIG_KEY}: ${users.begin()}`,
            ].join("\n"),
        entry: users.entry,
        end: () => `${users.end()}\n`,
    };
}

/**
 * A pool's users as COUNT UserMfaPreferenceSets, each user in the set userSetIndex picks. Each
 * set's users are kept until the scan ends, then written set after set, one user a line.
 */
function splitFormat(name: FormatName, count: number, { userPoolId, includeUnset }: FormatOptions): Format {
    const declared = (user: ScannedUser) => declarationOf(user, includeUnset);
    const layouts: Record<string, { open: string; set: (index: number) => { users: Format; open: string; close: string }; separator: string; close: string }> = {
        // A list, so that no map of users is mistaken for it: each set's name and users.
        config: {
            open: "[",
            set: (index) => ({ users: jsonObject(declared, "  ", ""), open: `\n{"name": ${JSON.stringify(splitSetName(userPoolId, index))}, "users": `, close: "}" }),
            separator: ",",
            close: "\n]\n",
        },
        typescript: {
            open: [
                ...TYPESCRIPT_HEADER(userPoolId),
                `// The users are split into ${count} UserMfaPreferenceSets by userSetIndex(username, ${count}); keep that number.`,
                'import { UserMfaPreferenceSet } from "pulumi-cognito-mfa";',
                "",
                `const userPoolId = ${JSON.stringify(userPoolId)};`,
                "",
                "export const sets = [",
            ].join("\n"),
            set: (index) => ({
                users: jsonObject(declared, "            ", "        "),
                open: `\n    new UserMfaPreferenceSet(${JSON.stringify(splitSetName(userPoolId, index))}, {\n        userPoolId,\n        users: `,
                close: ",\n    }),",
            }),
            separator: "",
            close: "\n];\n",
        },
        yaml: {
            open: `# The MFA preferences of the users of user pool ${userPoolId}, as \`pulumi-cognito-mfa scan\` read them,\n# in ${count} sets by userSetIndex(username, ${count}); keep that number.\nresources:`,
            set: (index) => ({
                users: jsonObject(declared, "        ", "        "),
                open: `\n  ${splitSetName(userPoolId, index)}:\n    type: ${NATIVE_SET_RESOURCE_TYPE}\n    properties:\n      userPoolId: ${JSON.stringify(userPoolId)}\n      users: `,
                close: "",
            }),
            separator: "",
            close: "\n",
        },
        "stack-config": {
            open: [
                `# The MFA preferences of the users of user pool ${userPoolId}, as \`pulumi-cognito-mfa scan\` read them, in ${count} sets`,
                `# by userSetIndex(username, ${count}); keep that number. The stack's config for a Pulumi YAML program that declares`,
                `# \`${splitUsersConfigKey(0)}\` to \`${splitUsersConfigKey(count - 1)}\` (type: object) and gives each to a ${NATIVE_SET_RESOURCE_TYPE}`,
                `# as \`users: \${${splitUsersConfigKey(0)}}\` and so on.`,
                "config:",
            ].join("\n"),
            set: (index) => ({ users: jsonObject(declared, "    ", "    "), open: `\n  ${splitUsersConfigKey(index)}: `, close: "" }),
            separator: "",
            close: "\n",
        },
    };
    const layout = layouts[name];
    const sets = Array.from({ length: count }, (_, index) => layout.set(index));
    const entries = sets.map(() => [] as string[]);
    return {
        begin: () => layout.open,
        entry: (user) => {
            const index = userSetIndex(user.username, count);
            const entry = sets[index].users.entry(user);
            if (entry === undefined) {
                return undefined;
            }
            entries[index].push(entry);
            return "";
        },
        end: () => sets.map(({ users, open, close }, index) => `${open}${users.begin()}${entries[index].join("")}${users.end()}${close}`).join(layout.separator) + layout.close,
    };
}
