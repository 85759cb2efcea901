// The plugin `pulumi-resource-cognito-mfa`: the engine starts it with its own address as the
// first argument and talks to it over gRPC.

import { main } from "@pulumi/pulumi/provider";
import { endWithEngine } from "../process/lifeline";
import { engineLog } from "./engineLog";
import { acceptReadsWithoutState } from "./importRead";
import { convertStructsInOnePass } from "./onePassStructs";
import { nativeProvider } from "./provider";
import { nativeSchema } from "./schema";

/** The engine's address: the first argument that is not a flag (`--logtostderr`, `-v=9`, ...). */
const engineAddress = process.argv.slice(2).find((argument) => !argument.startsWith("-"));
if (engineAddress !== undefined) {
    endWithEngine(engineAddress);
}
acceptReadsWithoutState();
convertStructsInOnePass();
const schema = nativeSchema();
void main(nativeProvider(schema.version, JSON.stringify(schema), engineAddress === undefined ? undefined : engineLog(engineAddress)), process.argv.slice(2));
