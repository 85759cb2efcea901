// The core's words in Terraform's terms. The core names properties as Pulumi programs write them
// (camelCase) and fixes as Pulumi commands; a Terraform user reads snake_case attributes and
// `terraform` commands. Every property the definition names, every resource name, and each
// command the core's messages and descriptions mention, translated in one place.

import { BLOCKS, MAP_BLOCKS, USER_MFA_PREFERENCE, USER_MFA_PREFERENCE_SET } from "../core/definition";

/** `userPoolId` → `user_pool_id`. */
export function terraformName(name: string): string {
    return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** The camelCase property names of every block, longest first (`softwareTokenMfa` before `Mfa`-like parts). */
const PROPERTY_NAMES = [
    ...new Set(
        [USER_MFA_PREFERENCE, USER_MFA_PREFERENCE_SET, ...Object.values(BLOCKS), ...Object.values(MAP_BLOCKS)].flatMap((block) =>
            Object.keys(block.properties).filter((name) => /[A-Z]/.test(name)),
        ),
    ),
].sort((a, b) => b.length - a.length);

/** Pulumi's commands and names in the core's texts, and what a Terraform user runs instead. */
const PHRASES: [RegExp, string][] = [
    [/\(pulumi up --parallel 8, or PULUMI_PARALLEL\)/g, "(terraform apply -parallelism=4)"],
    [/`pulumi state delete <URN of this resource>`/g, "`terraform state rm <address of this resource>` (or a `removed` block with `lifecycle { destroy = false }`)"],
    [/run the same `pulumi up` again/g, "run the same `terraform apply` again"],
    [/`pulumi up`/g, "`terraform apply`"],
    [/`pulumi refresh`/g, "`terraform apply -refresh-only`"],
    [/`pulumi import`/g, "`terraform import`"],
    [/\bUserMfaPreferenceSet\b/g, "cognitomfa_user_mfa_preference_set"],
    [/\bUserMfaPreference\b/g, "cognitomfa_user_mfa_preference"],
    [/the program/g, "the configuration"],
    // Pulumi's object syntax, in the fixes: HCL's.
    [/\b(enabled|preferred): (true|false)\b/g, "$1 = $2"],
];

/** TEXT with its property names in snake_case and its commands Terraform's. */
export function terraformText(text: string): string {
    let translated = text;
    for (const [pattern, replacement] of PHRASES) {
        translated = translated.replace(pattern, replacement);
    }
    for (const name of PROPERTY_NAMES) {
        translated = translated.replace(new RegExp(`\\b${name}\\b`, "g"), terraformName(name));
    }
    return translated;
}
