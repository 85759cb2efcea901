// The benchmarks' command-line options: `--name value`, else the fallback.

export function option(name: string, fallback: string): string {
    const index = process.argv.indexOf(`--${name}`);
    return index >= 0 ? process.argv[index + 1] : fallback;
}
