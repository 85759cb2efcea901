// YAML as the tests read it (workflows, stack config files): js-yaml, which comes without types.

// eslint-disable-next-line @typescript-eslint/no-require-imports
const jsYaml = require("js-yaml") as { load(text: string): unknown };

export function parseYaml(text: string): unknown {
    return jsYaml.load(text);
}
