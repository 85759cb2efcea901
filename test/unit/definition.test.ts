// The resource's shape is written once, in provider/core/definition.ts. These tests hold every
// other place that spells it out to the definition, property by property: the core's lists, the
// native schema, the dynamic resource's TypeScript (read with the compiler API: names,
// optionality, types and doc comments) and the Inputs and Outputs tables of docs/_index.md.

import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { checkInputs } from "../../provider/core/check";
import {
    FACTOR_BLOCK,
    PASSKEY_BLOCK,
    REPORTED_MFA_BLOCK,
    USER_FACTORS_BLOCK,
    USER_MFA_PREFERENCE,
    USER_MFA_PREFERENCE_SET,
    type BlockDefinition,
    type PropertyDefinition,
    type PropertyType,
} from "../../provider/core/definition";
import { COMPUTED_PROPERTIES, FACTORS, INPUT_PROPERTIES, PREFERABLE_FACTORS, SECRET_PROPERTIES } from "../../provider/core/types";
import { RESOURCE_TYPE, SET_RESOURCE_TYPE } from "../../provider/native/provider";
import { nativeSchema, PLUGIN_VERSION, type PropertySpec } from "../../provider/native/schema";
import packageJson from "../../package.json";

const ROOT = path.resolve(__dirname, "../..");
const RESOURCE_FILE = "provider/dynamic/resource.ts";
const SET_RESOURCE_FILE = "provider/dynamic/setResource.ts";

type Entries = [string, PropertyDefinition][];

const entriesOf = (block: BlockDefinition, include: (definition: PropertyDefinition) => boolean = () => true): Entries =>
    Object.entries(block.properties).filter(([, definition]) => include(definition));
const isInput = (definition: PropertyDefinition) => definition.input !== false;
const isOutput = (definition: PropertyDefinition) => definition.output !== false;
const isBlock = (definition: PropertyDefinition) => definition.type === "factor" || definition.type === "passkey";
const names = (entries: Entries) => entries.map(([name]) => name);
const sorted = (values: readonly string[]) => [...values].sort();
/** One line, single spaces: how a doc comment or a table cell is compared. */
const flat = (text: string) => text.replace(/\s+/g, " ").trim();

/** Fails naming what is on one side only, so that the failure says what to add where. */
function assertSameNames(where: string, found: readonly string[], defined: readonly string[]): void {
    const onlyFound = found.filter((name) => !defined.includes(name));
    const onlyDefined = defined.filter((name) => !found.includes(name));
    const differences = [
        ...(onlyFound.length > 0 ? [`in ${where} but not in the definition: ${onlyFound.join(", ")}`] : []),
        ...(onlyDefined.length > 0 ? [`in the definition but not in ${where}: ${onlyDefined.join(", ")}`] : []),
    ];
    if (differences.length > 0) {
        assert.fail(differences.join("; "));
    }
}

describe("the resource's definition", () => {
    it("gives the core its lists of properties", () => {
        const inputs = entriesOf(USER_MFA_PREFERENCE, isInput);
        assert.deepEqual(FACTORS, names(entriesOf(USER_MFA_PREFERENCE, isBlock)));
        assert.deepEqual(PREFERABLE_FACTORS, names(entriesOf(USER_MFA_PREFERENCE, (definition) => definition.type === "factor")));
        assert.deepEqual(INPUT_PROPERTIES, [...names(inputs.filter(([, definition]) => !isBlock(definition))), ...FACTORS]);
        assert.deepEqual(COMPUTED_PROPERTIES, names(entriesOf(USER_MFA_PREFERENCE, (definition) => !isInput(definition))));
        assert.deepEqual(SECRET_PROPERTIES, ["accessToken"]);
        for (const [name, definition] of entriesOf(USER_MFA_PREFERENCE)) {
            assert.ok(isInput(definition) || isOutput(definition), `${name} is neither an input nor an output`);
        }
    });

    it("has the defaults check applies, and says them in the descriptions", () => {
        for (const [block, factor] of [
            [FACTOR_BLOCK, "smsMfa"],
            [PASSKEY_BLOCK, "webAuthnMfa"],
        ] as const) {
            const { inputs, failures } = checkInputs({ userPoolId: "us-east-1_AbC123xyz", username: "alice", smsMfa: { enabled: true }, [factor]: { enabled: true } });
            assert.deepEqual(failures, []);
            for (const [name, definition] of entriesOf(block)) {
                const value = (inputs[factor] as Record<string, unknown>)[name];
                if (definition.default !== undefined) {
                    assert.equal(value, definition.default, `${factor}.${name}`);
                    assert.match(definition.description, new RegExp(`Default ${definition.default}\\.`), `${name}'s description names its default`);
                } else if (definition.input !== "required") {
                    assert.equal(value, undefined, `${factor}.${name} has no default`);
                }
            }
        }
    });

    it("has descriptions that fit everywhere they go: one line, no table separator, a full stop", () => {
        for (const block of [USER_MFA_PREFERENCE, FACTOR_BLOCK, PASSKEY_BLOCK, USER_MFA_PREFERENCE_SET, USER_FACTORS_BLOCK, REPORTED_MFA_BLOCK]) {
            for (const [name, { description }] of entriesOf(block)) {
                assert.match(description, /^[^\n|]+\.$/, name);
                assert.equal(description, flat(description), name);
            }
        }
    });
});

