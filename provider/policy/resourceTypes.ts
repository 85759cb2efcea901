// The type tokens of the resources the policy pack judges, in both front ends. Written here, not
// imported: the dynamic resources' tokens are made by the engine from their module and name
// (provider/dynamic/resource.ts, setResource.ts), and the npm package leaves the native plugin out
// (provider/native/provider.ts; test/unit/policyPack.test.ts holds the native ones equal).

/** One user per resource: UserMfaPreference. */
export const USER_RESOURCE_TYPES: readonly string[] = ["pulumi-nodejs:dynamic/cognito:UserMfaPreference", "cognito-mfa:index:UserMfaPreference"];

/** Many users per resource: UserMfaPreferenceSet, whose `users` maps each username to factor blocks. */
export const SET_RESOURCE_TYPES: readonly string[] = ["pulumi-nodejs:dynamic/cognito:UserMfaPreferenceSet", "cognito-mfa:index:UserMfaPreferenceSet"];
