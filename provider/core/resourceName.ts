// The Pulumi resource name of a user's UserMfaPreference, derived from the username alone, so a
// user keeps the same name (and URN) in every scan and program. Cognito usernames may hold any
// letter, symbol or punctuation (":", "/", spaces in aliases, non-Latin letters); a name is kept
// to characters that every tool reading URNs, shells and file names handles as they are.

/** Characters a username keeps in its resource name. */
const KEPT = /^[A-Za-z0-9._@+-]$/;

/**
 * `<username>-mfa` when the username has only letters A-Z/a-z, digits and `. _ @ + -`; any other
 * character is written as `%` and its UTF-8 bytes in hex (`alice:ops` -> `alice%3Aops-mfa`).
 * The encoding is reversible (`%` itself is always encoded), so distinct usernames never share a name.
 */
export function userMfaResourceName(username: string): string {
    let name = "";
    for (const character of username) {
        name += KEPT.test(character)
            ? character
            : Array.from(Buffer.from(character, "utf8"), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`).join("");
    }
    return `${name}-mfa`;
}
