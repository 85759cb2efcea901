// The gRPC services the provider serves:
//   tfplugin6.Provider        Terraform's plugin protocol 6, from terraform-plugin-go's
//                             tfplugin6.proto, turned into a JSON descriptor when the provider is
//                             built (scripts/setup/build-terraform.sh), and carried beside the
//                             bundle, or inside the standalone executable as an asset;
//   plugin.GRPCController     go-plugin's controller: `Shutdown`, which the CLI calls when done;
//   grpc.health.v1.Health     the health check go-plugin's clients may ask.
// The last two are a method each, declared here.

import * as fs from "node:fs";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { fromJSON, type Options } from "@grpc/proto-loader";
import * as protobuf from "protobufjs";

const DESCRIPTOR = "tfplugin6.json";

const CONTROLLER = `
syntax = "proto3";
package plugin;
message Empty {}
service GRPCController { rpc Shutdown(Empty) returns (Empty); }
`;

const HEALTH = `
syntax = "proto3";
package grpc.health.v1;
message HealthCheckRequest { string service = 1; }
message HealthCheckResponse {
  enum ServingStatus { UNKNOWN = 0; SERVING = 1; NOT_SERVING = 2; SERVICE_UNKNOWN = 3; }
  ServingStatus status = 1;
}
service Health { rpc Check(HealthCheckRequest) returns (HealthCheckResponse); }
`;

const OPTIONS: Options = { keepCase: true, longs: Number, enums: String, bytes: Buffer, defaults: true, oneofs: true };

/** The tfplugin6 descriptor: the standalone executable's asset, else the file beside the bundle. */
function tfplugin6Descriptor(): protobuf.INamespace {
    let sea: { isSea(): boolean; getAsset(key: string, encoding: string): string } | undefined;
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- node:sea exists only on newer Node.js versions
        sea = require("node:sea");
    } catch {
        sea = undefined;
    }
    const text = sea?.isSea() ? sea.getAsset(DESCRIPTOR, "utf8") : fs.readFileSync(process.env.COGNITOMFA_TFPLUGIN6_DESCRIPTOR ?? path.join(__dirname, DESCRIPTOR), "utf8");
    return JSON.parse(text) as protobuf.INamespace;
}

function parsed(source: string): protobuf.INamespace {
    return protobuf.parse(source, { keepCase: true }).root.toJSON();
}

type ServiceOf = grpc.ServiceClientConstructor;

export interface Services {
    provider: grpc.ServiceDefinition;
    controller: grpc.ServiceDefinition;
    health: grpc.ServiceDefinition;
}

export function loadServices(): Services {
    const load = (namespace: protobuf.INamespace) => grpc.loadPackageDefinition(fromJSON(namespace, OPTIONS)) as unknown as Record<string, Record<string, unknown>>;
    const tfplugin6 = load(tfplugin6Descriptor()).tfplugin6 as Record<string, ServiceOf>;
    const plugin = load(parsed(CONTROLLER)).plugin as Record<string, ServiceOf>;
    const health = ((load(parsed(HEALTH)).grpc as Record<string, Record<string, unknown>>).health.v1 as Record<string, ServiceOf>);
    return { provider: tfplugin6.Provider.service, controller: plugin.GRPCController.service, health: health.Health.service };
}
