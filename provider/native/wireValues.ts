// The Node.js provider server hands this plugin the engine's property values as plain JSON, in
// the engine's wire encoding: it tells the engine it accepts secrets (provider/server.js,
// `configure`), so a secret arrives as an object marked with Pulumi's secret signature, and a
// value not known yet (preview) as the unknown sentinel, which the core understands. The core
// sees plain values; what was secret goes back secret, and `accessToken` always does.

import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { SECRET_PROPERTIES, type MfaPreferenceOutputs } from "../core/types";

type Properties = Record<string, unknown>;

/** Properties that are secret whatever the program said (the definition's secret ones): they authorize calls as the user. */
const ALWAYS_SECRET = SECRET_PROPERTIES;

export interface Revealed {
    /**
     * The properties with every secret replaced by its value. Typed as the widest shape the
     * engine sends back (outputs include inputs); check gave the inputs that shape.
     */
    values: MfaPreferenceOutputs;
    /** The top-level properties that held a secret anywhere inside them. */
    secretKeys: Set<string>;
}

function isSecret(value: unknown): value is { value?: unknown } {
    return typeof value === "object" && value !== null && (value as Properties)[specialSigKey] === specialSecretSig;
}

/** The value with its secrets revealed; a part with no secret inside is the same object, not a copy. */
function reveal(value: unknown, found: () => void): unknown {
    if (isSecret(value)) {
        found();
        return reveal(value.value, found);
    }
    if (Array.isArray(value)) {
        let copy: unknown[] | undefined;
        value.forEach((item, index) => {
            const revealed = reveal(item, found);
            if (revealed !== item) {
                copy ??= [...value];
                copy[index] = revealed;
            }
        });
        return copy ?? value;
    }
    if (typeof value === "object" && value !== null) {
        let copy: Properties | undefined;
        for (const [key, item] of Object.entries(value)) {
            const revealed = reveal(item, found);
            if (revealed !== item) {
                copy ??= { ...value };
                copy[key] = revealed;
            }
        }
        return copy ?? value;
    }
    return value;
}

export function revealSecrets(properties: Properties | undefined): Revealed {
    const values: Properties = {};
    const secretKeys = new Set<string>();
    for (const [key, value] of Object.entries(properties ?? {})) {
        values[key] = reveal(value, () => secretKeys.add(key));
    }
    return { values: values as unknown as MfaPreferenceOutputs, secretKeys };
}

/**
 * The properties in wire encoding: each of `secretKeys` (and every always-secret one) wrapped as a
 * secret. Undefined values are left out: a protobuf Struct cannot hold them.
 */
export function concealSecrets(values: object, secretKeys: Iterable<string>): Properties {
    const secret = new Set([...secretKeys, ...ALWAYS_SECRET]);
    const wire: Properties = {};
    for (const [key, value] of Object.entries(values)) {
        if (value === undefined) {
            continue;
        }
        wire[key] = secret.has(key) ? { [specialSigKey]: specialSecretSig, value } : value;
    }
    return wire;
}
