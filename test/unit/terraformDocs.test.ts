// The Terraform registry's pages of the Terraform provider (docs/index.md, docs/resources/,
// docs/data-sources/) are written from its schemas (provider/terraform/schema.ts) by
// scripts/setup/write-terraform-docs.ts, `npm run docs:terraform`. These tests write them again in
// memory and hold the committed files to them, so that a changed attribute, flag or description,
// template or example fails here until the pages are written again; they find every attribute of
// every schema on its page, in its section and group, with its description; and they hold the
// examples (examples/provider, examples/resources, examples/data-sources) to the registry's layout
// and to the attributes the schemas have.

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { DATA_SOURCE_SCHEMAS, PROVIDER_SCHEMA, RESOURCE_SCHEMAS, type CtyType, type TerraformAttribute, type TerraformSchema } from "../../provider/terraform/schema";
import { terraformDocs, type DocPage } from "../../scripts/setup/write-terraform-docs";

const ROOT = path.resolve(__dirname, "../..");
const REGENERATE = "run `npm run docs:terraform` and commit the pages it writes";

/** The registry's pages on disk: docs/index.md and every page under docs/resources and docs/data-sources. */
function committedPages(): string[] {
    const pages = fs.existsSync(path.join(ROOT, "docs", "index.md")) ? ["docs/index.md"] : [];
    for (const folder of ["resources", "data-sources"]) {
        const dir = path.join(ROOT, "docs", folder);
        if (fs.existsSync(dir)) {
            pages.push(...fs.readdirSync(dir).map((file) => `docs/${folder}/${file}`));
        }
    }
    return pages.sort();
}

/** Where COMMITTED first differs from GENERATED, as a message that says what to do. */
function firstDifference(file: string, committed: string, generated: string): string {
    const [ours, theirs] = [committed.split("\n"), generated.split("\n")];
    const at = ours.findIndex((line, index) => line !== theirs[index]);
    const line = at === -1 ? ours.length : at;
    return `${file} differs from what the schema gives, from line ${line + 1}:\n  committed: ${JSON.stringify(ours[line])}\n  generated: ${JSON.stringify(theirs[line])}\n${REGENERATE}`;
}

