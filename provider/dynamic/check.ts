// `check` as the dynamic provider host calls it. Two inputs there belong to this front end, not to
// the resource: Pulumi's serialized provider (`__provider`) and the program's report of another
// resource managing the same user (`sameUserAs`, sameUser.ts). Neither is validated or stored.

import type * as dynamic from "@pulumi/pulumi/dynamic";
import { checkInputs, identityFailure, type CheckFailure } from "../core/check";
import type { MfaPreferenceInputs } from "../core/types";

const FRONT_END_INPUTS = ["__provider", "sameUserAs"];

type Checker<Inputs> = (inputs: unknown) => { inputs: Inputs; failures: CheckFailure[] };

/** The pool resource's failure: `sameUserAs` names each user and who else manages it. */
function usersFailure(_inputs: Record<string, unknown>, claims: string): CheckFailure {
    return { property: "users", reason: `${claims}: two resources would overwrite each other's MFA settings; declare each user's factors in one resource` };
}

/** The resource's own check, with a failure first when another resource manages the same user. */
export function checkSameUsers<Inputs>(
    news: unknown,
    check: Checker<Inputs>,
    failureAt: (inputs: Record<string, unknown>, sameUserAs: string) => CheckFailure = usersFailure,
): dynamic.CheckResult<Inputs> {
    if (typeof news !== "object" || news === null || Array.isArray(news)) {
        return check(news);
    }
    const properties = news as Record<string, unknown>;
    const resourceInputs = Object.fromEntries(Object.entries(properties).filter(([key]) => !FRONT_END_INPUTS.includes(key)));
    const { inputs, failures } = check(resourceInputs);
    if (typeof properties.sameUserAs === "string") {
        failures.unshift(failureAt(resourceInputs, properties.sameUserAs));
    }
    return { inputs, failures };
}

export function checkDynamicInputs(news: unknown): dynamic.CheckResult<MfaPreferenceInputs> {
    return checkSameUsers(news, checkInputs, (inputs, owner) =>
        identityFailure(inputs, `${owner} manages the same user: two resources would overwrite each other's MFA settings; declare the user's factors in one resource`),
    );
}
