// Terraform's values on the wire and in the core's shapes. Terraform sends every value as msgpack
// (DynamicValue.msgpack): an object carries every attribute of its schema, null where unset, and
// a value not known until apply is a msgpack extension (`d4 00 00`; any extension reads as unknown).
// The core takes camelCase properties, with unset ones absent and unknown ones as its UNKNOWN
// marker (core/unknown.ts), which stands for a value of any type there too. Conversion is driven
// by the schema, so that a map's keys (usernames) are never renamed and every object sent back
// is complete.

import { decode, encode, ExtData, ExtensionCodec } from "@msgpack/msgpack";
import { isUnknown, UNKNOWN } from "../core/unknown";
import type { CtyType, TerraformAttribute } from "./schema";

type Plain = Record<string, unknown>;

/** Terraform's unknown value: extension 0 with one zero byte. */
const WIRE_UNKNOWN = new ExtData(0, Uint8Array.of(0));

/** Every extension type, timestamps' (-1) included, decoded as the core's unknown marker while decoding. */
const UNKNOWNS = new ExtensionCodec();
for (let type = -128; type <= 127; type++) {
    UNKNOWNS.register({ type, encode: () => null, decode: () => UNKNOWN });
}

/** A DynamicValue's msgpack bytes as a plain value, unknowns as the core's marker. */
export function fromMsgpack(bytes: Uint8Array | undefined): unknown {
    if (bytes === undefined || bytes.length === 0) {
        return null;
    }
    return decode(bytes, { extensionCodec: UNKNOWNS });
}

/** A plain value as msgpack, the core's unknown marker as Terraform's. */
export function toMsgpack(value: unknown): Uint8Array {
    return encode(wireUnknowns(value));
}

function wireUnknowns(value: unknown): unknown {
    if (isUnknown(value)) {
        return WIRE_UNKNOWN;
    }
    if (Array.isArray(value)) {
        return value.map(wireUnknowns);
    }
    if (value !== null && typeof value === "object") {
        const wired: Plain = {};
        for (const [key, inner] of Object.entries(value)) {
            wired[key] = wireUnknowns(inner);
        }
        return wired;
    }
    return value;
}

/** `user_pool_id` → `userPoolId`. */
export function coreName(name: string): string {
    return name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function isObject(value: unknown): value is Plain {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A Terraform object (snake_case, nulls) as the core's properties (camelCase, absent), by ATTRIBUTES. */
export function toCore(value: unknown, attributes: readonly TerraformAttribute[]): Plain {
    const properties: Plain = {};
    if (!isObject(value)) {
        return properties;
    }
    for (const attribute of attributes) {
        const inner = value[attribute.name];
        if (inner !== null && inner !== undefined && attribute.name !== "id") {
            properties[coreName(attribute.name)] = attributeToCore(inner, attribute);
        }
    }
    return properties;
}

function attributeToCore(value: unknown, attribute: TerraformAttribute): unknown {
    if (isUnknown(value)) {
        return UNKNOWN;
    }
    if (attribute.nested?.nesting === "SINGLE") {
        return toCore(value, attribute.nested.attributes);
    }
    if (attribute.nested?.nesting === "MAP") {
        const nested = attribute.nested;
        return mapEntries(value, (entry) => (isUnknown(entry) ? UNKNOWN : toCore(entry, nested.attributes)));
    }
    return typeToCore(value, attribute.type!);
}

function typeToCore(value: unknown, type: CtyType): unknown {
    if (value === null || isUnknown(value) || typeof type === "string" || type[0] === "list") {
        return value;
    }
    if (type[0] === "map") {
        return mapEntries(value, (entry) => typeToCore(entry, type[1]));
    }
    const fields = type[1];
    const object: Plain = {};
    for (const [name, fieldType] of Object.entries(fields)) {
        const field = (value as Plain)[name];
        if (field !== null && field !== undefined) {
            object[coreName(name)] = typeToCore(field, fieldType);
        }
    }
    return object;
}

/** The core's properties as a complete Terraform object of ATTRIBUTES: every attribute, null where absent. */
export function toTerraform(properties: Plain, attributes: readonly TerraformAttribute[]): Plain {
    const object: Plain = {};
    for (const attribute of attributes) {
        const inner = properties[attribute.name === "id" ? "id" : coreName(attribute.name)];
        object[attribute.name] = inner === undefined || inner === null ? null : attributeToTerraform(inner, attribute);
    }
    return object;
}

function attributeToTerraform(value: unknown, attribute: TerraformAttribute): unknown {
    if (isUnknown(value)) {
        return UNKNOWN;
    }
    if (attribute.nested?.nesting === "SINGLE") {
        return toTerraform(value as Plain, attribute.nested.attributes);
    }
    if (attribute.nested?.nesting === "MAP") {
        const nested = attribute.nested;
        return mapEntries(value, (entry) => (isUnknown(entry) ? UNKNOWN : toTerraform(entry as Plain, nested.attributes)));
    }
    return typeToTerraform(value, attribute.type!);
}

function typeToTerraform(value: unknown, type: CtyType): unknown {
    if (value === null || value === undefined || isUnknown(value)) {
        return value ?? null;
    }
    if (typeof type === "string" || type[0] === "list") {
        return value;
    }
    if (type[0] === "map") {
        return mapEntries(value, (entry) => typeToTerraform(entry, type[1]));
    }
    const object: Plain = {};
    for (const [name, fieldType] of Object.entries(type[1])) {
        object[name] = typeToTerraform((value as Plain)[coreName(name)], fieldType);
    }
    return object;
}

/** A map's entries, each converted, its keys kept (any username, `__proto__` too, is a plain key). */
function mapEntries(value: unknown, convert: (entry: unknown) => unknown): Plain {
    const converted: Plain = {};
    for (const [key, entry] of Object.entries(value as Plain)) {
        Object.defineProperty(converted, key, { value: convert(entry), enumerable: true, writable: true, configurable: true });
    }
    return converted;
}
