// The ready-made policy pack, `cognito-mfa`: every MFA rule at its default level. The CLI runs it
// from policy-pack/ in the installed package (`pulumi preview --policy-pack
// node_modules/pulumi-cognito-mfa/policy-pack`), whose package.json gives the pack's version.

import { PolicyPack } from "@pulumi/policy";
import { mfaPolicies } from "./policies";

export const POLICY_PACK_NAME = "cognito-mfa";

new PolicyPack(POLICY_PACK_NAME, {
    description: "Amazon Cognito users' MFA, as pulumi-cognito-mfa's resources declare it: every user has a factor, SMS is never the only one, admins prefer TOTP, nothing preferred is off.",
    policies: mfaPolicies(),
});
