// What Pulumi serializes into every resource's state (`__provider`), chosen once per program.
//
// The state format promises one text under every package manager:
// `require("pulumi-cognito-mfa/dist/provider/implementation.js")` (290 bytes). Pulumi's
// closure serializer writes that for a module it finds in `require.cache` under a path whose
// first `node_modules` segment (relative to the working directory) is followed by the package
// name (runtime/closure/createClosure.ts, captureModuleAsync and findNormalizedModuleNameAsync).
// - npm, and Yarn with `nodeLinker: node-modules`: the implementation module itself qualifies.
// - pnpm: Node records the module at its real path, `node_modules/.pnpm/<id>/node_modules/
//   pulumi-cognito-mfa/...`, from which the serializer derives the package ".pnpm/<id>/..." and
//   fails (pulumi/pulumi#10009, #9085). The same file is reachable through the program's own
//   `node_modules/pulumi-cognito-mfa` link, so the serializer is shown the implementation under
//   that path instead, which gives the same `require` text as npm.
// - Outside any `node_modules` (this repository's own root program, `npm link`): the program's
//   `node_modules/pulumi-cognito-mfa` link, when it leads to the same file, is shown the same way.
//   The repository links itself there (its devDependency `pulumi-cognito-mfa: file:.`), so a stack
//   made from its root stores the same text as an installed package's.
// - Anything else (no such link: a hoisted workspace) would be serialized by value, so the shim,
//   which requires the implementation at call time, is used.
// Either way the installed implementation is what runs, whatever version wrote the state.
// The pool resource's provider (setImplementation.js) is chosen the same way, at its own path.

import * as fs from "node:fs";
import Module from "node:module";
import * as path from "node:path";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import * as implementation from "../implementation";
import * as setImplementation from "../setImplementation";
import { providerShim, setProviderShim } from "./shim";

const PACKAGE_NAME = "pulumi-cognito-mfa";

/** A provider module that states require, where, and the shim that loads it otherwise. */
export interface ServedModule {
    exports: dynamic.ResourceProvider;
    /** The exported path that existing stacks' `__provider` requires: it never moves. */
    path: string;
    shim: dynamic.ResourceProvider;
    /** The real path Node loaded the module from. */
    loadedFrom: () => string;
}

export const USER_MFA_PREFERENCE_MODULE: ServedModule = {
    exports: implementation,
    path: "dist/provider/implementation.js",
    shim: providerShim,
    loadedFrom: () => require.resolve("../implementation"),
};
export const USER_MFA_PREFERENCE_SET_MODULE: ServedModule = {
    exports: setImplementation,
    path: "dist/provider/setImplementation.js",
    shim: setProviderShim,
    loadedFrom: () => require.resolve("../setImplementation"),
};

const chosen = new Map<ServedModule, dynamic.ResourceProvider>();

export function serializedProvider(served: ServedModule = USER_MFA_PREFERENCE_MODULE): dynamic.ResourceProvider {
    let provider = chosen.get(served);
    if (provider === undefined) {
        provider = chooseSerializedProvider(served.loadedFrom(), process.cwd(), served);
        chosen.set(served, provider);
    }
    return provider;
}

/** Exported for tests: `implementationFile` is the real path Node loaded the implementation from. */
export function chooseSerializedProvider(implementationFile: string, cwd: string, served: ServedModule = USER_MFA_PREFERENCE_MODULE): dynamic.ResourceProvider {
    const segments = path.relative(cwd, implementationFile).split(path.sep);
    const first = segments.indexOf("node_modules");
    if (first >= 0 && segments[first + 1] === PACKAGE_NAME) {
        return served.exports;
    }
    // The node_modules folder the program resolves packages from: pnpm's top level, else the program's own.
    const nodeModules = first >= 0 ? segments.slice(0, first + 1) : ["node_modules"];
    const linked = path.resolve(cwd, ...nodeModules, PACKAGE_NAME, ...served.path.split("/"));
    return sameFile(linked, implementationFile) ? implementationAt(linked, served.exports) : served.shim;
}

function sameFile(a: string, b: string): boolean {
    try {
        return fs.realpathSync(a) === fs.realpathSync(b);
    } catch {
        return false;
    }
}

/**
 * The implementation's methods as the exports of a module cached under `file`, the linked path.
 * A distinct object: the serializer takes the first cache entry whose exports match, and the
 * real-path entry of the implementation itself comes first. Node itself never looks this entry
 * up, because it caches modules by real path.
 */
function implementationAt(file: string, exports: dynamic.ResourceProvider): dynamic.ResourceProvider {
    const cached = require.cache[file];
    if (cached !== undefined) {
        return cached.exports as dynamic.ResourceProvider;
    }
    const alias = new Module(file, module);
    alias.filename = file;
    alias.exports = { ...exports };
    alias.loaded = true;
    require.cache[file] = alias;
    return alias.exports as dynamic.ResourceProvider;
}