describe("the native schema (provider/native/schema.ts)", () => {
    const schema = nativeSchema();
    const resource = schema.resources[RESOURCE_TYPE];
    const BLOCK_REFS: Record<string, string> = {
        factor: "#/types/cognito-mfa:index:FactorSettings",
        passkey: "#/types/cognito-mfa:index:PasskeyFactorSettings",
        userFactorsMap: "#/types/cognito-mfa:index:UserFactors",
        reportedMfaMap: "#/types/cognito-mfa:index:ReportedMfa",
    };

    function assertSpec(where: string, spec: PropertySpec | undefined, definition: PropertyDefinition): void {
        assert.ok(spec !== undefined, `${where} is missing`);
        const type: Record<PropertyType, Omit<PropertySpec, "description">> = {
            string: { type: "string" },
            boolean: { type: "boolean" },
            stringArray: { type: "array", items: { type: "string" } },
            factor: { $ref: BLOCK_REFS.factor },
            passkey: { $ref: BLOCK_REFS.passkey },
            userFactorsMap: { type: "object", additionalProperties: { $ref: BLOCK_REFS.userFactorsMap } },
            reportedMfaMap: { type: "object", additionalProperties: { $ref: BLOCK_REFS.reportedMfaMap } },
        };
        assert.deepEqual(spec, { ...type[definition.type], ...(definition.secret ? { secret: true } : {}), description: definition.description }, where);
    }

    it("has the package's version", () => {
        assert.equal(PLUGIN_VERSION, packageJson.version);
        assert.equal(schema.version, packageJson.version);
    });

    it("declares exactly the inputs the core accepts and the outputs it returns, with the access token secret", () => {
        assert.deepEqual(Object.keys(resource.inputProperties).sort(), sorted(INPUT_PROPERTIES));
        assert.deepEqual(Object.keys(resource.properties).sort(), sorted([...INPUT_PROPERTIES, ...COMPUTED_PROPERTIES]));
        assert.equal(resource.inputProperties.accessToken.secret, true);
        assert.equal(resource.properties.accessToken.secret, true);
    });

    it("gives every property the definition's type, secretness, required-ness and description", () => {
        assert.equal(resource.description, USER_MFA_PREFERENCE.description);
        for (const [name, definition] of entriesOf(USER_MFA_PREFERENCE)) {
            if (isInput(definition)) assertSpec(`inputProperties.${name}`, resource.inputProperties[name], definition);
            if (isOutput(definition)) assertSpec(`properties.${name}`, resource.properties[name], definition);
        }
        // userPoolId and username are always in the outputs, but the released SDKs type them optional (schema.ts).
        assert.deepEqual(resource.required, names(entriesOf(USER_MFA_PREFERENCE, (definition) => definition.output === "always")).filter((name) => name !== "userPoolId" && name !== "username"));
        assert.equal(resource.requiredInputs, undefined);
        for (const [type, block] of [
            ["factor", FACTOR_BLOCK],
            ["passkey", PASSKEY_BLOCK],
        ] as const) {
            const spec = schema.types[BLOCK_REFS[type].slice("#/types/".length)];
            assert.equal(spec.description, block.description);
            assert.deepEqual(Object.keys(spec.properties), names(entriesOf(block)));
            for (const [name, definition] of entriesOf(block)) {
                assertSpec(`${type}.${name}`, spec.properties[name], definition);
            }
            assert.deepEqual(spec.required, names(entriesOf(block, (definition) => definition.input === "required")));
        }
    });

    it("declares UserMfaPreferenceSet as defined: every property, its users' blocks and what Cognito reports of them", () => {
        const set = schema.resources[SET_RESOURCE_TYPE];
        assert.equal(set.description, USER_MFA_PREFERENCE_SET.description);
        assert.deepEqual(Object.keys(set.inputProperties), names(entriesOf(USER_MFA_PREFERENCE_SET, isInput)));
        assert.deepEqual(Object.keys(set.properties), names(entriesOf(USER_MFA_PREFERENCE_SET, isOutput)));
        for (const [name, definition] of entriesOf(USER_MFA_PREFERENCE_SET)) {
            if (isInput(definition)) assertSpec(`inputProperties.${name}`, set.inputProperties[name], definition);
            if (isOutput(definition)) assertSpec(`properties.${name}`, set.properties[name], definition);
        }
        assert.deepEqual(set.required, names(entriesOf(USER_MFA_PREFERENCE_SET, (definition) => definition.output === "always")));
        assert.deepEqual(set.requiredInputs, names(entriesOf(USER_MFA_PREFERENCE_SET, (definition) => definition.input === "required")));
        for (const [type, block, required] of [
            ["userFactorsMap", USER_FACTORS_BLOCK, []],
            ["reportedMfaMap", REPORTED_MFA_BLOCK, ["enabledMfas"]],
        ] as const) {
            const spec = schema.types[BLOCK_REFS[type].slice("#/types/".length)];
            assert.equal(spec.description, block.description);
            assert.deepEqual(Object.keys(spec.properties), names(entriesOf(block)), type);
            for (const [name, definition] of entriesOf(block)) {
                assertSpec(`${type}.${name}`, spec.properties[name], definition);
            }
            assert.deepEqual(spec.required ?? [], required);
        }
    });
});

