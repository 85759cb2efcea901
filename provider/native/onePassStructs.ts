// The engine's property maps converted in one pass over their bytes (structWire.ts), in place of
// google-protobuf's message per value, on the Struct class the SDK's provider server uses.
// - A Struct read from the wire keeps its bytes; `toJavaScript()`, the provider server's one use
//   of a request's properties, converts them directly.
// - A Struct made by `Struct.fromJavaScript()`, the provider server's way to answer with
//   properties, keeps their bytes, written once, and its serialization copies them.
// Anything else asked of either (its fields map, `toObject`, a change) first decodes it the usual
// way, so every other use sees the message google-protobuf would have made.

import { BinaryReader, type BinaryWriter } from "google-protobuf";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { javaScriptToStruct, structToJavaScript } from "./structWire";

const WIRE = Symbol("the Struct's bytes, not decoded yet");
type Undecoded = Struct & { [WIRE]?: Uint8Array };

/** Installs the one-pass conversion; the function returned puts google-protobuf's own back. */
export function convertStructsInOnePass(): () => void {
    const decodeMessage = Struct.deserializeBinaryFromReader;
    const getFieldsMap = Struct.prototype.getFieldsMap;
    const toJavaScript = Struct.prototype.toJavaScript;
    const fromJavaScript = Struct.fromJavaScript;
    const serializeMessage = Struct.serializeBinaryToWriter;
    const readMessage = BinaryReader.prototype.readMessage;

    /** The message as google-protobuf decodes it, made the first time it is asked for. */
    function decoded(message: Undecoded): Struct {
        const bytes = message[WIRE];
        if (bytes !== undefined) {
            delete message[WIRE];
            decodeMessage(message, new BinaryReader(bytes));
        }
        return message;
    }

    // Generated code reads a Struct field with `reader.readMessage(struct, Struct.deserializeBinaryFromReader)`.
    BinaryReader.prototype.readMessage = function (this: BinaryReader, message: Undecoded, read: (message: Undecoded, reader: BinaryReader) => void) {
        if (read !== decodeMessage) {
            return readMessage.call(this, message, read as (message: unknown, reader: BinaryReader) => void);
        }
        // The field's bytes, past its length; the reader moves to the next field.
        const field = this.getFieldDecoder();
        message[WIRE] = field.getBuffer().subarray(field.getCursor(), field.getEnd());
        field.free();
    };
    Struct.prototype.getFieldsMap = function (this: Undecoded, ...args: unknown[]) {
        return (getFieldsMap as (...args: unknown[]) => ReturnType<Struct["getFieldsMap"]>).apply(decoded(this), args);
    };
    Struct.fromJavaScript = (fields) => {
        const message: Undecoded = new Struct();
        message[WIRE] = javaScriptToStruct(fields);
        return message;
    };
    Struct.serializeBinaryToWriter = (message: Undecoded, writer: BinaryWriter) => {
        const bytes = message[WIRE];
        if (bytes === undefined) {
            serializeMessage(message, writer);
        } else {
            writer.writeSerializedMessage(bytes, 0, bytes.length);
        }
    };
    Struct.prototype.toJavaScript = function (this: Undecoded) {
        const bytes = this[WIRE];
        return bytes === undefined ? toJavaScript.call(this) : structToJavaScript(bytes);
    };
    return () => {
        Object.assign(Struct, { fromJavaScript, serializeBinaryToWriter: serializeMessage });
        Object.assign(Struct.prototype, { getFieldsMap, toJavaScript });
        BinaryReader.prototype.readMessage = readMessage;
    };
}
