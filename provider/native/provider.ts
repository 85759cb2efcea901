// The native front end: the resources `cognito-mfa:index:UserMfaPreference` and
// `cognito-mfa:index:UserMfaPreferenceSet` as a Pulumi provider plugin, for programs in any language. Every decision is the core's, as in the dynamic provider;
// this file only translates between the engine's calls and the core.
//
// The Node.js provider server does not pass the provider's configuration on (its `configure`
// answers without reading the request), so `region` and `endpoint` are resource inputs here as
// in the dynamic provider, and there is no provider-level `aws:region`: the region comes from the
// input, then the user pool id, then the AWS SDK's chain.

import type * as pulumiProvider from "@pulumi/pulumi/provider";
import { checkInputs } from "../core/check";
import { diffInputs } from "../core/diff";
import { applyPreference, createPreference, deletePreference, readPreference } from "../core/operations";
import type { EngineLog } from "./engineLog";
import { cancelRuns, nativeSetProvider } from "./setProvider";
import { concealSecrets, revealSecrets } from "./wireValues";

export const PACKAGE_NAME = "cognito-mfa";
export const RESOURCE_TYPE = `${PACKAGE_NAME}:index:UserMfaPreference`;
export const SET_RESOURCE_TYPE = `${PACKAGE_NAME}:index:UserMfaPreferenceSet`;

/** The type of the resource a URN names: its last `::` part, after any parent types (`a$b`). */
function typeOf(urn: string): string {
    const qualifiedType = urn.split("::")[2] ?? "";
    return qualifiedType.slice(qualifiedType.lastIndexOf("$") + 1);
}

function assertKnownType(urn: string): void {
    if (typeOf(urn) !== RESOURCE_TYPE) {
        throw new Error(`unknown resource type ${JSON.stringify(typeOf(urn))}: the ${PACKAGE_NAME} provider manages ${RESOURCE_TYPE} and ${SET_RESOURCE_TYPE} only`);
    }
}

type Methods = Required<Pick<pulumiProvider.Provider, "check" | "diff" | "create" | "update" | "read" | "delete">>;

/** The provider the engine talks to: each call goes to its resource type's methods. */
export function nativeProvider(version: string, schema: string, log?: EngineLog): pulumiProvider.Provider {
    const single = userMfaPreferenceMethods();
    const set = nativeSetProvider(log);
    const methodsFor = (urn: string): Methods => (typeOf(urn) === SET_RESOURCE_TYPE ? set : single);
    return {
        version,
        schema,
        check: (urn, olds, news) => methodsFor(urn).check(urn, olds, news),
        diff: (id, urn, olds, news) => methodsFor(urn).diff(id, urn, olds, news),
        create: (urn, inputs) => methodsFor(urn).create(urn, inputs),
        update: (id, urn, olds, news) => methodsFor(urn).update(id, urn, olds, news),
        read: (id, urn, props) => methodsFor(urn).read(id, urn, props),
        delete: (id, urn, props) => methodsFor(urn).delete(id, urn, props),
        // A UserMfaPreference's call is one user's; a UserMfaPreferenceSet's stops between users.
        cancel: async () => cancelRuns(),
    };
}

function userMfaPreferenceMethods(): Methods {
    return {
        async check(urn, _olds, news) {
            assertKnownType(urn);
            const { values, secretKeys } = revealSecrets(news);
            const { inputs, failures } = checkInputs(values);
            return { inputs: concealSecrets(inputs ?? {}, secretKeys), failures };
        },

        async diff(_id, urn, olds, news) {
            assertKnownType(urn);
            return diffInputs(revealSecrets(olds).values, revealSecrets(news).values);
        },

        async create(urn, inputs) {
            assertKnownType(urn);
            const { values, secretKeys } = revealSecrets(inputs);
            const { id, outs } = await createPreference(values);
            return { id, outs: concealSecrets(outs, secretKeys) };
        },

        async update(_id, urn, _olds, news) {
            assertKnownType(urn);
            const { values, secretKeys } = revealSecrets(news);
            return { outs: concealSecrets((await applyPreference(values)).outs, secretKeys) };
        },

        async read(id, urn, props) {
            assertKnownType(urn);
            // An import sends no properties (see importRead.ts): the core then reads the user from the id.
            const { values, secretKeys } = revealSecrets(props);
            const found = await readPreference(id, values);
            if (found === undefined) {
                return { id: "" };
            }
            return { id: found.id, props: concealSecrets(found.props, secretKeys), inputs: concealSecrets(found.inputs, secretKeys) };
        },

        async delete(_id, urn, props) {
            assertKnownType(urn);
            await deletePreference(revealSecrets(props).values);
        },
    };
}
