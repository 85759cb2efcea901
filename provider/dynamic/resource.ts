// The public resource: typed `Input<>` arguments and `Output<>` properties over the dynamic
// provider. The module and type give the token pulumi-nodejs:dynamic/cognito:UserMfaPreference;
// changing either would change every existing resource's URN.

import * as pulumi from "@pulumi/pulumi";
import { SECRET_PROPERTIES } from "../core/types";
import { sameUserAs } from "./sameUser";
import { pnpUnsupported } from "./layout";
import { serializedProvider } from "./serializedProvider";

// Every property's doc comment is its description in the resource's definition
// (provider/core/definition.ts), which the native schema and docs/_index.md use too; a unit test
// (test/unit/definition.test.ts) holds the names, types, optionality and comments here to it.

export interface FactorArgs {
    /** true turns the factor on for the user, false turns it off. */
    enabled: pulumi.Input<boolean>;
    /** Whether this is the factor Cognito asks for first. At most one factor can be preferred. Default false. */
    preferred?: pulumi.Input<boolean>;
}

export interface PasskeyFactorArgs {
    /** true turns passkey MFA on for the user, false turns it off. */
    enabled: pulumi.Input<boolean>;
}

export interface UserMfaPreferenceArgs {
    /**
     * The user pool, `<region>_<id>`. Admin form: give it with `username`. In the self-service form, an
     * output: the pool that issued the token.
     */
    userPoolId?: pulumi.Input<string>;
    /**
     * The user's username or an alias (such as a verified email). Admin form: give it with `userPoolId`.
     * In the self-service form, an output: the username as Cognito reports it.
     */
    username?: pulumi.Input<string>;
    /**
     * Self-service form, instead of `userPoolId` and `username`: an access token that Cognito issued to
     * the user, with the `aws.cognito.signin.user.admin` scope. Stored only as a secret.
     */
    accessToken?: pulumi.Input<string>;
    /**
     * SMS text message MFA. Needs the user's `phone_number`. Omitted: not managed (never sent, never
     * reported as drift, untouched on delete). As an output, as Cognito reports it after the last write
     * or refresh.
     */
    smsMfa?: pulumi.Input<FactorArgs>;
    /**
     * TOTP (authenticator app) MFA. Needs a verified software token. Omitted: not managed. As an output,
     * as Cognito reports it after the last write or refresh.
     */
    softwareTokenMfa?: pulumi.Input<FactorArgs>;
    /**
     * Email OTP MFA. Needs the Essentials feature plan and an SES configuration. Omitted: not managed. As
     * an output, as Cognito reports it after the last write or refresh.
     */
    emailMfa?: pulumi.Input<FactorArgs>;
    /**
     * Passkey (WebAuthn) MFA. Cognito requires another enabled factor beside it, and has no preference
     * for it. Omitted: not managed. As an output, as last written: Cognito reports no per-user passkey
     * MFA flag.
     */
    webAuthnMfa?: pulumi.Input<PasskeyFactorArgs>;
    /**
     * Overrides the region. Default: the user pool id's prefix; else, in the dynamic resource only, the
     * stack's `aws:region`; else the AWS SDK's chain (`AWS_REGION`, the profile).
     */
    region?: pulumi.Input<string>;
    /**
     * Overrides the Cognito endpoint, for emulators. Default: `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`,
     * then `AWS_ENDPOINT_URL`, then AWS.
     */
    endpoint?: pulumi.Input<string>;
}

export interface FactorState {
    enabled: boolean;
    preferred: boolean;
}

// Output properties are `declare`d: a class field would be re-initialised to undefined after
// the base constructor has set it (ES2022 class field semantics). accessToken is kept in the
// outputs as a secret but is not one of the class's properties.
export class UserMfaPreference extends pulumi.dynamic.Resource {
    /**
     * The user pool, `<region>_<id>`. Admin form: give it with `username`. In the self-service form, an
     * output: the pool that issued the token.
     */
    declare public readonly userPoolId: pulumi.Output<string>;
    /**
     * The user's username or an alias (such as a verified email). Admin form: give it with `userPoolId`.
     * In the self-service form, an output: the username as Cognito reports it.
     */
    declare public readonly username: pulumi.Output<string>;
    /**
     * SMS text message MFA. Needs the user's `phone_number`. Omitted: not managed (never sent, never
     * reported as drift, untouched on delete). As an output, as Cognito reports it after the last write
     * or refresh.
     */
    declare public readonly smsMfa: pulumi.Output<FactorState | undefined>;
    /**
     * TOTP (authenticator app) MFA. Needs a verified software token. Omitted: not managed. As an output,
     * as Cognito reports it after the last write or refresh.
     */
    declare public readonly softwareTokenMfa: pulumi.Output<FactorState | undefined>;
    /**
     * Email OTP MFA. Needs the Essentials feature plan and an SES configuration. Omitted: not managed. As
     * an output, as Cognito reports it after the last write or refresh.
     */
    declare public readonly emailMfa: pulumi.Output<FactorState | undefined>;
    /**
     * Passkey (WebAuthn) MFA. Cognito requires another enabled factor beside it, and has no preference
     * for it. Omitted: not managed. As an output, as last written: Cognito reports no per-user passkey
     * MFA flag.
     */
    declare public readonly webAuthnMfa: pulumi.Output<{ enabled: boolean } | undefined>;
    /**
     * Overrides the region. Default: the user pool id's prefix; else, in the dynamic resource only, the
     * stack's `aws:region`; else the AWS SDK's chain (`AWS_REGION`, the profile).
     */
    declare public readonly region: pulumi.Output<string | undefined>;
    /**
     * Overrides the Cognito endpoint, for emulators. Default: `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`,
     * then `AWS_ENDPOINT_URL`, then AWS.
     */
    declare public readonly endpoint: pulumi.Output<string | undefined>;
    /**
     * The user's `UserMFASettingList`, sorted: every enabled factor, managed or not (`SMS_MFA`,
     * `SOFTWARE_TOKEN_MFA`, `EMAIL_OTP`). Empty when none.
     */
    declare public readonly enabledMfas: pulumi.Output<string[]>;
    /** The user's `PreferredMfaSetting`, managed or not; absent when no factor is preferred. */
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
        const secrets = { additionalSecretOutputs: [...SECRET_PROPERTIES] };
        super(serializedProvider(), name, props, pulumi.mergeOptions(opts, secrets), "cognito", "UserMfaPreference");
    }
}
