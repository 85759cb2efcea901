// The type tokens of the resources the policy pack judges, in both front ends. The dynamic
// resources' tokens are made by the engine from their module and name (provider/dynamic/resource.ts,
// setResource.ts); the native ones are the scan's copy of the plugin's (provider/scan/formats.ts: the
// npm package leaves the plugin out, and a unit test holds them equal).

import { NATIVE_RESOURCE_TYPE, NATIVE_SET_RESOURCE_TYPE } from "../scan/formats";

/** One user per resource: UserMfaPreference. */
export const USER_RESOURCE_TYPES: readonly string[] = ["pulumi-nodejs:dynamic/cognito:UserMfaPreference", NATIVE_RESOURCE_TYPE];

/** Many users per resource: UserMfaPreferenceSet, whose `users` maps each username to factor blocks. */
export const SET_RESOURCE_TYPES: readonly string[] = ["pulumi-nodejs:dynamic/cognito:UserMfaPreferenceSet", NATIVE_SET_RESOURCE_TYPE];
