// A complete program for real AWS: a user pool with optional MFA (SMS and TOTP), a user with a
// phone number, and the user's MFA preference. Run it with AWS credentials and
// `pulumi config set aws:region eu-west-1`; see the package README.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { UserMfaPreference } from "pulumi-cognito-mfa";

const config = new pulumi.Config();
const phoneNumber = config.require("phoneNumber");

// SMS MFA needs an IAM role that Cognito assumes to publish through SNS.
const smsRole = new aws.iam.Role("cognito-sms", {
    assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "cognito-idp.amazonaws.com" }),
    inlinePolicies: [
        {
            name: "publish-sms",
            policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sns:Publish", Resource: "*" }] }),
        },
    ],
});

const pool = new aws.cognito.UserPool("users", {
    mfaConfiguration: "OPTIONAL",
    softwareTokenMfaConfiguration: { enabled: true },
    smsConfiguration: { snsCallerArn: smsRole.arn, externalId: "cognito-mfa-example" },
    autoVerifiedAttributes: ["email", "phone_number"],
});

const alice = new aws.cognito.User("alice", {
    userPoolId: pool.id,
    username: "alice",
    attributes: { email: "alice@example.com", email_verified: "true", phone_number: phoneNumber, phone_number_verified: "true" },
    messageAction: "SUPPRESS",
});

// SMS is managed and preferred. TOTP stays unmanaged until alice has registered an authenticator
// app (AssociateSoftwareToken + VerifySoftwareToken); then add softwareTokenMfa here.
const aliceMfa = new UserMfaPreference(
    "alice-mfa",
    {
        userPoolId: pool.id,
        username: alice.username,
        smsMfa: { enabled: true, preferred: true },
    },
    { dependsOn: [alice] },
);

export const userPoolId = pool.id;
export const enabledMfas = aliceMfa.enabledMfas;
export const preferredMfa = aliceMfa.preferredMfa;
