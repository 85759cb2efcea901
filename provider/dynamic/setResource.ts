// The public pool resource: typed `Input<>` arguments and `Output<>` properties over the pool's
// dynamic provider. The module and type give the token
// pulumi-nodejs:dynamic/cognito:UserMfaPreferenceSet; changing either would change every existing
// resource's URN. Doc comments are the descriptions in provider/core/definition.ts
// (USER_MFA_PREFERENCE_SET, USER_FACTORS_BLOCK, REPORTED_MFA_BLOCK), held to them by
// test/unit/definition.test.ts.

import * as pulumi from "@pulumi/pulumi";
import { pnpUnsupported } from "./layout";
import type { FactorArgs, FactorState, PasskeyFactorArgs } from "./resource";
import { sameUsersAs } from "./sameUser";
import { serializedProvider, USER_MFA_PREFERENCE_SET_MODULE } from "./serializedProvider";

export interface UserFactorsArgs {
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
}

export interface UserFactorsState {
    smsMfa?: FactorState;
    softwareTokenMfa?: FactorState;
    emailMfa?: FactorState;
    webAuthnMfa?: { enabled: boolean };
}

export interface ReportedMfaState {
    /**
     * The user's `UserMFASettingList`, sorted: every enabled factor, managed or not (`SMS_MFA`,
     * `SOFTWARE_TOKEN_MFA`, `EMAIL_OTP`). Empty when none.
     */
    enabledMfas: string[];
    /** The user's `PreferredMfaSetting`, managed or not; absent when no factor is preferred. */
    preferredMfa?: string;
}

export interface UserMfaPreferenceSetArgs {
    /** The user pool, `<region>_<id>`. Changing it replaces the resource. */
    userPoolId: pulumi.Input<string>;
    /**
     * The users, by username (the username itself, not an alias), each with the factors to manage. As
     * an output, each managed factor as Cognito reports it after the last write or refresh; a user
     * deleted from the pool leaves the map.
     */
    users: pulumi.Input<Record<string, pulumi.Input<UserFactorsArgs>>>;
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

/** Whether USERS, as given, has an own `__proto__` key (JSON.parse makes one): a key the wire format loses. */
function hasProtoKey(users: unknown): boolean {
    return typeof users === "object" && users !== null && !pulumi.Output.isInstance(users) && Object.hasOwn(users, "__proto__");
}

export class UserMfaPreferenceSet extends pulumi.dynamic.Resource {
    /** The user pool, `<region>_<id>`. Changing it replaces the resource. */
    declare public readonly userPoolId: pulumi.Output<string>;
    /**
     * The users, by username (the username itself, not an alias), each with the factors to manage. As
     * an output, each managed factor as Cognito reports it after the last write or refresh; a user
     * deleted from the pool leaves the map.
     */
    declare public readonly users: pulumi.Output<Record<string, UserFactorsState>>;
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
     * Each user's `UserMFASettingList` (sorted, as `enabledMfas`) and `PreferredMfaSetting` (as
     * `preferredMfa`), managed or not, by username.
     */
    declare public readonly reportedMfas: pulumi.Output<Record<string, ReportedMfaState>>;

    constructor(name: string, args: UserMfaPreferenceSetArgs, opts?: pulumi.CustomResourceOptions) {
        const unsupported = pnpUnsupported(process.versions);
        if (unsupported !== undefined) {
            throw new Error(unsupported);
        }
        if (hasProtoKey(args.users)) {
            throw new Error(
                `UserMfaPreferenceSet "${name}": users has an entry for a user named "__proto__", which no Pulumi Node.js runtime can carry (its property maps drop that key); declare that user in a UserMfaPreference`,
            );
        }
        // Every output is named here, given or not, so that each property above is an Output.
        const props = {
            userPoolId: args.userPoolId,
            users: args.users,
            region: args.region,
            endpoint: args.endpoint,
            reportedMfas: undefined,
            // Set only when another resource of the program manages one of the users: check fails then.
            sameUserAs: sameUsersAs({ name }, args.userPoolId, args.users),
        };
        super(serializedProvider(USER_MFA_PREFERENCE_SET_MODULE), name, props, opts, "cognito", "UserMfaPreferenceSet");
    }
}
