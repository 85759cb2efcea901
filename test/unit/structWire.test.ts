// The native plugin's one-pass conversion of property maps (structWire.ts, onePassStructs.ts) must
// give exactly what google-protobuf gives, in both directions, and leave every other use of a
// Struct as google-protobuf makes it.

import * as assert from "node:assert/strict";
import { CheckRequest, CheckResponse } from "@pulumi/pulumi/proto/provider_pb";
import fc from "fast-check";
import { BinaryReader, BinaryWriter } from "google-protobuf";
import { Struct, Value, type JavaScriptValue } from "google-protobuf/google/protobuf/struct_pb";
import { convertStructsInOnePass } from "../../provider/native/onePassStructs";
import { javaScriptToStruct, structToJavaScript } from "../../provider/native/structWire";

/**
 * Property maps as the engine sends them: nested objects and lists of strings, numbers, booleans
 * and nulls. Not an own `__proto__` key: google-protobuf's map drops it, and no JavaScript object
 * the plugin answers with has one (assigning that key sets the prototype instead).
 */
const propertyMap = fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 8 }).filter(
    (map) => !JSON.stringify(map).includes('"__proto__"'),
) as fc.Arbitrary<Record<string, never>>;

const bytesOf = (value: Uint8Array) => Buffer.from(value).toString("hex");

/** A user map of the pool resource's shape, for a message of realistic size. */
function users(count: number): Record<string, JavaScriptValue> {
    const map: Record<string, JavaScriptValue> = {};
    for (let index = 0; index < count; index++) {
        map[`user-${index}`] = { smsMfa: { enabled: index % 2 === 0, preferred: false }, softwareTokenMfa: { enabled: true, preferred: true } };
    }
    return { userPoolId: "eu-west-1_AbC123xyz", users: map };
}

describe("struct wire conversion", () => {
    it("reads the values google-protobuf reads, and writes its bytes", () => {
        fc.assert(
            fc.property(propertyMap, (map) => {
                const bytes = Struct.fromJavaScript(map).serializeBinary();
                assert.deepEqual(structToJavaScript(bytes), Struct.deserializeBinary(bytes).toJavaScript());
                assert.equal(bytesOf(javaScriptToStruct(map)), bytesOf(bytes));
            }),
            { numRuns: 300 },
        );
        const large = users(500);
        assert.equal(bytesOf(javaScriptToStruct(large)), bytesOf(Struct.fromJavaScript(large).serializeBinary()));
    });

    it("follows protobuf's rules: the last of a oneof's kinds, unknown fields skipped, no kind refused", () => {
        const writer = new BinaryWriter();
        writer.writeString(99, "a field from the future");
        writer.writeMessage(1, "x", (_key, entry) => {
            entry.writeString(1, "x");
            entry.writeMessage(2, {}, (_value, value) => {
                value.writeString(3, "first");
                value.writeBool(4, true);
                value.writeFixed32(77, 5);
            });
        });
        assert.deepEqual(structToJavaScript(writer.getResultBuffer()), { x: true });

        // A map entry with no value, and a list item of no kind: google-protobuf refuses both.
        const valueless = new BinaryWriter();
        valueless.writeMessage(1, "y", (_key, entry) => entry.writeString(1, "y"));
        assert.throws(() => structToJavaScript(valueless.getResultBuffer()), /Unexpected struct type/);
        assert.throws(() => Struct.deserializeBinary(valueless.getResultBuffer()).toJavaScript());
        const kindless = Struct.fromJavaScript({ list: [1, 2] });
        kindless.getFieldsMap().get("list")!.getListValue()!.addValues(new Value());
        const kindlessBytes = kindless.serializeBinary();
        assert.throws(() => structToJavaScript(kindlessBytes), /Unexpected struct type/);
        assert.throws(() => Struct.deserializeBinary(kindlessBytes).toJavaScript(), /Unexpected struct type/);
        assert.throws(() => javaScriptToStruct({ z: undefined }), /Unexpected struct type/);
        assert.throws(() => Struct.fromJavaScript({ z: undefined as never }), /Unexpected struct type/);
    });

    describe("installed on the SDK's messages", () => {
        let restore: () => void;
        let reference: { request: Uint8Array; news: Record<string, JavaScriptValue>; response: Uint8Array; object: unknown };
        before(() => {
            const news = users(200);
            const request = new CheckRequest().setUrn("urn").setOlds(new Struct()).setNews(Struct.fromJavaScript(news)).serializeBinary();
            const response = new CheckResponse().setInputs(Struct.fromJavaScript(news)).serializeBinary();
            reference = { request, news, response, object: CheckRequest.deserializeBinary(request).toObject() };
            restore = convertStructsInOnePass();
        });
        after(() => restore());

        it("decodes a request's properties to the same values, and the rest of it as before", () => {
            const request = CheckRequest.deserializeBinary(reference.request);
            assert.equal(request.getUrn(), "urn");
            assert.deepEqual(request.getNews()!.toJavaScript(), reference.news);
            assert.deepEqual(request.getOlds()!.toJavaScript(), {});
            // The SDK's generated messages hold this very Struct class, so the plugin's bundle converts theirs.
            assert.ok(request.getNews() instanceof Struct);
        });

        it("gives any other use the complete message", () => {
            const request = CheckRequest.deserializeBinary(reference.request);
            assert.equal(request.getNews()!.getFieldsMap().get("userPoolId")!.getStringValue(), "eu-west-1_AbC123xyz");
            assert.deepEqual(CheckRequest.deserializeBinary(reference.request).toObject(), reference.object);
            assert.equal(bytesOf(CheckRequest.deserializeBinary(reference.request).serializeBinary()), bytesOf(reference.request));
        });

        it("writes a response's properties as google-protobuf does, and keeps a change made to them", () => {
            const response = new CheckResponse().setInputs(Struct.fromJavaScript(reference.news));
            assert.equal(bytesOf(response.serializeBinary()), bytesOf(reference.response));
            assert.deepEqual(response.getInputs()!.toJavaScript(), reference.news);
            response.getInputs()!.getFieldsMap().set("userPoolId", new Value().setStringValue("changed"));
            const sent = CheckResponse.deserializeBinary(response.serializeBinary());
            assert.equal(sent.getInputs()!.toJavaScript().userPoolId, "changed");
        });

        it("converts a Struct nested in another message too", () => {
            const bytes = Value.fromJavaScript({ nested: [1, { deeper: "yes" }] }).serializeBinary();
            const value = Value.deserializeBinaryFromReader(new Value(), new BinaryReader(bytes));
            assert.deepEqual(value.toJavaScript(), { nested: [1, { deeper: "yes" }] });
        });
    });
});
