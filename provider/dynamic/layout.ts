// Install layouts this package cannot work in, told to the user before anything is registered.

/**
 * Yarn Plug'n'Play keeps packages in zip archives that only Yarn's own loader can read. Pulumi
 * starts its dynamic provider host with plain `node`, which then cannot load `@pulumi/pulumi`
 * or this package, so the first operation on the resource would fail far from its cause.
 */
export function pnpUnsupported(versions: NodeJS.ProcessVersions): string | undefined {
    if (!("pnp" in versions)) {
        return undefined;
    }
    return (
        "pulumi-cognito-mfa cannot run under Yarn Plug'n'Play: Pulumi starts its dynamic provider host with plain node, " +
        "which cannot load packages from Yarn's zip archives. Fix: add `nodeLinker: node-modules` to .yarnrc.yml and run `yarn install`."
    );
}
