// The packed package (scripts/setup/env.sh runs `npm pack` and names the file in PACKED_TARBALL), and
// throwaway programs that depend on it, for the checks that need their own install.

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export function packedTarball(): string {
    const tarball = process.env.PACKED_TARBALL;
    assert.ok(tarball && fs.existsSync(tarball), "PACKED_TARBALL names the packed package (scripts/setup/env.sh packs it)");
    return tarball;
}

/**
 * A temporary program directory whose package.json depends on the tarball (copied in) and on
 * `dependencies`, with `files` written beside it. Nothing is installed yet.
 */
export function programWithTarball(dependencies: Record<string, string>, files: Record<string, string> = {}): string {
    const program = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-mfa-program-"));
    fs.copyFileSync(packedTarball(), path.join(program, "pulumi-cognito-mfa.tgz"));
    const manifest = { name: "tarball-program", private: true, dependencies: { ...dependencies, "pulumi-cognito-mfa": "file:./pulumi-cognito-mfa.tgz" } };
    fs.writeFileSync(path.join(program, "package.json"), JSON.stringify(manifest, null, 2));
    for (const [name, text] of Object.entries(files)) {
        fs.writeFileSync(path.join(program, name), text);
    }
    return program;
}
