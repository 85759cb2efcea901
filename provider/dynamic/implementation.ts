// The dynamic provider. What state holds (`__provider`) only loads this module from the
// installed package at call time (serializedProvider.ts and shim.ts), through the path that
// ../implementation.ts keeps where released states expect it, so state holds no copy of this code: upgrading the package
// changes how every existing resource is handled, which is why it must keep reading every
// released state shape.

import type * as dynamic from "@pulumi/pulumi/dynamic";
import { diffInputs } from "../core/diff";
import { applyPreference, createPreference, deletePreference, readPreference } from "../core/operations";
import type { MfaPreferenceInputs, MfaPreferenceOutputs } from "../core/types";
import { endWithEngineInDynamicProviderHost } from "../process/lifeline";
import { checkDynamicInputs } from "./check";

// Loaded into the dynamic provider host, this module ends that process when its engine is gone.
endWithEngineInDynamicProviderHost();

/** `aws:region` from the stack's config, given to `configure` once per provider process. */
let configuredRegion: string | undefined;

export const provider: dynamic.ResourceProvider<MfaPreferenceInputs, MfaPreferenceOutputs> = {
    async configure(request: dynamic.ConfigureRequest): Promise<void> {
        configuredRegion = request.config.get("aws:region") || undefined;
    },

    async check(_olds: MfaPreferenceInputs, news: MfaPreferenceInputs): Promise<dynamic.CheckResult<MfaPreferenceInputs>> {
        return checkDynamicInputs(news);
    },

    async diff(_id: string, olds: MfaPreferenceOutputs, news: MfaPreferenceInputs): Promise<dynamic.DiffResult> {
        return diffInputs(olds, news);
    },

    async create(inputs: MfaPreferenceInputs): Promise<dynamic.CreateResult<MfaPreferenceOutputs>> {
        return createPreference(inputs, configuredRegion);
    },

    async update(_id: string, _olds: MfaPreferenceOutputs, news: MfaPreferenceInputs): Promise<dynamic.UpdateResult<MfaPreferenceOutputs>> {
        return { outs: (await applyPreference(news, configuredRegion)).outs };
    },

    async read(id: string, props?: MfaPreferenceOutputs): Promise<dynamic.ReadResult<MfaPreferenceOutputs>> {
        const found = await readPreference(id, props, configuredRegion);
        // ReadResult types `inputs` as outputs; the engine stores them as the resource's inputs.
        return found === undefined ? { id: "" } : { id: found.id, props: found.props, inputs: found.inputs as MfaPreferenceOutputs };
    },

    async delete(_id: string, props: MfaPreferenceOutputs): Promise<void> {
        await deletePreference(props, configuredRegion);
    },
};

// Each method is exported on its own too: this module itself is the provider Pulumi calls when it is
// serialized by reference (resource.ts), and the shim calls these exports.
export const { configure, check, diff, create, read, update } = provider as Required<typeof provider>;
const remove = provider.delete!;
export { remove as delete };
