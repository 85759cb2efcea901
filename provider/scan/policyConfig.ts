// `--policy-config <file>`: the MFA rules' settings from the policy pack's config file (the JSON
// `pulumi preview --policy-pack-config` reads), so that `scan` and `check-plan` judge as the pack
// does. Without the flag, every rule at its default.

import * as fs from "node:fs";
import { defaultRuleSettings, ruleSettings, type RuleSettingsResult } from "../core/ruleSettings";

/** The settings FILE gives (the defaults when undefined); each mistake is an error naming the file and where in it. */
export function readPolicyConfig(file: string | undefined): RuleSettingsResult {
    if (file === undefined) {
        return { settings: defaultRuleSettings(), errors: [] };
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        return { settings: [], errors: [`cannot read ${file} as JSON: ${(error as Error).message}`] };
    }
    const result = ruleSettings(parsed);
    return { ...result, errors: result.errors.map((error) => `${file}: ${error}`) };
}
