// Lets the Node.js provider server answer the Read of an import.
//
// For an import (`import` resource option, `pulumi import`), the engine sends Read with the id and
// no properties: there is no state yet, and the engine marshals the empty property map as an
// absent Struct (sdk/go/common/resource/plugin/provider_plugin.go, `Read`). The server in
// @pulumi/pulumi then calls `req.getProperties().toJavaScript()` (sdk/nodejs/provider/server.ts,
// `read`, unchanged from 3.248 to the newest source), which throws "Cannot read properties of
// undefined (reading 'toJavaScript')" before the provider is asked. The smallest fix is the one
// upstream would make: read an absent Struct as an empty one. Only ReadRequest.getProperties
// changes, and only when the field is unset; the provider then sees `{}` and takes the user from
// the id. Remove this file once the server does that itself.

import { ReadRequest } from "@pulumi/pulumi/proto/provider_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

let applied = false;

export function acceptReadsWithoutState(): void {
    if (applied) {
        return;
    }
    applied = true;
    const getProperties = ReadRequest.prototype.getProperties;
    ReadRequest.prototype.getProperties = function (this: ReadRequest): Struct {
        return getProperties.call(this) ?? new Struct();
    };
}
