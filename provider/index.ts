export { UserMfaPreference, type FactorArgs, type FactorState, type PasskeyFactorArgs, type UserMfaPreferenceArgs } from "./dynamic/resource";
export { userMfaResourceName } from "./core/resourceName";
export { userSetIndex } from "./core/userSets";
export {
    UserMfaPreferenceSet,
    type ReportedMfaState,
    type UserFactorsArgs,
    type UserFactorsState,
    type UserMfaPreferenceSetArgs,
} from "./dynamic/setResource";
