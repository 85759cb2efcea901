// Preloaded into a program that the CLI's language host starts (NODE_OPTIONS, after ts-node's
// `register`): every registration of the resource named by LOSE_REGISTRATION_OF is lost, and each
// loss adds a line to the file LOST_REGISTRATIONS_FILE names, so that the test counts them.
import * as fs from "node:fs";
import { loseRegistrationsOf } from "./lostRegistration";

const name = process.env.LOSE_REGISTRATION_OF ?? "";
const counter = process.env.LOST_REGISTRATIONS_FILE;
loseRegistrationsOf(name, () => counter && fs.appendFileSync(counter, `${name}\n`));
