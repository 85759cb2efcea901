// Prints the pids of the live processes that carry COGNITO_MFA_RUN=<value>, one a line: the scan
// of harness/processes.ts, for scripts/run/survivors.sh.
import { processesMarked } from "../../harness/processes";

const [value] = process.argv.slice(2);
if (!value) {
    console.error("usage: markedPids.ts <COGNITO_MFA_RUN value>");
    process.exit(2);
}
for (const { pid } of processesMarked("COGNITO_MFA_RUN", value)) {
    console.log(pid);
}