/** The lines of a section of PAGE: the schema's own lists (ANCHOR undefined), or the nested section ANCHOR, up to the next section. */
function sectionLines(page: DocPage, anchor: string | undefined): string[] {
    const start = anchor === undefined ? page.text.indexOf("\n## Schema\n") : page.text.indexOf(`\n<a id="${anchor}"></a>\n`);
    assert.ok(start >= 0, `${page.file}: ${anchor === undefined ? "a ## Schema section" : `a section with the anchor ${anchor}`}`);
    const body = page.text.slice(start + 1);
    const rest = body.slice(body.indexOf("\n") + 1);
    const end = rest.search(/^(<a id=|## )/m);
    return (end === -1 ? rest : rest.slice(0, end)).split("\n");
}

/**
 * The group an attribute is listed in, by its flags alone. A block type is served with no
 * min_items (provider/terraform/server.ts), so tfplugindocs lists it as optional when any of its
 * attributes is required or optional, else as read-only, whatever its attribute's flags.
 */
function expectedGroup(attribute: TerraformAttribute): string {
    if (attribute.block) {
        return attribute.nested!.attributes.every((child) => expectedGroup(child) === "Read-Only") && attribute.nested!.attributes.length > 0 ? "Read-Only" : "Optional";
    }
    return attribute.required ? "Required" : attribute.optional ? "Optional" : "Read-Only";
}

/** What an attribute's line says it is: a block type, nested attributes or its type. */
function kindText(attribute: TerraformAttribute): string {
    if (attribute.block) {
        return attribute.nested!.nesting === "MAP" ? "Block Map" : "Block";
    }
    return attribute.nested === undefined ? typeText(attribute.type!) : attribute.nested.nesting === "MAP" ? "Attributes Map" : "Attributes";
}

const TYPE_NAMES: Record<string, string> = { string: "String", bool: "Boolean", list: "List of", map: "Map of", object: "Object" };
function typeText(type: CtyType): string {
    return typeof type === "string" ? TYPE_NAMES[type] : type[0] === "object" ? "Object" : `${TYPE_NAMES[type[0]]} ${typeText(type[1] as CtyType)}`;
}

/**
 * Checks that every attribute of ATTRIBUTES is listed once in its section of PAGE (the schema's
 * own lists, or the section ANCHOR), under its group, with its type, flags and description, and
 * the same below for block types, nested attributes and object types.
 */
function assertListed(page: DocPage, attributes: readonly TerraformAttribute[], parents: string[], anchor?: string): void {
    const lines = sectionLines(page, anchor);
    for (const attribute of attributes) {
        const where = `${page.file}: ${[...parents, attribute.name].join(".")}`;
        const at = lines.map((line, index) => (line.startsWith(`- \`${attribute.name}\` (`) ? index : -1)).filter((index) => index >= 0);
        assert.equal(at.length, 1, `${where} is listed once in its section`);
        const line = lines[at[0]];
        const group = lines
            .slice(0, at[0])
            .reverse()
            .find((candidate) => /^(### )?(Required|Optional|Read-Only):?$/.test(candidate));
        assert.equal(group?.replace(/^### |:$/g, ""), expectedGroup(attribute), `${where}'s group`);
        const flags = line.slice(line.indexOf("(") + 1, line.indexOf(")"));
        const kind = kindText(attribute);
        assert.ok(flags === kind || flags.startsWith(`${kind},`), `${where} is of type ${kind}: ${line}`);
        assert.equal(flags.includes("Sensitive"), attribute.sensitive === true, `${where}: Sensitive as the schema says`);
        assert.equal(line.includes("[Write-only]"), attribute.writeOnly === true, `${where}: write-only as the schema says`);
        assert.ok(attribute.description.trim() !== "", `${where} has a description in the schema`);
        assert.ok(line.includes(`) ${attribute.description.trim()}`), `${where} has its description:\n  listed:    ${line}\n  in schema: ${attribute.description}\n${REGENERATE}`);
        const path = [...parents, attribute.name];
        if (attribute.nested !== undefined) {
            // tfplugindocs' anchors: a block type's section is nestedblock--…, a nested attribute's nestedatt--….
            const nestedAnchor = `${attribute.block ? "nestedblock" : "nestedatt"}--${path.join("--")}`;
            assert.ok(line.endsWith(`(see [below for nested schema](#${nestedAnchor}))`), `${where} points to its nested schema, #${nestedAnchor}`);
            assertListed(page, attribute.nested.attributes, path, nestedAnchor);
        } else if (typeof attribute.type !== "string" && attribute.type !== undefined) {
            const object = attribute.type[0] === "object" ? attribute.type[1] : typeof attribute.type[1] !== "string" && attribute.type[1][0] === "object" ? attribute.type[1][1] : undefined;
            if (object !== undefined) {
                const nestedLines = sectionLines(page, `nestedatt--${path.join("--")}`);
                for (const [name, type] of Object.entries(object)) {
                    assert.ok(nestedLines.includes(`- \`${name}\` (${typeText(type)})`), `${where}.${name} is listed as ${typeText(type)}`);
                }
            }
        }
    }
}

/** The front matter's fields, in order, and its description. */
function frontMatter(page: DocPage): { keys: string[]; description: string } {
    const match = /^---\n([\s\S]*?)\n---\n/.exec(page.text);
    assert.ok(match, `${page.file} starts with front matter`);
    const keys = [...match[1].matchAll(/^([a-z_]+):/gm)].map(([, key]) => key);
    const description = /^description: \|-\n((?: {2}.*\n?)+)/m.exec(match[1])?.[1] ?? "";
    return { keys, description: description.replace(/^ {2}/gm, "").trim() };
}

/** HCL with its comments and the insides of its strings blanked out, each character where it was: only its structure is left. */
function withoutCommentsAndStrings(hcl: string): string {
    return hcl.replace(/"(?:[^"\\\n]|\\.)*"|#.*|\/\/.*/g, (token) => (token.startsWith('"') ? `"${" ".repeat(token.length - 2)}"` : " ".repeat(token.length)));
}

/**
 * What the top level of every `resource`/`data` block of TYPE in HCL sets: its arguments
 * (`name = …`) and its blocks (`name "label" {`, `name {`, or a `dynamic "name"` block).
 */
function topLevelNames(hcl: string, keyword: "resource" | "data", type: string): { arguments: string[]; blocks: string[] } {
    const blank = withoutCommentsAndStrings(hcl);
    const names = { arguments: [] as string[], blocks: [] as string[] };
    const blocks = [...hcl.matchAll(new RegExp(`^${keyword} "${type}" "[a-z_0-9]+" \\{`, "gm"))];
    assert.ok(blocks.length > 0, `a ${keyword} "${type}" block`);
    for (const block of blocks) {
        let depth = 0;
        let at = block.index! + block[0].length - 1;
        do {
            const char = blank[at];
            depth += char === "{" || char === "[" || char === "(" ? 1 : char === "}" || char === "]" || char === ")" ? -1 : 0;
            if (depth === 1 && char === "\n") {
                const line = hcl.slice(at + 1, hcl.indexOf("\n", at + 1));
                const argument = /^\s*([a-z_]+)\s*=/.exec(blank.slice(at + 1));
                const nested = /^\s*dynamic "([a-z_]+)"\s*\{/.exec(line) ?? /^\s*([a-z_]+)(?:\s+"[^"]*")*\s*\{/.exec(line);
                if (argument !== null) {
                    names.arguments.push(argument[1]);
                } else if (nested !== null) {
                    names.blocks.push(nested[1]);
                }
            }
            at++;
        } while (depth > 0 && at < blank.length);
    }
    return names;
}

const META_ARGUMENTS = ["count", "for_each", "provider", "depends_on"];
const META_BLOCKS = ["lifecycle", "provisioner", "connection"];

describe("the Terraform registry's documentation (npm run docs:terraform)", () => {
    const pages = terraformDocs();
    const pageOf = (file: string) => pages.find((page) => page.file === file)!;

    it("is one page for the provider, each resource and each data source, and the committed pages are those", () => {
        assert.deepEqual(
            pages.map((page) => page.file),
            [
                "docs/index.md",
                ...Object.keys(RESOURCE_SCHEMAS).map((name) => `docs/resources/${name.replace(/^cognitomfa_/, "")}.md`),
                ...Object.keys(DATA_SOURCE_SCHEMAS).map((name) => `docs/data-sources/${name.replace(/^cognitomfa_/, "")}.md`),
            ],
        );
        assert.deepEqual(committedPages(), pages.map((page) => page.file).sort(), REGENERATE);
    });

    for (const page of terraformDocs()) {
        it(`${page.file}: the committed page is the one the schema, its template and the examples give`, () => {
            const committed = fs.readFileSync(path.join(ROOT, page.file), "utf8");
            if (committed !== page.text) {
                assert.fail(firstDifference(page.file, committed, page.text));
            }
        });

        it(`${page.file}: lists every attribute of the schema in its group, with its type, flags and description`, () => {
            assertListed(pageOf(page.file), page.schema.attributes, []);
        });

        it(`${page.file}: has the registry's front matter and the schema's description`, () => {
            const { keys, description } = frontMatter(page);
            // The registry refuses a subcategory on the provider's page (tfplugindocs validate).
            assert.deepEqual(keys, page.kind === "Provider" ? ["page_title", "description"] : ["page_title", "subcategory", "description"]);
            assert.equal(description, page.schema.description.replace(/`/g, ""));
            const title = page.kind === "Provider" ? "# cognitomfa Provider" : `# ${page.name} (${page.kind})`;
            assert.ok(page.text.includes(`\n${title}\n\n${page.schema.description}\n`), `${page.file}: ${title}, then the schema's description`);
            assert.ok(page.text.includes("\n## Example Usage\n\n```terraform\n"), `${page.file}: an example`);
            assert.equal(page.text.includes("\n## Import\n"), page.kind === "Resource", `${page.file}: an Import section for a resource alone`);
        });
    }

    it("docs/index.md tells how to authenticate, install from a filesystem mirror for both CLIs, and what the write-only token means", () => {
        const index = pageOf("docs/index.md").text;
        for (const heading of ["## Authentication", "## The access token is write-only", "## Installing", "### From a filesystem mirror"]) {
            assert.ok(index.includes(`\n${heading}\n`), heading);
        }
        for (const text of ["registry.terraform.io/pulumi-cognito-mfa/cognitomfa", "registry.opentofu.org/pulumi-cognito-mfa/cognitomfa", "filesystem_mirror {", "~/.terraformrc", "~/.tofurc", "TF_CLI_CONFIG_FILE", "destroy = false"]) {
            assert.ok(index.includes(text), text);
        }
    });

    it("the examples are in the registry's layout, and name only attributes their schemas have", () => {
        const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");
        assert.match(read("examples/provider/provider.tf"), /source\s+= "pulumi-cognito-mfa\/cognitomfa"/);
        const check = (keyword: "resource" | "data", type: string, file: string, schema: TerraformSchema) => {
            const settable = schema.attributes.filter((attribute) => !(attribute.computed && !attribute.optional && !attribute.required));
            const known = settable.filter((attribute) => !attribute.block).map((attribute) => attribute.name);
            const blockTypes = settable.filter((attribute) => attribute.block).map((attribute) => attribute.name);
            const names = topLevelNames(read(file), keyword, type);
            assert.ok(names.arguments.length > 0, `${file}: the arguments of ${type}`);
            for (const name of names.arguments) {
                const blockType = settable.find((attribute) => attribute.block && attribute.name === name);
                const hint = blockType === undefined ? ` (it has ${known.join(", ")})` : `: ${name} is a block type, \`${name}${blockType.nested!.nesting === "MAP" ? ' "<key>"' : ""} { … }\``;
                assert.ok(known.includes(name) || META_ARGUMENTS.includes(name), `${file}: ${type} has no argument ${name}${hint}`);
            }
            for (const name of names.blocks) {
                assert.ok(blockTypes.includes(name) || META_BLOCKS.includes(name), `${file}: ${type} has no block type ${name} (it has ${[...blockTypes, ...META_BLOCKS].join(", ")})`);
            }
        };
        for (const [type, schema] of Object.entries(RESOURCE_SCHEMAS)) {
            check("resource", type, `examples/resources/${type}/resource.tf`, schema);
            const importScript = read(`examples/resources/${type}/import.sh`);
            assert.match(importScript, new RegExp(`^terraform import ${type}\\.[a-z_]+ \\S+$`, "m"), `examples/resources/${type}/import.sh: terraform import`);
            assert.match(importScript, new RegExp(`^# import \\{\\n# {3}to = ${type}\\.[a-z_]+\\n# {3}id = "[^"]+"\\n# \\}$`, "m"), `examples/resources/${type}/import.sh: an import block`);
        }
        for (const [type, schema] of Object.entries(DATA_SOURCE_SCHEMAS)) {
            check("data", type, `examples/data-sources/${type}/data-source.tf`, schema);
        }
        // The provider's settings, set or commented out, are the schema's.
        const providerBlock = /^provider "cognitomfa" \{\n([\s\S]*?)^\}/m.exec(read("examples/provider/provider.tf"));
        assert.ok(providerBlock, "examples/provider/provider.tf: a provider block");
        for (const [, name] of providerBlock[1].matchAll(/^\s*#?\s*([a-z_]+)\s+= /gm)) {
            assert.ok(
                PROVIDER_SCHEMA.attributes.some((attribute) => attribute.name === name),
                `examples/provider/provider.tf: the provider has no setting ${name}`,
            );
        }
    });
});
