// The resource provider. What state holds (`__provider`) only loads this module from the
// installed package at call time (resource.ts), so state holds no copy of this code: upgrading
// the package changes how every existing resource is handled, which is why it must keep reading
// every released state shape.

import type * as dynamic from "@pulumi/pulumi/dynamic";
import { checkInputs } from "./check";
import { cognitoClient } from "./client";
import { CognitoMfaError } from "./errors";
import { getUserMfa, setMfaPreference, targetOf, userPoolIdOf, type Target } from "./cognito";
import { diffInputs } from "./diff";
import { endWithEngineInDynamicProviderHost } from "./lifeline";
import { clientLocation } from "./location";
import { desiredSettings, disabledSettings, inputsOf, reportedOutputs } from "./mapping";
import { PREFERABLE_FACTORS, type MfaPreferenceInputs, type MfaPreferenceOutputs } from "./types";

// Loaded into the dynamic provider host, this module ends that process when its engine is gone.
endWithEngineInDynamicProviderHost();

/** `aws:region` from the stack's config, given to `configure` once per provider process. */
let configuredRegion: string | undefined;

function clientFor(properties: MfaPreferenceInputs, target: Target) {
    return cognitoClient(clientLocation(properties, userPoolIdOf(target), configuredRegion));
}

/** `<userPoolId>/<username>`: the form `pulumi import` takes (pool ids never hold a "/"). */
function resourceId(userPoolId: string, username: string): string {
    return `${userPoolId}/${username}`;
}

function parseResourceId(id: string): { userPoolId: string; username: string } | undefined {
    const slash = id.indexOf("/");
    return slash > 0 && slash < id.length - 1 ? { userPoolId: id.slice(0, slash), username: id.slice(slash + 1) } : undefined;
}

/** One write of exactly the managed factors, then one read: the outputs are what Cognito reports. */
async function apply(inputs: MfaPreferenceInputs): Promise<{ id: string; outs: MfaPreferenceOutputs }> {
    const target = targetOf(inputs);
    const client = clientFor(inputs, target);
    await setMfaPreference(client, target, desiredSettings(inputs), "fail");
    const user = (await getUserMfa(client, target, "fail"))!;
    const userPoolId = userPoolIdOf(target);
    const outs = reportedOutputs(inputs, user.reported);
    if (target.kind === "selfService") {
        outs.userPoolId = userPoolId;
        outs.username = user.username;
    }
    return { id: resourceId(userPoolId, target.kind === "admin" ? target.username : user.username), outs };
}

export const provider: dynamic.ResourceProvider<MfaPreferenceInputs, MfaPreferenceOutputs> = {
    async configure(request: dynamic.ConfigureRequest): Promise<void> {
        configuredRegion = request.config.get("aws:region") || undefined;
    },

    async check(_olds: MfaPreferenceInputs, news: MfaPreferenceInputs): Promise<dynamic.CheckResult<MfaPreferenceInputs>> {
        return checkInputs(news);
    },

    async diff(_id: string, olds: MfaPreferenceOutputs, news: MfaPreferenceInputs): Promise<dynamic.DiffResult> {
        return diffInputs(olds, news);
    },

    async create(inputs: MfaPreferenceInputs): Promise<dynamic.CreateResult<MfaPreferenceOutputs>> {
        return apply(inputs);
    },

    async update(_id: string, _olds: MfaPreferenceOutputs, news: MfaPreferenceInputs): Promise<dynamic.UpdateResult<MfaPreferenceOutputs>> {
        return { outs: (await apply(news)).outs };
    },

    async read(id: string, props?: MfaPreferenceOutputs): Promise<dynamic.ReadResult<MfaPreferenceOutputs>> {
        let stored = inputsOf(props ?? { enabledMfas: [] });
        if (stored.accessToken === undefined && (stored.userPoolId === undefined || stored.username === undefined)) {
            // An import: nothing stored but the id. Take up the factors Cognito can report.
            const parsed = parseResourceId(id);
            if (parsed === undefined) {
                throw new Error(`cannot import ${JSON.stringify(id)}: the id of a UserMfaPreference is <userPoolId>/<username>`);
            }
            stored = { ...stored, ...parsed };
            for (const factor of PREFERABLE_FACTORS) {
                stored[factor] = { enabled: false, preferred: false };
            }
        }
        const target = targetOf(stored);
        const user = await getUserMfa(clientFor(stored, target), target, "answer");
        if (user === undefined) {
            return { id: "" };
        }
        const outs = reportedOutputs(stored, user.reported);
        // The inputs as they would have to be for no diff: the managed factors as Cognito has them.
        const inputs = inputsOf(outs);
        if (target.kind === "selfService") {
            delete inputs.userPoolId;
            delete inputs.username;
        }
        // ReadResult types `inputs` as outputs; the engine stores them as the resource's inputs.
        return { id, props: outs, inputs: inputs as MfaPreferenceOutputs };
    },

    async delete(_id: string, props: MfaPreferenceOutputs): Promise<void> {
        const target = targetOf(props);
        const settings = disabledSettings(props);
        if (Object.keys(settings).length === 0) {
            return;
        }
        try {
            // A user or pool that is already gone has nothing left to disable: that is success.
            await setMfaPreference(clientFor(props, target), target, settings, "answer");
        } catch (error) {
            // Never wedge the stack: say how to let go of the resource without touching the user.
            const reason = error instanceof Error ? error.message : String(error);
            throw new CognitoMfaError(
                `${reason}. The managed factors were not disabled. To stop managing this user without changing them, run \`pulumi state delete <URN of this resource>\` and remove it from the program.`,
            );
        }
    },
};

// Each method is exported on its own too: this module itself is the provider Pulumi calls when it is
// serialized by reference (resource.ts), and the shim calls these exports.
export const { configure, check, diff, create, read, update } = provider as Required<typeof provider>;
const remove = provider.delete!;
export { remove as delete };
