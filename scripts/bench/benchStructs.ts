// The native plugin's conversion of the engine's property maps, side by side in one process
// (`npm run bench:structs -- --n 1000,10000,100000 --runs 7`): google-protobuf's, as the SDK's
// provider server does it, and the one-pass conversion the plugin installs
// (provider/native/onePassStructs.ts). For a pool resource of N users, the two calls that carry
// the whole map each way: a request decoded and its properties converted to JavaScript (Check's
// and Diff's news, Update's olds and news), and a response's properties converted and encoded
// (Check's inputs, Create's, Update's and Read's outputs). The two ways take turns, first in one
// run and second in the next, after a garbage collection each; the medians are printed.

import { CheckRequest, CheckResponse } from "@pulumi/pulumi/proto/provider_pb";
import { Struct, type JavaScriptValue } from "google-protobuf/google/protobuf/struct_pb";
import { convertStructsInOnePass } from "../../provider/native/onePassStructs";
import { exitOnBrokenPipe } from "../../provider/process/brokenPipe";
import { median } from "./median";
import { option } from "./options";

/** A pool resource's outputs for N users, as the state holds them: the users, and each one's reported MFA. */
function outputs(count: number): { [key: string]: JavaScriptValue } {
    const users: { [key: string]: JavaScriptValue } = {};
    const reportedMfas: { [key: string]: JavaScriptValue } = {};
    for (let index = 0; index < count; index++) {
        const username = `user-${String(index).padStart(6, "0")}`;
        users[username] = { smsMfa: { enabled: index % 3 === 0, preferred: false } };
        reportedMfas[username] = index % 3 === 0 ? { enabledMfas: ["SMS_MFA"] } : { enabledMfas: [] };
    }
    return { userPoolId: "eu-west-1_AbC123xyz", region: "eu-west-1", users, reportedMfas };
}

interface Sample {
    decodeMs: number;
    encodeMs: number;
}

function timed(run: () => void): number {
    const started = process.hrtime.bigint();
    run();
    return Number(process.hrtime.bigint() - started) / 1e6;
}

function sample(request: Uint8Array, properties: { [key: string]: JavaScriptValue }): Sample {
    global.gc?.();
    const decodeMs = timed(() => CheckRequest.deserializeBinary(request).getNews()!.toJavaScript());
    global.gc?.();
    const encodeMs = timed(() => new CheckResponse().setInputs(Struct.fromJavaScript(properties)).serializeBinary());
    return { decodeMs, encodeMs };
}

function main(): void {
    exitOnBrokenPipe();
    const sizes = option("n", "1000,10000").split(",").map(Number);
    const runs = Number(option("runs", "7"));
    console.log(`| users | request bytes | decode: google-protobuf ms | decode: one pass ms | ratio | encode: google-protobuf ms | encode: one pass ms | ratio |`);
    console.log(`|---:|---:|---:|---:|---:|---:|---:|---:|`);
    for (const n of sizes) {
        const properties = outputs(n);
        const request = new CheckRequest().setUrn("urn").setNews(Struct.fromJavaScript(properties)).serializeBinary();
        const sdk: Sample[] = [];
        const onePass: Sample[] = [];
        for (let run = 0; run < runs; run++) {
            const order = run % 2 === 0 ? ["sdk", "one pass"] : ["one pass", "sdk"];
            for (const way of order) {
                if (way === "sdk") {
                    sdk.push(sample(request, properties));
                } else {
                    const restore = convertStructsInOnePass();
                    onePass.push(sample(request, properties));
                    restore();
                }
            }
        }
        const middle = (samples: Sample[], key: keyof Sample) => median(samples.map((s) => s[key]));
        const [decodeSdk, decodeOne, encodeSdk, encodeOne] = [middle(sdk, "decodeMs"), middle(onePass, "decodeMs"), middle(sdk, "encodeMs"), middle(onePass, "encodeMs")];
        console.log(
            `| ${n.toLocaleString("en-US")} | ${request.length.toLocaleString("en-US")} | ${decodeSdk.toFixed(0)} | ${decodeOne.toFixed(0)} | ${(decodeSdk / decodeOne).toFixed(1)}x | ${encodeSdk.toFixed(0)} | ${encodeOne.toFixed(0)} | ${(encodeSdk / encodeOne).toFixed(1)}x |`,
        );
    }
}

main();
