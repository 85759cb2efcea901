// What the gRPC server (server.ts) asks of each resource type and data source: the protocol's
// calls, on plain values (values.ts: snake_case objects, the core's UNKNOWN marker for unknowns).

import type { Diagnostic } from "./diagnostics";
import type { TerraformSchema } from "./schema";

export type TerraformObject = Record<string, unknown>;

/** The provider's settings (its `provider` block) and what the CLI said of itself. */
export interface ProviderSettings {
    region?: string;
    endpoint?: string;
    /** The CLI keeps write-only attributes out of plan and state (Terraform and OpenTofu 1.11+). */
    writeOnlyAttributes: boolean;
    /** True once the CLI asked the provider to stop (Ctrl-C): no further user is started. */
    stopped(): boolean;
}

export interface Planned {
    planned: TerraformObject | null;
    /** Paths (attribute names) whose change replaces the resource. */
    requiresReplace: string[][];
    diagnostics: Diagnostic[];
}

export interface Applied {
    /** Null: nothing to save (a create that failed, or a delete). */
    newState: TerraformObject | null;
    diagnostics: Diagnostic[];
}

export interface ResourceType {
    schema: TerraformSchema;
    validate(config: TerraformObject): Diagnostic[];
    plan(prior: TerraformObject | null, proposed: TerraformObject | null, config: TerraformObject | null, settings: ProviderSettings): Planned;
    apply(prior: TerraformObject | null, planned: TerraformObject | null, config: TerraformObject | null, settings: ProviderSettings): Promise<Applied>;
    /** Refresh, and the read that follows an import. A null state: the object is gone. */
    read(state: TerraformObject, settings: ProviderSettings): Promise<Applied>;
    /** The state an import starts from: the id alone, which `read` then fills in. */
    imported(id: string): TerraformObject;
}

export interface DataSourceType {
    schema: TerraformSchema;
    validate(config: TerraformObject): Diagnostic[];
    read(config: TerraformObject, settings: ProviderSettings): Promise<Applied>;
}

/** Where calls go: the resource's own endpoint, else the provider's. */
export function located<Properties extends { endpoint?: string }>(properties: Properties, settings: ProviderSettings): Properties {
    return properties.endpoint === undefined && settings.endpoint !== undefined ? { ...properties, endpoint: settings.endpoint } : properties;
}

/** Every attribute null but the id: a complete object of SCHEMA. */
export function idOnly(schema: TerraformSchema, id: string): TerraformObject {
    return Object.fromEntries(schema.attributes.map((attribute) => [attribute.name, attribute.name === "id" ? id : null]));
}
