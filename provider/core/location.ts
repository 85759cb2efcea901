// Where a resource's calls go. Region: the `region` input, else the region in the user pool id
// (Cognito pool ids are `<region>_<id>`), else `aws:region` from the stack's config, else the
// SDK's own chain. Endpoint: the `endpoint` input, else the SDK's standard variables.

import type { ClientLocation } from "./client";

export function clientLocation(properties: { region?: string; endpoint?: string }, userPoolId: string, configuredRegion: string | undefined): ClientLocation {
    const poolRegion = userPoolId.includes("_") ? userPoolId.slice(0, userPoolId.indexOf("_")) : undefined;
    return { region: properties.region ?? poolRegion ?? configuredRegion, endpoint: properties.endpoint };
}
