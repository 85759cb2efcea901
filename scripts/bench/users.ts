// The benchmarks' pool: N users with a phone number and no MFA, user00000, user00001, …, created
// straight in the emulator (not through the counting proxy), 25 at a time.

import { AdminCreateUserCommand } from "@aws-sdk/client-cognito-identity-provider";
import { adminClient, createPool } from "../../harness/fixtures";
import type { Emulator } from "../../harness/moto";

export async function createUsers(emulator: Emulator, n: number): Promise<{ userPoolId: string; usernames: string[] }> {
    const cognito = adminClient(emulator.endpoint);
    const pool = await createPool(cognito, `bench-${n}`);
    const usernames = Array.from({ length: n }, (_, index) => `user${String(index).padStart(5, "0")}`);
    for (let start = 0; start < n; start += 25) {
        await Promise.all(
            usernames.slice(start, start + 25).map((username) =>
                cognito.send(new AdminCreateUserCommand({ UserPoolId: pool.userPoolId, Username: username, MessageAction: "SUPPRESS", UserAttributes: [{ Name: "phone_number", Value: "+15555550100" }] })),
            ),
        );
    }
    return { userPoolId: pool.userPoolId, usernames };
}
