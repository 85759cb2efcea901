export { UserMfaPreference, type FactorArgs, type FactorState, type PasskeyFactorArgs, type UserMfaPreferenceArgs } from "./dynamic/resource";
export { userMfaResourceName } from "./core/resourceName";
