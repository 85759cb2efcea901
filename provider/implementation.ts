// The dynamic provider, at the path every released state's `__provider` requires:
// `pulumi-cognito-mfa/dist/provider/implementation.js`. It never moves; the code lives in
// dynamic/implementation.ts. Pulumi serializes this module's exports object by reference, so it
// must stay a module of its own (serializedProvider.ts).
export * from "./dynamic/implementation";
