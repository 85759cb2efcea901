// The public resource: typed `Input<>` arguments and `Output<>` properties over the dynamic
// provider. The module and type give the token pulumi-nodejs:dynamic/cognito:UserMfaPreference;
// changing either would change every existing resource's URN.

import * as pulumi from "@pulumi/pulumi";
import { sameUserAs } from "./sameUser";
import { pnpUnsupported } from "./layout";
import { serializedProvider } from "./serializedProvider";

export interface FactorArgs {
    /** true turns the factor on for the user, false turns it off. */
    enabled: pulumi.Input<boolean>;
    /** Whether this is the factor Cognito asks for first. At most one factor can be preferred. Default false. */
    preferred?: pulumi.Input<boolean>;
}

export interface PasskeyFactorArgs {
    /** Passkey (WebAuthn) MFA. Cognito requires another enabled factor beside it, and has no preference for it. */
    enabled: pulumi.Input<boolean>;
}

export interface UserMfaPreferenceArgs {
    /** The user pool, `<region>_<id>`. Admin form: give it with `username`. */
    userPoolId?: pulumi.Input<string>;
    /** The user's username or an alias (such as a verified email). Admin form: give it with `userPoolId`. */
    username?: pulumi.Input<string>;
    /**
     * Self-service form, instead of `userPoolId` and `username`: an access token that Cognito issued to
     * the user, with the aws.cognito.signin.user.admin scope. Stored only as a secret.
     */
    accessToken?: pulumi.Input<string>;
    /** SMS text message MFA. Omitted: not managed (never sent, never drift, untouched on delete). */
    smsMfa?: pulumi.Input<FactorArgs>;
    /** TOTP (authenticator app) MFA. Needs a verified software token. Omitted: not managed. */
    softwareTokenMfa?: pulumi.Input<FactorArgs>;
    /** Email OTP MFA. Needs the Essentials feature plan and an SES configuration. Omitted: not managed. */
    emailMfa?: pulumi.Input<FactorArgs>;
    /** Passkey (WebAuthn) MFA. Omitted: not managed. */
    webAuthnMfa?: pulumi.Input<PasskeyFactorArgs>;
    /** Overrides the region (default: the pool id's prefix, then aws:region, then the AWS SDK's chain). */
    region?: pulumi.Input<string>;
    /** Overrides the Cognito endpoint, for emulators (default: AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, AWS_ENDPOINT_URL). */
    endpoint?: pulumi.Input<string>;
}

export interface FactorState {
    enabled: boolean;
    preferred: boolean;
}

// Output properties are `declare`d: a class field would be re-initialised to undefined after
// the base constructor has set it (ES2022 class field semantics).
export class UserMfaPreference extends pulumi.dynamic.Resource {
    /** The user pool (in the self-service form, the pool that issued the token). */
    declare public readonly userPoolId: pulumi.Output<string>;
    /** The username as given (in the self-service form, the user's username as Cognito reports it). */
    declare public readonly username: pulumi.Output<string>;
    /** Each managed factor as Cognito reports it after the last write or refresh. */
    declare public readonly smsMfa: pulumi.Output<FactorState | undefined>;
    declare public readonly softwareTokenMfa: pulumi.Output<FactorState | undefined>;
    declare public readonly emailMfa: pulumi.Output<FactorState | undefined>;
    /** As last written: Cognito does not report the per-user passkey MFA flag. */
    declare public readonly webAuthnMfa: pulumi.Output<{ enabled: boolean } | undefined>;
    declare public readonly region: pulumi.Output<string | undefined>;
    declare public readonly endpoint: pulumi.Output<string | undefined>;
    /** The user's `UserMFASettingList`, sorted: every enabled factor, managed or not. */
    declare public readonly enabledMfas: pulumi.Output<string[]>;
    /** The user's `PreferredMfaSetting`, managed or not; undefined when none is preferred. */
    declare public readonly preferredMfa: pulumi.Output<string | undefined>;

    constructor(name: string, args: UserMfaPreferenceArgs, opts?: pulumi.CustomResourceOptions) {
        const unsupported = pnpUnsupported(process.versions);
        if (unsupported !== undefined) {
            throw new Error(unsupported);
        }
        // Every output is named here, given or not, so that each property above is an Output.
        const props = {
            userPoolId: args.userPoolId,
            username: args.username,
            accessToken: args.accessToken === undefined ? undefined : pulumi.secret(args.accessToken),
            smsMfa: args.smsMfa,
            softwareTokenMfa: args.softwareTokenMfa,
            emailMfa: args.emailMfa,
            webAuthnMfa: args.webAuthnMfa,
            region: args.region,
            endpoint: args.endpoint,
            enabledMfas: undefined,
            preferredMfa: undefined,
            // Set only when another resource of the program manages the same user: check fails then.
            sameUserAs: sameUserAs({ name }, args),
        };
        const secrets = { additionalSecretOutputs: ["accessToken"] };
        super(serializedProvider(), name, props, pulumi.mergeOptions(opts, secrets), "cognito", "UserMfaPreference");
    }
}
