// The provider that Pulumi serializes into every resource's state (`__provider`). It holds no
// logic and captures nothing: each call loads the implementation from the installed package, so
// the stored text is small, identical on every machine and for every version of the package
// (no `~__provider` diffs), and holds no credential. Arrow functions with no outer references
// are what Pulumi's closure serializer handles most reliably; the terse parameter lists keep the
// text that every resource stores under 2 KB.
/* eslint-disable @typescript-eslint/no-require-imports */

import type * as dynamic from "@pulumi/pulumi/dynamic";

type Implementation = Required<dynamic.ResourceProvider>;
type Args<M extends keyof dynamic.ResourceProvider> = Parameters<Required<dynamic.ResourceProvider>[M]>;

export const providerShim: dynamic.ResourceProvider = {
    configure: (...a: Args<"configure">) => (require("pulumi-cognito-mfa/provider") as Implementation).configure(...a),
    check: (...a: Args<"check">) => (require("pulumi-cognito-mfa/provider") as Implementation).check(...a),
    diff: (...a: Args<"diff">) => (require("pulumi-cognito-mfa/provider") as Implementation).diff(...a),
    create: (...a: Args<"create">) => (require("pulumi-cognito-mfa/provider") as Implementation).create(...a),
    read: (...a: Args<"read">) => (require("pulumi-cognito-mfa/provider") as Implementation).read(...a),
    update: (...a: Args<"update">) => (require("pulumi-cognito-mfa/provider") as Implementation).update(...a),
    delete: (...a: Args<"delete">) => (require("pulumi-cognito-mfa/provider") as Implementation).delete(...a),
};

/** The same for the pool resource, loading its implementation (`pulumi-cognito-mfa/set-provider`). */
export const setProviderShim: dynamic.ResourceProvider = {
    configure: (...a: Args<"configure">) => (require("pulumi-cognito-mfa/set-provider") as Implementation).configure(...a),
    check: (...a: Args<"check">) => (require("pulumi-cognito-mfa/set-provider") as Implementation).check(...a),
    diff: (...a: Args<"diff">) => (require("pulumi-cognito-mfa/set-provider") as Implementation).diff(...a),
    create: (...a: Args<"create">) => (require("pulumi-cognito-mfa/set-provider") as Implementation).create(...a),
    read: (...a: Args<"read">) => (require("pulumi-cognito-mfa/set-provider") as Implementation).read(...a),
    update: (...a: Args<"update">) => (require("pulumi-cognito-mfa/set-provider") as Implementation).update(...a),
    delete: (...a: Args<"delete">) => (require("pulumi-cognito-mfa/set-provider") as Implementation).delete(...a),
};
