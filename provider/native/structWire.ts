// google.protobuf.Struct in its wire form, read straight into plain JavaScript values. The engine
// sends a pool resource's users as one Struct of some 100,000 values; google-protobuf builds a
// message object for each value and then converts each to JavaScript, which took most of the
// plugin's time and garbage in a one-user change among 10,000 users (BENCHMARKS.md, "A faster path
// for the property maps"). Reading the wire form once, with protobufjs's reader, gives the same
// values as `Struct.toJavaScript()`, including its error for a value of no kind; writing it with
// protobufjs's writer gives the bytes `Struct.fromJavaScript(value).serializeBinary()` gives.

import { Reader, Writer } from "protobufjs/minimal";

/** Wire tags (field number << 3 | wire type) of struct.proto's fields. */
const STRUCT_FIELDS_ENTRY = (1 << 3) | 2;
const ENTRY_KEY = (1 << 3) | 2;
const ENTRY_VALUE = (2 << 3) | 2;
const VALUE_NULL = (1 << 3) | 0;
const VALUE_NUMBER = (2 << 3) | 1;
const VALUE_STRING = (3 << 3) | 2;
const VALUE_BOOL = (4 << 3) | 0;
const VALUE_STRUCT = (5 << 3) | 2;
const VALUE_LIST = (6 << 3) | 2;
const LIST_VALUES = (1 << 3) | 2;

const NO_KIND = Symbol("no kind");

export type JavaScriptValue = null | number | string | boolean | JavaScriptValue[] | { [key: string]: JavaScriptValue };

/** Where the length-delimited field whose length comes next ends. */
function endOfNested(reader: Reader): number {
    const length = reader.uint32();
    return reader.pos + length;
}

function readStruct(reader: Reader, end: number): { [key: string]: JavaScriptValue } {
    const fields: { [key: string]: JavaScriptValue } = {};
    while (reader.pos < end) {
        const tag = reader.uint32();
        if (tag !== STRUCT_FIELDS_ENTRY) {
            reader.skipType(tag & 7);
            continue;
        }
        const entryEnd = endOfNested(reader);
        let key = "";
        let value: JavaScriptValue | typeof NO_KIND = NO_KIND;
        while (reader.pos < entryEnd) {
            const entryTag = reader.uint32();
            if (entryTag === ENTRY_KEY) {
                key = reader.string();
            } else if (entryTag === ENTRY_VALUE) {
                value = readValue(reader, endOfNested(reader));
            } else {
                reader.skipType(entryTag & 7);
            }
        }
        // A map entry without a value holds Value's default, which google-protobuf refuses to convert.
        fields[key] = value === NO_KIND ? noKind() : value;
    }
    return fields;
}

function readList(reader: Reader, end: number): JavaScriptValue[] {
    const values: JavaScriptValue[] = [];
    while (reader.pos < end) {
        const tag = reader.uint32();
        if (tag === LIST_VALUES) {
            values.push(readValue(reader, endOfNested(reader)));
        } else {
            reader.skipType(tag & 7);
        }
    }
    return values;
}

/** One Value; of several kinds on the wire, the last one read is the value (a oneof's rule). */
function readValue(reader: Reader, end: number): JavaScriptValue {
    let value: JavaScriptValue | typeof NO_KIND = NO_KIND;
    while (reader.pos < end) {
        const tag = reader.uint32();
        switch (tag) {
            case VALUE_NULL:
                reader.int32();
                value = null;
                break;
            case VALUE_NUMBER:
                value = reader.double();
                break;
            case VALUE_STRING:
                value = reader.string();
                break;
            case VALUE_BOOL:
                value = reader.bool();
                break;
            case VALUE_STRUCT:
                value = readStruct(reader, endOfNested(reader));
                break;
            case VALUE_LIST:
                value = readList(reader, endOfNested(reader));
                break;
            default:
                reader.skipType(tag & 7);
        }
    }
    return value === NO_KIND ? noKind() : value;
}

function noKind(): never {
    throw new Error("Unexpected struct type");
}

/** The JavaScript object a serialized google.protobuf.Struct holds, as `Struct.toJavaScript()` gives it. */
export function structToJavaScript(bytes: Uint8Array): { [key: string]: JavaScriptValue } {
    // A Buffer view (no copy) gets protobufjs's Buffer reader, whose strings are Node.js's own UTF-8 decoding.
    const reader = Reader.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
    return readStruct(reader, bytes.length);
}

function writeValue(writer: Writer, value: unknown): void {
    switch (typeof value) {
        case "string":
            writer.uint32(VALUE_STRING).string(value);
            return;
        case "number":
            writer.uint32(VALUE_NUMBER).double(value);
            return;
        case "boolean":
            writer.uint32(VALUE_BOOL).bool(value);
            return;
        case "object":
            if (value === null) {
                writer.uint32(VALUE_NULL).int32(0);
            } else if (Array.isArray(value)) {
                writer.uint32(VALUE_LIST).fork();
                for (const item of value) {
                    writer.uint32(LIST_VALUES).fork();
                    writeValue(writer, item);
                    writer.ldelim();
                }
                writer.ldelim();
            } else {
                writer.uint32(VALUE_STRUCT).fork();
                writeFields(writer, value as Record<string, unknown>);
                writer.ldelim();
            }
            return;
        default:
            throw new Error("Unexpected struct type.");
    }
}

/** A Struct's entries, in the order google-protobuf writes a map's: its keys sorted. */
function writeFields(writer: Writer, fields: Record<string, unknown>): void {
    const keys: string[] = [];
    // `for ... in`, as Struct.fromJavaScript takes an object's properties.
    for (const key in fields) {
        keys.push(key);
    }
    for (const key of keys.sort()) {
        writer.uint32(STRUCT_FIELDS_ENTRY).fork();
        writer.uint32(ENTRY_KEY).string(key);
        writer.uint32(ENTRY_VALUE).fork();
        writeValue(writer, fields[key]);
        writer.ldelim();
        writer.ldelim();
    }
}

/** The bytes of the google.protobuf.Struct that `Struct.fromJavaScript(fields)` makes. */
export function javaScriptToStruct(fields: Record<string, unknown>): Uint8Array {
    const writer = Writer.create();
    writeFields(writer, fields);
    return writer.finish();
}
