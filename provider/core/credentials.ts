// Which credential problem an AWS SDK error is, and how to fix it. The SDK's default chain ends
// every failure to find credentials with the same message ("Could not load credentials from any
// providers"), whether no credentials exist or AWS_PROFILE names a profile that does not; the
// two are told apart by looking for the profile's section in the shared config files.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

type Environment = Record<string, string | undefined>;

const CREDENTIAL_ERRORS = ["CredentialsProviderError", "TokenProviderError"];

const NONE_FOUND =
    "no AWS credentials were found: set AWS_PROFILE to a profile of ~/.aws/config (`aws configure` or `aws configure sso` makes one), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where a role provides them (EC2 instance profile, ECS or EKS task role, CI OIDC)";
const SESSION_TOKEN_EXPIRED =
    "the AWS credentials are temporary and their session token has expired: get new ones (`aws sso login`, assume the role again, or renew AWS_SESSION_TOKEN with the rest of the key), then run again";
const NOT_VALID =
    "AWS does not recognize these credentials (unknown access key id, or a secret key that does not match it): check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the profile in use";

/** The fix for a credential problem; undefined when the error is not one. */
export function credentialFix(name: string, said: string, environment: Environment = process.env): string | undefined {
    if (name === "ExpiredTokenException" || /security token included in the request is expired/i.test(said)) {
        return SESSION_TOKEN_EXPIRED;
    }
    if (name === "UnrecognizedClientException" || name === "InvalidSignatureException") {
        return NOT_VALID;
    }
    if (!CREDENTIAL_ERRORS.includes(name)) {
        return undefined;
    }
    const profile = environment.AWS_PROFILE || undefined;
    const profileFlag = profile === undefined ? "" : ` --profile ${profile}`;
    if (/sso/i.test(said)) {
        return `the IAM Identity Center (SSO) sign-in of ${profile === undefined ? "the profile in use" : `profile "${profile}"`} has expired or was never made: run \`aws sso login${profileFlag}\`, then run again`;
    }
    if (profile !== undefined && !profileNames(environment).has(profile)) {
        return `AWS_PROFILE names the profile "${profile}", which is in neither ${configFile(environment)} nor ${credentialsFile(environment)}: correct AWS_PROFILE (\`aws configure list-profiles\` lists the profiles there are), or unset it to use the default credentials`;
    }
    if (profile !== undefined) {
        return `the profile "${profile}" (AWS_PROFILE) gave no credentials: complete it (\`aws configure${profileFlag}\`), or unset AWS_PROFILE to use the default credentials`;
    }
    return NONE_FOUND;
}

function configFile(environment: Environment): string {
    return environment.AWS_CONFIG_FILE || path.join(homeDirectory(environment), ".aws", "config");
}

function credentialsFile(environment: Environment): string {
    return environment.AWS_SHARED_CREDENTIALS_FILE || path.join(homeDirectory(environment), ".aws", "credentials");
}

function homeDirectory(environment: Environment): string {
    return environment.HOME || os.homedir();
}

/** Profile names in the shared files: `[profile NAME]` or `[default]` in config, `[NAME]` in credentials. */
function profileNames(environment: Environment): Set<string> {
    const names = new Set<string>();
    for (const [file, section] of [
        [configFile(environment), /^\s*\[\s*(?:profile\s+)?([^\]\s]+)\s*\]/gm],
        [credentialsFile(environment), /^\s*\[\s*([^\]\s]+)\s*\]/gm],
    ] as const) {
        let text = "";
        try {
            text = fs.readFileSync(file, "utf8");
        } catch {
            continue;
        }
        for (const match of text.matchAll(section)) {
            names.add(match[1]);
        }
    }
    return names;
}
