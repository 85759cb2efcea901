// Lint: the recommended JavaScript and TypeScript rules, type-aware where it is cheap.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["dist/**", "build/**", "node_modules/**", ".cache/**", ".pulumi-state/**"] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        rules: {
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
        },
    },
    {
        // The core is the resource itself, shared by every front end: it knows none of them, nor
        // Pulumi (whose shapes each front end maps to and from).
        files: ["provider/core/**/*.ts"],
        rules: {
            "@typescript-eslint/no-restricted-imports": [
                "error",
                {
                    patterns: [
                        { group: ["@pulumi/*"], message: "provider/core knows no Pulumi SDK: map Pulumi's shapes in the front end." },
                        { group: ["../dynamic/*", "../native/*", "../scan/*", "../process/*", "../*.js", "../index", "../implementation"], message: "provider/core knows no front end." },
                    ],
                },
            ],
            "no-restricted-syntax": [
                "error",
                { selector: "Literal[value=/^(__provider|sameUserAs)$/]", message: "Front-end inputs belong in the front end (provider/dynamic/check.ts)." },
            ],
        },
    },
);