interface Member {
    name: string;
    optional: boolean;
    /** The type as written, without whitespace. */
    type: string;
    /** The doc comment's text on one line; undefined without one. */
    doc: string | undefined;
}

/** A resource file's declarations, read with the compiler API. */
function readDeclarations(file: string) {
    const source = ts.createSourceFile(file, readFileSync(path.join(ROOT, file), "utf8"), ts.ScriptTarget.ES2022, true);
    function declaration<Node extends ts.InterfaceDeclaration | ts.ClassDeclaration>(name: string, is: (node: ts.Node) => node is Node): Node {
        const found = source.statements.find((statement): statement is Node => is(statement) && statement.name?.text === name);
        assert.ok(found !== undefined, `${file} declares no ${name}`);
        return found;
    }
    function memberOf(member: ts.PropertySignature | ts.PropertyDeclaration): Member {
        const docs = ts.getJSDocCommentsAndTags(member).filter(ts.isJSDoc);
        const comment = docs.length === 0 ? undefined : ts.getTextOfJSDocComment(docs[docs.length - 1].comment);
        return {
            name: member.name.getText(source),
            optional: member.questionToken !== undefined,
            type: (member.type?.getText(source) ?? "").replace(/\s+/g, ""),
            doc: comment === undefined ? undefined : flat(comment),
        };
    }
    const interfaceMembers = (name: string) => declaration(name, ts.isInterfaceDeclaration).members.filter(ts.isPropertySignature).map(memberOf);
    const classMembers = (name: string) => declaration(name, ts.isClassDeclaration).members.filter(ts.isPropertyDeclaration).map(memberOf);
    return { source, declaration, interfaceMembers, classMembers };
}

/** How each type is written: as an input (`Input<...>`) and as an output (`Output<...>`). */
const blockLiteral = (block: BlockDefinition) => `{${entriesOf(block, isOutput).map(([name]) => `${name}:boolean`).join(";")}}`;
const WRITTEN: Record<PropertyType, { input: string; output: string }> = {
    string: { input: "string", output: "string" },
    boolean: { input: "boolean", output: "boolean" },
    stringArray: { input: "string[]", output: "string[]" },
    factor: { input: "FactorArgs", output: "FactorState" },
    passkey: { input: "PasskeyFactorArgs", output: blockLiteral(PASSKEY_BLOCK) },
    userFactorsMap: { input: "Record<string,pulumi.Input<UserFactorsArgs>>", output: "Record<string,UserFactorsState>" },
    reportedMfaMap: { input: "never", output: "Record<string,ReportedMfaState>" },
};

