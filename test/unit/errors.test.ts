import * as assert from "node:assert/strict";
import { describeFailure } from "../../provider/core/errors";

const admin = { description: 'user "alice" in user pool us-east-1_AbC' };
const failure = (name: string, message: string) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });

describe("error messages", () => {
    const cases: [string, string, RegExp][] = [
        ["InvalidParameterException", "User has not verified software token mfa", /AssociateSoftwareToken, then VerifySoftwareToken/],
        ["InvalidParameterException", "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA", /AssociateSoftwareToken/],
        ["InvalidParameterException", "User does not have a phone_number set to turn on SMS MFA", /phone_number/],
        ["InvalidParameterException", "Email MFA is not supported for this user pool", /Essentials/],
        ["InvalidParameterException", "WebAuthn MFA cannot be enabled", /MULTI_FACTOR_WITH_USER_VERIFICATION/],
        ["ResourceNotFoundException", "User pool us-east-1_AbC does not exist.", /check userPoolId and that the region/],
        ["NotAuthorizedException", "User is disabled.", /cognito-idp:AdminSetUserMFAPreference/],
        ["PasswordResetRequiredException", "Password reset required for the user", /reset their password/],
        ["UserNotFoundException", "User does not exist.", /check username/],
        ["UserNotConfirmedException", "User is not confirmed.", /AdminConfirmSignUp/],
        ["InternalErrorException", "Internal error", /run the same `pulumi up` again/],
        ["ForbiddenException", "Request blocked by WAF", /web ACL/],
        ["TooManyRequestsException", "Rate exceeded", /lower the parallelism/],
    ];
    for (const [name, said, fix] of cases) {
        it(`${name}: ${said}`, () => {
            const message = describeFailure("AdminSetUserMFAPreference", admin, failure(name, said)).message;
            assert.ok(message.startsWith(`AdminSetUserMFAPreference for user "alice" in user pool us-east-1_AbC failed: ${name}: ${said.replace(/\.$/, "")}. Fix: `), message);
            assert.match(message, fix);
        });
    }

    it("names connection failures as such", () => {
        const message = describeFailure("AdminGetUser", admin, Object.assign(new Error("socket hang up"), { name: "Error" })).message;
        assert.match(message, /could not be reached/);
    });

    it("gives no invented fix for an unrecognised exception", () => {
        const message = describeFailure("AdminGetUser", admin, failure("SomethingNewException", "new")).message;
        assert.ok(message.endsWith("failed: SomethingNewException: new"), message);
    });

    it("never repeats the access token, even if Cognito echoes it", () => {
        const token = "eyJhbGciOi.eyJzdWIiOi.c2ln";
        const subject = { description: "the user of the given access token", accessToken: token };
        const message = describeFailure("GetUser", subject, failure("NotAuthorizedException", `Invalid token ${token}`)).message;
        assert.ok(!message.includes(token));
        assert.match(message, /fresh access token/);
    });
});
