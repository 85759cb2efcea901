/**
 * The value the engine sends, during preview, for a property whose value is not known yet (an
 * output of a resource that is not created yet). It can stand in for a value of any type.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(value: unknown): boolean {
    return value === UNKNOWN;
}
