// A whole pool's MFA in one resource. users.json is what the scan writes:
//
//   npx pulumi-cognito-mfa scan --user-pool-id us-east-1_AbC123xyz --resource set --out users.json
//   pulumi config set userPoolId us-east-1_AbC123xyz
//   pulumi up            # adopts every user: one read each, no write
//
// Then edit users.json (one line per user) and run `pulumi up`: only the users that changed are
// written. `pulumi preview --refresh --expect-no-changes` is the drift check.

import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { UserMfaPreferenceSet, type UserFactorsArgs } from "pulumi-cognito-mfa";

const config = new pulumi.Config();
const users = JSON.parse(fs.readFileSync("users.json", "utf8")) as Record<string, UserFactorsArgs>;

const pool = new UserMfaPreferenceSet("pool-mfa", { userPoolId: config.require("userPoolId"), users });

// One number, not a map of every user: the preview of a pool stays short.
export const managedUsers = pool.users.apply((declared) => Object.keys(declared).length);
export const usersWithoutMfa = pool.reportedMfas.apply((reported) => Object.values(reported).filter((user) => user.enabledMfas.length === 0).length);
