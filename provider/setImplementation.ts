// The pool resource's dynamic provider, at the path every UserMfaPreferenceSet's `__provider`
// requires: `pulumi-cognito-mfa/dist/provider/setImplementation.js`. It never moves; the code lives
// in dynamic/setImplementation.ts. Pulumi serializes this module's exports object by reference.
export * from "./dynamic/setImplementation";
