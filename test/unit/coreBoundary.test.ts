// The core's boundary (eslint.config.mjs): ESLint, with the project's own configuration, on sample
// files placed in provider/core. Every way of reaching a front end or Pulumi, and every form of the
// front-end input names, must be reported; the same code outside the core, and a core file that
// keeps to the rules, must not be.

import * as assert from "node:assert/strict";
import * as path from "node:path";
import { ESLint } from "eslint";

const PROJECT_ROOT = path.resolve(__dirname, "../..");

const BOUNDARY_RULES = ["@typescript-eslint/no-restricted-imports", "no-restricted-syntax"];

/**
 * What the boundary's rules report for CODE as the file RELATIVE: each distinct "rule: message",
 * sorted (one name can be reported at several nodes: a shorthand property is a key and a value).
 */
async function problems(relative: string, code: string): Promise<string[]> {
    const eslint = new ESLint({ cwd: PROJECT_ROOT });
    const [result] = await eslint.lintText(code, { filePath: path.join(PROJECT_ROOT, relative) });
    const boundary = result.messages.filter((message) => BOUNDARY_RULES.includes(message.ruleId ?? ""));
    return [...new Set(boundary.map((message) => `${message.ruleId}: ${message.message}`))].sort();
}

const FRONT_END = "@typescript-eslint/no-restricted-imports: '%s' import is restricted from being used by a pattern. provider/core knows no front end: it imports only its own files (./…); move what both need into the core.";
const frontEnd = (source: string) => FRONT_END.replace("%s", source);
const PULUMI = "@typescript-eslint/no-restricted-imports: '@pulumi/pulumi' import is restricted from being used by a pattern. provider/core knows no Pulumi SDK: map Pulumi's shapes in the front end.";
const MODULE = "@typescript-eslint/no-restricted-imports: 'node:module' import is restricted from being used by a pattern. provider/core loads modules by static imports alone, which this rule checks.";
const OWN_PACKAGE = "@typescript-eslint/no-restricted-imports: 'pulumi-cognito-mfa' import is restricted from being used by a pattern. provider/core knows no front end: the package's entry points are front ends.";
const REQUIRE = "no-restricted-syntax: provider/core loads modules by static imports alone, which the boundary rule checks: no require().";
const IMPORT_CALL = "no-restricted-syntax: provider/core loads modules by static imports alone, which the boundary rule checks: no import().";
const IMPORT_TYPE = 'no-restricted-syntax: provider/core names types by static imports alone, which the boundary rule checks: no import("…") types.';
const INPUT_NAME = "no-restricted-syntax: Front-end inputs (__provider, sameUserAs) belong in the front end (provider/dynamic/check.ts).";

/** Each sample, alone in a core file, and exactly what it must be told. */
const SAMPLES: { name: string; code: string; expected: string[] }[] = [
    { name: "an import of a front end", code: 'import { UserMfaPreference } from "../dynamic/resource";\nvoid UserMfaPreference;\n', expected: [frontEnd("../dynamic/resource")] },
    { name: "a type-only import of a front end", code: 'import type { Schema } from "../native/schema";\nexport type S = Schema;\n', expected: [frontEnd("../native/schema")] },
    { name: "a deep relative path into a front end", code: 'import { check } from "../../provider/dynamic/check";\nvoid check;\n', expected: [frontEnd("../../provider/dynamic/check")] },
    { name: "the package's entry point by a relative path", code: 'export { UserMfaPreference } from "../index";\n', expected: [frontEnd("../index")] },
    { name: "a re-export of a front end", code: 'export * from "../scan/scan";\n', expected: [frontEnd("../scan/scan")] },
    { name: "the package by its own name", code: 'import { UserMfaPreference } from "pulumi-cognito-mfa";\nvoid UserMfaPreference;\n', expected: [OWN_PACKAGE] },
    { name: "the Pulumi SDK", code: 'import * as pulumi from "@pulumi/pulumi";\nvoid pulumi;\n', expected: [PULUMI] },
    { name: "TypeScript's import = require()", code: 'import resource = require("../dynamic/resource");\nvoid resource;\n', expected: [frontEnd("../dynamic/resource")] },
    { name: "require()", code: 'export const resource = require("../dynamic/resource");\n', expected: [REQUIRE] },
    { name: "createRequire() from node:module", code: 'import { createRequire } from "node:module";\nexport const resource = createRequire(__filename)("../dynamic/resource");\n', expected: [MODULE] },
    { name: "require() of a computed path", code: 'const where = "../dyn" + "amic/resource";\nexport const resource = require(where);\n', expected: [REQUIRE] },
    { name: "import()", code: 'export const resource = import("../native/provider");\n', expected: [IMPORT_CALL] },
    { name: 'an import("…") type', code: 'export type Resource = import("../dynamic/resource").UserMfaPreference;\n', expected: [IMPORT_TYPE] },
    { name: "__provider as a string", code: 'export const key = "__provider";\n', expected: [INPUT_NAME] },
    { name: "sameUserAs as a template", code: "export const key = `sameUserAs`;\n", expected: [INPUT_NAME] },
    { name: "__provider inside a string", code: 'export const path = "inputs.__provider";\n', expected: [INPUT_NAME] },
    { name: "sameUserAs inside a template with a value", code: "export const path = (at: string) => `${at}.sameUserAs`;\n", expected: [INPUT_NAME] },
    { name: "sameUserAs as a property access", code: "export const of = (x: { sameUserAs?: string }) => x.sameUserAs;\n", expected: [INPUT_NAME] },
    { name: "__provider as an object key and a binding", code: "export const read = ({ __provider }: { __provider: string }) => ({ __provider });\n", expected: [INPUT_NAME] },
    { name: "sameUserAs as an element access", code: 'export const of = (x: Record<string, string>) => x["sameUserAs"];\n', expected: [INPUT_NAME] },
    { name: "sameUserAs as a type's string", code: 'export type Key = "sameUserAs";\n', expected: [INPUT_NAME] },
    { name: "__provider in a regular expression", code: "export const pattern = /__provider/;\n", expected: [INPUT_NAME] },
    { name: "sameUserAs as a private field", code: "export class Claims {\n    #sameUserAs = 1;\n    get value() {\n        return this.#sameUserAs;\n    }\n}\n", expected: [INPUT_NAME] },
];

describe("the core's boundary, as ESLint reports it", function () {
    // ESLint loads the project's configuration and the TypeScript parser once per instance.
    this.timeout(60_000);

    for (const { name, code, expected } of SAMPLES) {
        it(`in provider/core: ${name}`, async () => {
            assert.deepEqual(await problems("provider/core/sample.ts", code), expected);
        });
    }

    it("outside the core, the same code is no boundary problem", async () => {
        const reported = await Promise.all(SAMPLES.map(({ code }) => problems("provider/dynamic/sample.ts", code)));
        assert.deepEqual(reported.flat(), []);
    });

    it("a core file that keeps to the rules has no problem", async () => {
        const code = 'import * as fs from "node:fs";\nimport type { AdminGetUserResponse } from "@aws-sdk/client-cognito-identity-provider";\nimport { check } from "./check";\nexport const used = [fs, check] as const;\nexport type User = AdminGetUserResponse;\n';
        assert.deepEqual(await problems("provider/core/sample.ts", code), []);
    });
});
