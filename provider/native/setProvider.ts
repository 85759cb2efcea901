// `cognito-mfa:index:UserMfaPreferenceSet` in the native provider: the engine's calls translated
// to the core's pool operations. A create or update that fails for some users throws the core's
// IncompleteSetError, whose `id` and `properties` the provider server sends as the partial
// failure (ErrorResourceInitFailed), so the state keeps what was written; its properties are put
// in the wire encoding first.

import type * as pulumiProvider from "@pulumi/pulumi/provider";
import { checkSetInputs } from "../core/setCheck";
import { diffSetInputs } from "../core/setDiff";
import { createPreferenceSet, deletePreferenceSet, IncompleteSetError, readPreferenceSet, updatePreferenceSet, type SetRunOptions } from "../core/setOperations";
import type { MfaPreferenceSetInputs, MfaPreferenceSetOutputs } from "../core/types";
import { progressLines } from "../process/progressLines";
import type { EngineLog } from "./engineLog";
import { concealSecrets, revealSecrets } from "./wireValues";

type Methods = Required<Pick<pulumiProvider.Provider, "check" | "diff" | "create" | "update" | "read" | "delete">>;

/**
 * Set once the engine cancels the run (Ctrl-C): a run over the users then starts no further user,
 * and create and update record what was done, as a partial failure. The engine sends no other call
 * after it.
 */
let cancelled = false;

export function cancelRuns(): void {
    cancelled = true;
}

function reveal(properties: Record<string, unknown> | undefined) {
    const { values, secretKeys } = revealSecrets(properties);
    return { values: values as unknown as MfaPreferenceSetOutputs, secretKeys };
}

/**
 * How a run over the resource's users reports progress (its name in the URN labels it): through the
 * engine's log, under the resource, when the plugin has the engine's address; and how it learns of
 * a cancel.
 */
function runOptions(urn: string, log: EngineLog | undefined): SetRunOptions {
    const label = `UserMfaPreferenceSet ${urn.slice(urn.lastIndexOf("::") + 2)}`;
    const progress = log === undefined ? progressLines(label) : progressLines(label, (line) => log(line, urn));
    return { ...progress, cancelled: () => cancelled };
}

/** Runs a create or update; a partial failure's properties go to the engine in wire encoding. */
async function withPartialState<Result>(secretKeys: Set<string>, run: () => Promise<Result>): Promise<Result> {
    try {
        return await run();
    } catch (error) {
        if (error instanceof IncompleteSetError) {
            Object.assign(error, { properties: concealSecrets(error.properties, secretKeys) });
        }
        throw error;
    }
}

/** Runs a call that may log, and answers only once the engine has its messages (engineLog.ts). */
async function answeredAfterLog<Result>(log: EngineLog | undefined, run: () => Promise<Result>): Promise<Result> {
    try {
        return await run();
    } finally {
        await log?.delivered();
    }
}

export function nativeSetProvider(log?: EngineLog): Methods {
    return {
        async check(_urn, _olds, news) {
            const { values, secretKeys } = reveal(news);
            const { inputs, failures } = checkSetInputs(values);
            return { inputs: concealSecrets(inputs, secretKeys), failures };
        },

        async diff(_id, _urn, olds, news) {
            return diffSetInputs(reveal(olds).values, reveal(news).values);
        },

        async create(urn, inputs) {
            const { values, secretKeys } = reveal(inputs);
            const { id, outs } = await answeredAfterLog(log, () => withPartialState(secretKeys, () => createPreferenceSet(values, undefined, runOptions(urn, log))));
            return { id, outs: concealSecrets(outs, secretKeys) };
        },

        async update(_id, urn, olds, news) {
            const { values, secretKeys } = reveal(news);
            const outs = await answeredAfterLog(log, () =>
                withPartialState(secretKeys, () => updatePreferenceSet(reveal(olds).values, values as MfaPreferenceSetInputs, undefined, runOptions(urn, log))),
            );
            return { outs: concealSecrets(outs, secretKeys) };
        },

        async read(id, urn, props) {
            // An import sends no properties (see importRead.ts): the core then lists the pool.
            const { values, secretKeys } = reveal(props);
            const found = await answeredAfterLog(log, () => readPreferenceSet(id, Object.keys(values).length === 0 ? undefined : values, undefined, runOptions(urn, log)));
            return { id: found.id, props: concealSecrets(found.props, secretKeys), inputs: concealSecrets(found.inputs, secretKeys) };
        },

        async delete(_id, urn, props) {
            await answeredAfterLog(log, () => deletePreferenceSet(reveal(props).values, undefined, runOptions(urn, log)));
        },
    };
}