function assertMembers(where: string, members: Member[], entries: Entries, expect: (definition: PropertyDefinition) => { optional: boolean; type: string }): void {
    assertSameNames(where, members.map((member) => member.name), names(entries));
    for (const [name, definition] of entries) {
        const member = members.find((candidate) => candidate.name === name)!;
        const expected = expect(definition);
        assert.equal(member.optional, expected.optional, `${where}.${name}: ${expected.optional ? "optional" : "required"} in the definition`);
        assert.equal(member.type, expected.type, `${where}.${name}: the type for the definition's ${definition.type}`);
        assert.equal(member.doc, definition.description, `${where}.${name}: the doc comment is the definition's description`);
    }
}

const asInput = (definition: PropertyDefinition) => ({ optional: definition.input !== "required", type: `pulumi.Input<${WRITTEN[definition.type].input}>` });

describe(`the dynamic resource (${RESOURCE_FILE})`, () => {
    const { source, declaration, interfaceMembers, classMembers } = readDeclarations(RESOURCE_FILE);


    it("has UserMfaPreferenceArgs: every input, typed, optional and documented as defined", () => {
        assertMembers("UserMfaPreferenceArgs", interfaceMembers("UserMfaPreferenceArgs"), entriesOf(USER_MFA_PREFERENCE, isInput), asInput);
    });

    it("has FactorArgs and PasskeyFactorArgs: the blocks' inputs, typed, optional and documented as defined", () => {
        assertMembers("FactorArgs", interfaceMembers("FactorArgs"), entriesOf(FACTOR_BLOCK, isInput), asInput);
        assertMembers("PasskeyFactorArgs", interfaceMembers("PasskeyFactorArgs"), entriesOf(PASSKEY_BLOCK, isInput), asInput);
    });

    it("has the UserMfaPreference class's output properties: every output but the secret ones, typed and documented as defined", () => {
        // A secret output (accessToken) stays in the outputs, encrypted, but is not a property of the
        // class (docs/_index.md, Outputs: "accessToken is never an output property").
        const outputs = entriesOf(USER_MFA_PREFERENCE, (definition) => isOutput(definition) && definition.secret !== true);
        const members = classMembers("UserMfaPreference");
        assertMembers("UserMfaPreference", members, outputs, (definition) => ({
            optional: false,
            type: `pulumi.Output<${WRITTEN[definition.type].output}${definition.output === "optional" ? "|undefined" : ""}>`,
        }));
    });

    it("has FactorState: a factor block's outputs, typed as defined", () => {
        const members = interfaceMembers("FactorState");
        assertSameNames("FactorState", members.map((member) => member.name), names(entriesOf(FACTOR_BLOCK, isOutput)));
        for (const [name, definition] of entriesOf(FACTOR_BLOCK, isOutput)) {
            const member = members.find((candidate) => candidate.name === name)!;
            assert.deepEqual([member.optional, member.type], [definition.output === "optional", WRITTEN[definition.type].output], `FactorState.${name}`);
        }
    });

    it("names every output in the constructor's properties, so that each is an Output", () => {
        const constructor = declaration("UserMfaPreference", ts.isClassDeclaration).members.find(ts.isConstructorDeclaration)!;
        let props: ts.ObjectLiteralExpression | undefined;
        constructor.body?.forEachChild(function visit(node) {
            if (ts.isVariableDeclaration(node) && node.name.getText(source) === "props" && node.initializer && ts.isObjectLiteralExpression(node.initializer)) {
                props = node.initializer;
            }
            node.forEachChild(visit);
        });
        assert.ok(props !== undefined, "the constructor's `props` object");
        const keys = props.properties.map((property) => property.name?.getText(source) ?? "");
        // sameUserAs is the dynamic front end's own input, which its check takes out.
        assertSameNames("the constructor's props", keys.filter((key) => key !== "sameUserAs"), names(entriesOf(USER_MFA_PREFERENCE, isOutput)));
    });
});

