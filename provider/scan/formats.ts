// The four things a scan can write, each a stream: text before the first user, one entry per
// user in the order Cognito listed them, text after the last. `config` and `typescript` declare
// each user with MFA exactly as Cognito reports them; `json` is the raw table of every user;
// `import` is Pulumi's bulk-import file for the native provider (`pulumi import --file`).

import { declaredFactors, type DeclaredFactors, type ReportedMfa } from "../core/mapping";
import { resourceId } from "../core/operations";
import { userMfaResourceName } from "../core/resourceName";

export const FORMATS = ["config", "typescript", "json", "import"] as const;
export type FormatName = (typeof FORMATS)[number];

/**
 * The native provider's type token (provider/native/provider.ts, RESOURCE_TYPE; a unit test holds
 * them equal). Written here, not imported: the npm package that ships the scan leaves the plugin out.
 */
export const NATIVE_RESOURCE_TYPE = "cognito-mfa:index:UserMfaPreference";

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

export function formatFor(name: FormatName, options: FormatOptions): Format {
    switch (name) {
        case "config":
            return jsonArray((user) => {
                const factors = declarationOf(user, options.includeUnset);
                return factors && { username: user.username, ...factors };
            });
        case "json":
            return jsonArray((user) => ({ username: user.username, enabledMfas: user.reported.enabledMfas, preferredMfa: user.reported.preferredMfa ?? null }));
        case "typescript":
            return typescriptModule(options);
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
    }
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

function typescriptModule({ userPoolId, includeUnset }: FormatOptions): Format {
    return {
        begin: () =>
            [
                `// The MFA preferences of the users of user pool ${userPoolId}, as \`pulumi-cognito-mfa scan\` read them.`,
                "// Each resource manages exactly the factors its user has enabled, and the preferred one, so",
                "// adopting them with `pulumi up` changes nothing in Cognito.",
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
