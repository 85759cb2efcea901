// A large pool split into several UserMfaPreferenceSets: which one holds a user. The first four
// bytes of the SHA-256 of the username (UTF-8), read as a big-endian number, modulo the number of
// sets. A user's set depends on the username and the count alone, so users added or removed move
// no other user; a different count moves most users, and a user who moves is turned off by the
// set that loses them and on by the set that gains them, in no set order.

import { createHash } from "node:crypto";

export function userSetIndex(username: string, sets: number): number {
    if (!Number.isInteger(sets) || sets < 1) {
        throw new RangeError(`the number of sets must be a whole number of at least 1, not ${sets}`);
    }
    return createHash("sha256").update(username, "utf8").digest().readUInt32BE(0) % sets;
}
