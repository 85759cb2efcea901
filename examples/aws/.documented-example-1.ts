import * as aws from "@pulumi/aws";
import { UserMfaPreference } from "pulumi-cognito-mfa";

const pool = new aws.cognito.UserPool("users", {
    mfaConfiguration: "OPTIONAL",
    softwareTokenMfaConfiguration: { enabled: true },
});
const user = new aws.cognito.User("alice", { userPoolId: pool.id, username: "alice" });

const aliceMfa = new UserMfaPreference("alice-mfa", {
    userPoolId: pool.id,
    username: user.username,
    softwareTokenMfa: { enabled: true, preferred: true }, // TOTP: needs a verified token first
    smsMfa: { enabled: true },                            // needs phone_number
    emailMfa: { enabled: false },
    webAuthnMfa: { enabled: true },                       // passkey MFA: no "preferred" in the API
});

export const enabledMfas = aliceMfa.enabledMfas;   // ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]
export const preferredMfa = aliceMfa.preferredMfa; // "SOFTWARE_TOKEN_MFA"
