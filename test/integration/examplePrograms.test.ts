// The documented programs cannot run here (examples/aws needs real AWS), so they are compiled as
// the CLI's Node.js language host compiles them, which is as far as they go without an account:
// @pulumi/pulumi's cmd/run registers ts-node with the project's tsconfig.json, or without one (as in
// examples/aws) with its own defaults (nodenext for TypeScript 4.7 and later), type checking on.
// `pulumi-cognito-mfa` resolves to the built package, as from a user's node_modules.

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as tsNode from "ts-node";

const PROJECT_ROOT = path.resolve(__dirname, "../..");

/** The options cmd/run (3.248) gives ts-node for a project without a tsconfig.json. */
const CMD_RUN_DEFAULTS = { target: "ES2020", module: "nodenext", moduleResolution: "nodenext", sourceMap: true };

function compileAsTheLanguageHost(file: string): void {
    const service = tsNode.create({ skipProject: true, transpileOnly: false, compilerOptions: CMD_RUN_DEFAULTS });
    service.compile(fs.readFileSync(file, "utf8"), file);
}

/** The TypeScript examples of the README and the reference that use @pulumi/aws, each as a file of its own. */
function documentedExamples(): { where: string; code: string }[] {
    const examples = [];
    for (const doc of ["README.md", "docs/_index.md"]) {
        const text = fs.readFileSync(path.join(PROJECT_ROOT, doc), "utf8");
        for (const match of text.matchAll(/```ts\n(import \* as aws from "@pulumi\/aws";[\s\S]*?)```/g)) {
            examples.push({ where: doc, code: match[1] });
        }
    }
    return examples;
}

describe("the documented programs, compiled as the language host compiles them", function () {
    this.timeout(120_000);

    before(function () {
        assert.ok(fs.existsSync(path.join(PROJECT_ROOT, "dist/provider/index.d.ts")), "run npm run build first");
    });

    it("examples/aws type-checks against the package and @pulumi/aws", () => {
        compileAsTheLanguageHost(path.join(PROJECT_ROOT, "examples/aws/index.ts"));
    });

    it("examples/pool type-checks against the package", () => {
        compileAsTheLanguageHost(path.join(PROJECT_ROOT, "examples/pool/index.ts"));
    });

    it("the README's and the reference's examples type-check too", () => {
        const examples = documentedExamples();
        assert.ok(examples.length >= 2, "the README and docs/_index.md each show a TypeScript example that imports @pulumi/aws");
        for (const [index, example] of examples.entries()) {
            const file = path.join(PROJECT_ROOT, `examples/aws/.documented-example-${index}.ts`);
            fs.writeFileSync(file, example.code);
            try {
                compileAsTheLanguageHost(file);
            } finally {
                fs.rmSync(file, { force: true });
            }
        }
    });

    it("a type error in such a program is reported, as the host would report it", () => {
        const file = path.join(PROJECT_ROOT, "examples/aws/.broken-example.ts");
        fs.writeFileSync(file, 'import { UserMfaPreference } from "pulumi-cognito-mfa";\nnew UserMfaPreference("x", { userPoolId: "p", username: "u", smsMfa: { enabled: "yes" } });\n');
        try {
            assert.throws(() => compileAsTheLanguageHost(file), /TS2322/);
        } finally {
            fs.rmSync(file, { force: true });
        }
    });
});
