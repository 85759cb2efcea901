// Preloaded into a program that the CLI's language host starts (NODE_OPTIONS, after ts-node's
// `register`): every registration of the resource named by LOSE_REGISTRATION_OF is lost.
import { loseRegistrationsOf } from "./lostRegistration";

loseRegistrationsOf(process.env.LOSE_REGISTRATION_OF ?? "");
