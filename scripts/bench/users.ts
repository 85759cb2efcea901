// The benchmarks' pool: N users with a phone number and no MFA, user00000, user00001, …, created
// straight in the emulator (not through the counting proxy), 25 at a time.

import { adminClient } from "../../harness/fixtures";
import type { Emulator } from "../../harness/moto";
import { poolWithoutMfa } from "../../harness/pools";

export async function createUsers(emulator: Emulator, n: number): Promise<{ userPoolId: string; usernames: string[] }> {
    const { pool, usernames } = await poolWithoutMfa(adminClient(emulator.endpoint), `bench-${n}`, n);
    return { userPoolId: pool.userPoolId, usernames };
}
