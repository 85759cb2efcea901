// The pool resource's dynamic provider, loaded the way the per-user one is (implementation.ts):
// what state holds (`__provider`) only requires this module from the installed package, through
// ../setImplementation.ts, whose path never moves.
//
// A create or update that fails for some users throws the core's IncompleteSetError; the
// dynamic provider host sends its `id` and `properties` as the partial failure, but stores those
// properties as they are, so `__provider` is added here: without it, the next run could not load
// the provider for the resource.

import type * as dynamic from "@pulumi/pulumi/dynamic";
import { checkSetInputs } from "../core/setCheck";
import { diffSetInputs } from "../core/setDiff";
import { createPreferenceSet, deletePreferenceSet, IncompleteSetError, readPreferenceSet, updatePreferenceSet } from "../core/setOperations";
import type { MfaPreferenceSetInputs, MfaPreferenceSetOutputs } from "../core/types";
import { endWithEngineInDynamicProviderHost } from "../process/lifeline";
import { progressLines } from "../process/progressLines";
import { checkSameUsers } from "./check";

endWithEngineInDynamicProviderHost();

let configuredRegion: string | undefined;

type WithProvider = { __provider?: unknown };

function progressFor(inputs: Pick<MfaPreferenceSetInputs, "userPoolId">) {
    return progressLines(`UserMfaPreferenceSet of ${inputs.userPoolId}`);
}

async function keepingProvider<Result>(inputs: object, run: () => Promise<Result>): Promise<Result> {
    try {
        return await run();
    } catch (error) {
        const { __provider } = inputs as WithProvider;
        if (error instanceof IncompleteSetError && __provider !== undefined) {
            Object.assign(error, { properties: { ...error.properties, __provider } });
        }
        throw error;
    }
}

export const provider: dynamic.ResourceProvider<MfaPreferenceSetInputs, MfaPreferenceSetOutputs> = {
    async configure(request: dynamic.ConfigureRequest): Promise<void> {
        configuredRegion = request.config.get("aws:region") || undefined;
    },

    async check(_olds: MfaPreferenceSetInputs, news: MfaPreferenceSetInputs): Promise<dynamic.CheckResult<MfaPreferenceSetInputs>> {
        return checkSameUsers(news, checkSetInputs);
    },

    async diff(_id: string, olds: MfaPreferenceSetOutputs, news: MfaPreferenceSetInputs): Promise<dynamic.DiffResult> {
        return diffSetInputs(olds, news);
    },

    async create(inputs: MfaPreferenceSetInputs): Promise<dynamic.CreateResult<MfaPreferenceSetOutputs>> {
        return keepingProvider(inputs, () => createPreferenceSet(inputs, configuredRegion, progressFor(inputs)));
    },

    async update(_id: string, olds: MfaPreferenceSetOutputs, news: MfaPreferenceSetInputs): Promise<dynamic.UpdateResult<MfaPreferenceSetOutputs>> {
        return { outs: await keepingProvider(news, () => updatePreferenceSet(olds, news, configuredRegion, progressFor(news))) };
    },

    async read(id: string, props?: MfaPreferenceSetOutputs): Promise<dynamic.ReadResult<MfaPreferenceSetOutputs>> {
        const found = await readPreferenceSet(id, props, configuredRegion, progressFor(props ?? { userPoolId: id }));
        // ReadResult types `inputs` as outputs; the engine stores them as the resource's inputs.
        return { id: found.id, props: found.props, inputs: found.inputs as MfaPreferenceSetOutputs };
    },

    async delete(_id: string, props: MfaPreferenceSetOutputs): Promise<void> {
        await deletePreferenceSet(props, configuredRegion, progressFor(props));
    },
};

export const { configure, check, diff, create, read, update } = provider as Required<typeof provider>;
const remove = provider.delete!;
export { remove as delete };
