// The provider's gRPC server: each call of Terraform's plugin protocol 6 decoded, given to its
// resource type or data source, and answered. Every failure is answered as a diagnostic, so the CLI
// shows it with its attribute; a gRPC error is left for a call the provider does not serve.

import * as grpc from "@grpc/grpc-js";
import { userDataSource } from "./dataSource";
import { errorDiagnostic, type Diagnostic } from "./diagnostics";
import type { Services } from "./protocol";
import type { DataSourceType, ProviderSettings, ResourceType, TerraformObject } from "./resourceTypes";
import { DATA_SOURCE_SCHEMAS, PROVIDER_SCHEMA, RESOURCE_SCHEMAS, SET_RESOURCE, USER_DATA_SOURCE, USER_RESOURCE, type TerraformAttribute, type TerraformSchema } from "./schema";
import { setResource } from "./setResource";
import { userResource } from "./userResource";
import { fromMsgpack, toMsgpack, toCore } from "./values";

const RESOURCES: Record<string, ResourceType> = { [USER_RESOURCE]: userResource, [SET_RESOURCE]: setResource };
const DATA_SOURCES: Record<string, DataSourceType> = { [USER_DATA_SOURCE]: userDataSource };

/** Terraform allows messages of up to 256 MiB (gRPC's default is 4 MB): a pool of 100,000 users fits. */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

type Request = Record<string, unknown> & { type_name?: string };
type Handler = (request: Request) => Promise<Record<string, unknown>> | Record<string, unknown>;

function attributeMessage(attribute: TerraformAttribute): Record<string, unknown> {
    return {
        name: attribute.name,
        ...(attribute.type === undefined ? {} : { type: Buffer.from(JSON.stringify(attribute.type)) }),
        ...(attribute.nested === undefined ? {} : { nested_type: { attributes: attribute.nested.attributes.map(attributeMessage), nesting: attribute.nested.nesting } }),
        description: attribute.description,
        description_kind: "MARKDOWN",
        required: attribute.required ?? false,
        optional: attribute.optional ?? false,
        computed: attribute.computed ?? false,
        sensitive: attribute.sensitive ?? false,
        write_only: attribute.writeOnly ?? false,
    };
}

/** A block type: its attributes those of the nested object, its entries by label (MAP). */
function blockTypeMessage(attribute: TerraformAttribute): Record<string, unknown> {
    return {
        type_name: attribute.name,
        nesting: attribute.nested!.nesting,
        block: { attributes: attribute.nested!.attributes.map(attributeMessage), description: attribute.description, description_kind: "MARKDOWN" },
    };
}

function schemaMessage(schema: TerraformSchema): Record<string, unknown> {
    return {
        version: schema.version,
        block: {
            version: schema.version,
            attributes: schema.attributes.filter((attribute) => !attribute.block).map(attributeMessage),
            block_types: schema.attributes.filter((attribute) => attribute.block).map(blockTypeMessage),
            description: schema.description,
            description_kind: "MARKDOWN",
        },
    };
}

function dynamicValue(value: unknown): { msgpack: Buffer } {
    return { msgpack: Buffer.from(toMsgpack(value)) };
}

function valueOf(dynamic: unknown): TerraformObject | null {
    return fromMsgpack((dynamic as { msgpack?: Uint8Array } | null)?.msgpack) as TerraformObject | null;
}

function unknownType(kind: string, typeName: string | undefined): Diagnostic {
    return { severity: "ERROR", summary: `Unknown ${kind} type ${JSON.stringify(typeName)}`, detail: `This provider has ${kind}s ${Object.keys(kind === "resource" ? RESOURCES : DATA_SOURCES).join(", ")}.` };
}

/** STATE reduced to ATTRIBUTES, null where absent: an older state's object in this schema. */
function inSchema(state: Record<string, unknown>, attributes: readonly TerraformAttribute[]): TerraformObject {
    return Object.fromEntries(attributes.map((attribute) => [attribute.name, state[attribute.name] ?? null]));
}

/** The provider's settings, from ConfigureProvider; STOPPED reads the stop flag. */
function settingsFrom(config: TerraformObject | null, writeOnlyAttributes: boolean, stopped: () => boolean): ProviderSettings {
    const own = toCore(config, PROVIDER_SCHEMA.attributes) as { region?: string; endpoint?: string };
    return { region: own.region, endpoint: own.endpoint, writeOnlyAttributes, stopped };
}

