// The policy pack of pulumi-cognito-mfa's MFA rules: the CLI runs this directory (PulumiPolicy.yaml)
// with `pulumi preview --policy-pack node_modules/pulumi-cognito-mfa/policy-pack`.
require("../dist/provider/policy/pack.js");
