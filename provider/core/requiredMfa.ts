// A pool that requires MFA (MfaConfiguration ON) keeps its users' factors on: "users can't enable
// or disable any MFA methods" (Cognito's MFA guide). Reported: a request to turn a factor off then
// answers success and changes nothing (aws-sdk-js-v3 #7961; StackOverflow 50497388). Taken as
// done, that would be a silent success and a diff at every later preview. So after each write,
// the read-back must show every factor declared off as off; when it does not, the write fails,
// naming the pool's MFA setting and the fix. The pool's setting is read only then, once a run.

import { GetUserPoolMfaConfigCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { subjectOf, userPoolIdOf, type Target, type UserMfa } from "./cognito";
import { CognitoMfaError, REQUIRED_MFA_FIX } from "./errors";
import { managedFactors } from "./mapping";
import { COGNITO_FACTOR_NAMES, PREFERABLE_FACTORS, type MfaPreferenceInputs, type PreferableFactor } from "./types";

/** The pools' MFA settings read in this run, by client and pool; undefined when it cannot be read. */
const settings = new WeakMap<CognitoIdentityProviderClient, Map<string, Promise<string | undefined>>>();

/** The pool's MfaConfiguration (OFF, ON, OPTIONAL), read at most once a run; undefined if it cannot be read. */
export function poolMfaConfiguration(client: CognitoIdentityProviderClient, userPoolId: string): Promise<string | undefined> {
    let pools = settings.get(client);
    if (pools === undefined) {
        pools = new Map();
        settings.set(client, pools);
    }
    let setting = pools.get(userPoolId);
    if (setting === undefined) {
        // Credentials without cognito-idp:GetUserPoolMfaConfig still get the failure, less precise.
        setting = client.send(new GetUserPoolMfaConfigCommand({ UserPoolId: userPoolId })).then(
            (answer) => answer.MfaConfiguration,
            () => undefined,
        );
        pools.set(userPoolId, setting);
    }
    return setting;
}

/** The managed factors declared off that Cognito still reports on. */
export function factorsLeftOn(inputs: MfaPreferenceInputs, user: UserMfa): PreferableFactor[] {
    const managed = managedFactors(inputs);
    return PREFERABLE_FACTORS.filter(
        (factor) => managed.includes(factor) && inputs[factor]!.enabled === false && user.reported.enabledMfas.includes(COGNITO_FACTOR_NAMES[factor]),
    );
}

/** Fails when the write just made left a factor on that it turned off; USER is the read-back. */
export async function checkTurnedOff(client: CognitoIdentityProviderClient, target: Target, inputs: MfaPreferenceInputs, user: UserMfa): Promise<void> {
    const left = factorsLeftOn(inputs, user);
    if (left.length === 0) {
        return;
    }
    const named = left.map((factor) => `${factor} (${COGNITO_FACTOR_NAMES[factor]})`).join(" and ");
    const setting = await poolMfaConfiguration(client, userPoolIdOf(target));
    const reason =
        setting === "ON"
            ? `Cognito answered success but kept ${named} on: the user pool ${userPoolIdOf(target)} requires MFA. Fix: ${REQUIRED_MFA_FIX}`
            : `Cognito answered success but still reports ${named} on (the pool's MfaConfiguration is ${setting ?? "unknown: cognito-idp:GetUserPoolMfaConfig was refused"}). ` +
              "Fix: run `pulumi up` again; if it persists, check the user pool's MFA configuration";
    throw new CognitoMfaError(`Turning off ${named} for ${subjectOf(target).description} failed: ${reason}`, `Turning off ${named} failed: ${reason}`, true);
}
