// `check` as the dynamic provider host calls it. Two inputs there belong to this front end, not to
// the resource: Pulumi's serialized provider (`__provider`) and the program's report of another
// resource managing the same user (`sameUserAs`, sameUser.ts). Neither is validated or stored.

import type * as dynamic from "@pulumi/pulumi/dynamic";
import { checkInputs, identityFailure } from "../core/check";
import type { MfaPreferenceInputs } from "../core/types";

const FRONT_END_INPUTS = ["__provider", "sameUserAs"];

export function checkDynamicInputs(news: unknown): dynamic.CheckResult<MfaPreferenceInputs> {
    if (typeof news !== "object" || news === null || Array.isArray(news)) {
        return checkInputs(news);
    }
    const properties = news as Record<string, unknown>;
    const resourceInputs = Object.fromEntries(Object.entries(properties).filter(([key]) => !FRONT_END_INPUTS.includes(key)));
    const { inputs, failures } = checkInputs(resourceInputs);
    if (typeof properties.sameUserAs === "string") {
        const reason = `${properties.sameUserAs} manages the same user: two resources would overwrite each other's MFA settings; declare the user's factors in one resource`;
        failures.unshift(identityFailure(resourceInputs, reason));
    }
    return { inputs, failures };
}