describe(`the dynamic pool resource (${SET_RESOURCE_FILE})`, () => {
    const { interfaceMembers, classMembers } = readDeclarations(SET_RESOURCE_FILE);

    it("has UserMfaPreferenceSetArgs, UserFactorsArgs and ReportedMfaState as defined", () => {
        assertMembers("UserMfaPreferenceSetArgs", interfaceMembers("UserMfaPreferenceSetArgs"), entriesOf(USER_MFA_PREFERENCE_SET, isInput), asInput);
        assertMembers("UserFactorsArgs", interfaceMembers("UserFactorsArgs"), entriesOf(USER_FACTORS_BLOCK, isInput), asInput);
        assertMembers("ReportedMfaState", interfaceMembers("ReportedMfaState"), entriesOf(REPORTED_MFA_BLOCK), (definition) => ({
            optional: definition.output === "optional",
            type: WRITTEN[definition.type].output,
        }));
    });

    it("has the UserMfaPreferenceSet class's output properties, typed and documented as defined", () => {
        assertMembers("UserMfaPreferenceSet", classMembers("UserMfaPreferenceSet"), entriesOf(USER_MFA_PREFERENCE_SET, isOutput), (definition) => ({
            optional: false,
            type: `pulumi.Output<${WRITTEN[definition.type].output}${definition.output === "optional" ? "|undefined" : ""}>`,
        }));
    });
});

describe("the reference's Inputs and Outputs tables (docs/_index.md, docs/user-mfa-preference-set.md)", () => {
    /** The rows of the first table under a heading of DOC, each as its cells. */
    function tableUnder(DOC: string, heading: string): string[][] {
        const readme = readFileSync(path.join(ROOT, DOC), "utf8").split("\n");
        let line = readme.indexOf(heading);
        assert.ok(line >= 0, `${DOC} has no "${heading}" heading`);
        do {
            line++;
            assert.ok(line < readme.length && !readme[line].startsWith("#"), `${DOC} has no table under "${heading}"`);
        } while (!readme[line].startsWith("|"));
        const rows: string[][] = [];
        for (; line < readme.length && readme[line].startsWith("|"); line++) {
            rows.push(readme[line].trim().slice(1, -1).split(/(?<!\\)\|/).map((cell) => cell.trim()));
        }
        return rows.slice(2); // the header and the separator
    }

    const code = (text: string) => `\`${text}\``;
    const nameOf = (cell: string) => cell.replace(/^`(.*)`$/, "$1");
    /** The type column: as a TypeScript user writes the value. */
    const blockFields = (block: BlockDefinition) => `{ ${entriesOf(block, isInput).map(([name, definition]) => (definition.input === "required" ? name : `${name}?`)).join(", ")} }`;
    const DOC_TYPES: Record<PropertyType, string> = {
        string: code("Input<string>"),
        boolean: code("Input<boolean>"),
        stringArray: code("Input<string[]>"),
        factor: code(blockFields(FACTOR_BLOCK)),
        passkey: code(blockFields(PASSKEY_BLOCK)),
        userFactorsMap: code("Input<Record<string, UserFactors>>"),
        reportedMfaMap: code("Record<string, ReportedMfa>"),
    };

    function assertTable(DOC: string, heading: string, entries: Entries, row: (name: string, definition: PropertyDefinition) => string[]): void {
        const rows = tableUnder(DOC, heading);
        assertSameNames(`${DOC}'s "${heading}" table`, rows.map((cells) => nameOf(cells[0])), names(entries));
        for (const [name, definition] of entries) {
            const cells = rows.find((candidate) => nameOf(candidate[0]) === name)!;
            assert.deepEqual(cells.map(flat), row(name, definition), `${DOC}'s "${heading}" table, ${name}: the definition's type and description`);
        }
    }

    for (const [DOC, resource] of [
        ["docs/_index.md", USER_MFA_PREFERENCE],
        ["docs/user-mfa-preference-set.md", USER_MFA_PREFERENCE_SET],
    ] as const) {
        it(`${DOC} lists every input with the definition's type and description`, () => {
            assertTable(DOC, "## Inputs", entriesOf(resource, isInput), (name, definition) => [code(name), DOC_TYPES[definition.type], definition.description]);
        });

        it(`${DOC} lists every output that is not an input with the definition's description`, () => {
            assertTable(DOC, "## Outputs", entriesOf(resource, (definition) => !isInput(definition)), (name, definition) => [code(name), definition.description]);
        });
    }
});