/** The handlers of tfplugin6.Provider, with the settings ConfigureProvider gives and the flag StopProvider sets. */
export function providerHandlers(): Record<string, Handler> {
    let stopped = false;
    let settings: ProviderSettings = settingsFrom(null, false, () => stopped);
    const capabilities = { plan_destroy: false, get_provider_schema_optional: false, move_resource_state: false, generate_resource_config: false };
    return {
        GetMetadata: () => ({
            server_capabilities: capabilities,
            resources: Object.keys(RESOURCES).map((type_name) => ({ type_name })),
            data_sources: Object.keys(DATA_SOURCES).map((type_name) => ({ type_name })),
        }),
        GetProviderSchema: () => ({
            provider: schemaMessage(PROVIDER_SCHEMA),
            resource_schemas: Object.fromEntries(Object.entries(RESOURCE_SCHEMAS).map(([name, schema]) => [name, schemaMessage(schema)])),
            data_source_schemas: Object.fromEntries(Object.entries(DATA_SOURCE_SCHEMAS).map(([name, schema]) => [name, schemaMessage(schema)])),
            server_capabilities: capabilities,
        }),
        GetResourceIdentitySchemas: () => ({ identity_schemas: {} }),
        ValidateProviderConfig: () => ({ diagnostics: [] }),
        ConfigureProvider: (request) => {
            const writeOnly = (request.client_capabilities as { write_only_attributes_allowed?: boolean } | null)?.write_only_attributes_allowed ?? false;
            settings = settingsFrom(valueOf(request.config), writeOnly, () => stopped);
            return { diagnostics: [] };
        },
        ValidateResourceConfig: (request) => {
            const resource = RESOURCES[request.type_name ?? ""];
            return { diagnostics: resource === undefined ? [unknownType("resource", request.type_name)] : resource.validate(valueOf(request.config) ?? {}) };
        },
        ValidateDataResourceConfig: (request) => {
            const dataSource = DATA_SOURCES[request.type_name ?? ""];
            return { diagnostics: dataSource === undefined ? [unknownType("data source", request.type_name)] : dataSource.validate(valueOf(request.config) ?? {}) };
        },
        UpgradeResourceState: (request) => {
            const resource = RESOURCES[request.type_name ?? ""];
            if (resource === undefined) {
                return { diagnostics: [unknownType("resource", request.type_name)] };
            }
            if (Number(request.version) > resource.schema.version) {
                return { diagnostics: [{ severity: "ERROR", summary: "State from a newer provider", detail: `This state was written by a provider with schema version ${String(request.version)}; this provider knows version ${resource.schema.version}. Use that provider's version or newer.` }] };
            }
            const raw = (request.raw_state as { json?: Buffer } | null)?.json;
            const state = raw === undefined || raw.length === 0 ? null : inSchema(JSON.parse(raw.toString("utf8")) as Record<string, unknown>, resource.schema.attributes);
            return { upgraded_state: dynamicValue(state), diagnostics: [] };
        },
        ReadResource: async (request) => {
            const resource = RESOURCES[request.type_name ?? ""];
            const state = valueOf(request.current_state);
            if (resource === undefined || state === null) {
                return { new_state: dynamicValue(state), diagnostics: resource === undefined ? [unknownType("resource", request.type_name)] : [] };
            }
            const { newState, diagnostics } = await resource.read(state, settings);
            return { new_state: dynamicValue(newState), diagnostics, private: request.private };
        },
        PlanResourceChange: (request) => {
            const resource = RESOURCES[request.type_name ?? ""];
            if (resource === undefined) {
                return { diagnostics: [unknownType("resource", request.type_name)] };
            }
            const { planned, requiresReplace, diagnostics } = resource.plan(valueOf(request.prior_state), valueOf(request.proposed_new_state), valueOf(request.config), settings);
            return {
                planned_state: dynamicValue(planned),
                requires_replace: requiresReplace.map((steps) => ({ steps: steps.map((attribute_name) => ({ attribute_name })) })),
                planned_private: request.prior_private,
                diagnostics,
            };
        },
        ApplyResourceChange: async (request) => {
            const resource = RESOURCES[request.type_name ?? ""];
            if (resource === undefined) {
                return { diagnostics: [unknownType("resource", request.type_name)] };
            }
            const { newState, diagnostics } = await resource.apply(valueOf(request.prior_state), valueOf(request.planned_state), valueOf(request.config), settings);
            return { new_state: dynamicValue(newState), diagnostics, private: request.planned_private };
        },
        ImportResourceState: (request) => {
            const resource = RESOURCES[request.type_name ?? ""];
            if (resource === undefined) {
                return { diagnostics: [unknownType("resource", request.type_name)] };
            }
            return { imported_resources: [{ type_name: request.type_name, state: dynamicValue(resource.imported(String(request.id))) }], diagnostics: [] };
        },
        ReadDataSource: async (request) => {
            const dataSource = DATA_SOURCES[request.type_name ?? ""];
            if (dataSource === undefined) {
                return { diagnostics: [unknownType("data source", request.type_name)] };
            }
            const { newState, diagnostics } = await dataSource.read(valueOf(request.config) ?? {}, settings);
            return { state: dynamicValue(newState), diagnostics };
        },
        StopProvider: () => {
            // Ctrl-C: runs over a pool's users start no further user, and answer with what was done.
            stopped = true;
            return { Error: "" };
        },
    };
}

/** A unary gRPC handler of HANDLER: any exception becomes an error diagnostic, not a failed call. */
function unary(name: string, handler: Handler): grpc.handleUnaryCall<Request, Record<string, unknown>> {
    return (call, callback) => {
        Promise.resolve()
            .then(() => handler(call.request))
            .then(
                (response) => callback(null, response),
                (error: unknown) => callback(null, { diagnostics: [errorDiagnostic(`The provider failed in ${name}`, error)] }),
            );
    };
}

/** The server with the three services; SHUTDOWN is called when the CLI says it is done. */
export function providerServer(services: Services, shutdown: () => void): grpc.Server {
    const server = new grpc.Server({ "grpc.max_receive_message_length": MAX_MESSAGE_BYTES, "grpc.max_send_message_length": MAX_MESSAGE_BYTES });
    const handlers = providerHandlers();
    server.addService(services.provider, Object.fromEntries(Object.entries(handlers).map(([name, handler]) => [name, unary(name, handler)])));
    server.addService(services.controller, {
        Shutdown: (_call: unknown, callback: grpc.sendUnaryData<object>) => {
            callback(null, {});
            shutdown();
        },
    });
    server.addService(services.health, {
        Check: (_call: unknown, callback: grpc.sendUnaryData<object>) => callback(null, { status: "SERVING" }),
    });
    return server;
}
