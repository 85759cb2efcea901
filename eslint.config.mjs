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
        // The policy pack's entry point runs as the CLI starts it: plain CommonJS, loading the build.
        files: ["policy-pack/**/*.js"],
        languageOptions: { sourceType: "commonjs", globals: { require: "readonly" } },
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
    {
        // The core is the resource itself, shared by every front end: it knows none of them, nor
        // Pulumi (whose shapes each front end maps to and from). It imports only its own files
        // (./…) and packages, by static imports alone, so that this rule sees every one of them
        // (test/unit/coreBoundary.test.ts shows each case firing).
        files: ["provider/core/**/*.ts"],
        rules: {
            "@typescript-eslint/no-restricted-imports": [
                "error",
                {
                    patterns: [
                        { group: ["@pulumi/*"], message: "provider/core knows no Pulumi SDK: map Pulumi's shapes in the front end." },
                        {
                            regex: "^\\.\\.(/|$)",
                            message: "provider/core knows no front end: it imports only its own files (./…); move what both need into the core.",
                        },
                        { group: ["pulumi-cognito-mfa", "pulumi-cognito-mfa/*"], message: "provider/core knows no front end: the package's entry points are front ends." },
                        { group: ["module", "node:module"], message: "provider/core loads modules by static imports alone, which this rule checks." },
                    ],
                },
            ],
            "no-restricted-syntax": [
                "error",
                { selector: "Identifier[name='require']", message: "provider/core loads modules by static imports alone, which the boundary rule checks: no require()." },
                { selector: "ImportExpression", message: "provider/core loads modules by static imports alone, which the boundary rule checks: no import()." },
                { selector: "TSImportType", message: "provider/core names types by static imports alone, which the boundary rule checks: no import(\"…\") types." },
                ...[
                    "Identifier[name=/^(__provider|sameUserAs)$/]",
                    "PrivateIdentifier[name=/^(__provider|sameUserAs)$/]",
                    "Literal[value=/(__provider|sameUserAs)/]",
                    "Literal[regex.pattern=/(__provider|sameUserAs)/]",
                    "TemplateElement[value.raw=/(__provider|sameUserAs)/]",
                ].map((selector) => ({ selector, message: "Front-end inputs (__provider, sameUserAs) belong in the front end (provider/dynamic/check.ts)." })),
            ],
        },
    },
);
