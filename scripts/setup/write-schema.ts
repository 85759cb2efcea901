// Writes the native provider's schema (provider/native/schema.ts, made from the resource's
// definition) to a file, for the SDK generators: scripts/setup/build-native.sh runs it.
//   ts-node --transpile-only scripts/setup/write-schema.ts <file>

import { writeFileSync } from "node:fs";
import { nativeSchema } from "../../provider/native/schema";

const file = process.argv[2];
if (file === undefined) {
    console.error("usage: write-schema.ts <file>");
    process.exit(2);
}
writeFileSync(file, `${JSON.stringify(nativeSchema(), null, 2)}\n`);
