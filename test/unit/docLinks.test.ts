// Every relative link in the README and docs/ leads to a file that exists, and every #anchor to a
// heading of that file (GitHub's anchors: lower case, punctuation dropped, spaces to hyphens) or to
// an `<a id="…">` in it (the Terraform registry's pages link their nested schemas so).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

/** The Markdown files under DIR, its folders' too (docs/resources and docs/data-sources hold the Terraform registry's pages). */
function markdownFiles(dir: string): string[] {
    return fs
        .readdirSync(path.join(ROOT, dir), { withFileTypes: true })
        .flatMap((entry) => (entry.isDirectory() ? markdownFiles(`${dir}/${entry.name}`) : entry.name.endsWith(".md") ? [`${dir}/${entry.name}`] : []));
}

const DOCS = ["README.md", ...markdownFiles("docs"), "examples/gitops/README.md", "examples/gitops-terraform/README.md"];

function anchors(file: string): Set<string> {
    const text = fs.readFileSync(file, "utf8").replace(/```[\s\S]*?```/g, "");
    const headings = [...text.matchAll(/^#+ (.*)$/gm)].map((match) => match[1]);
    const ids = [...text.matchAll(/<a id="([^"]+)"><\/a>/g)].map((match) => match[1]);
    return new Set([...headings.map((heading) => heading.toLowerCase().replace(/[^a-z0-9 -]/g, "").replace(/ /g, "-")), ...ids]);
}

describe("documentation links", () => {
    for (const doc of DOCS) {
        it(`${doc}: every relative link and anchor resolves`, () => {
            const text = fs.readFileSync(path.join(ROOT, doc), "utf8").replace(/```[\s\S]*?```/g, "");
            const broken: string[] = [];
            for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
                if (/^[a-z]+:/.test(target)) {
                    continue;
                }
                const [file, anchor] = target.split("#");
                const resolved = file === "" ? path.join(ROOT, doc) : path.resolve(path.dirname(path.join(ROOT, doc)), file);
                if (!fs.existsSync(resolved)) {
                    broken.push(`${target}: no such file`);
                } else if (anchor !== undefined && resolved.endsWith(".md") && !anchors(resolved).has(anchor)) {
                    broken.push(`${target}: no such heading`);
                }
            }
            assert.deepEqual(broken, []);
        });
    }
});
