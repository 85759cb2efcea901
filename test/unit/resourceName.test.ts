import * as assert from "node:assert/strict";
import fc from "fast-check";
import { userMfaResourceName } from "../../provider/core/resourceName";

/** Undoes the encoding: proof that it loses nothing. */
function usernameOf(name: string): string {
    return decodeURIComponent(name.slice(0, -"-mfa".length));
}

describe("resource names", () => {
    it("are the username and -mfa when the username has only kept characters", () => {
        assert.equal(userMfaResourceName("alice"), "alice-mfa");
        assert.equal(userMfaResourceName("alice.smith+ops@example.com"), "alice.smith+ops@example.com-mfa");
        assert.equal(userMfaResourceName("0c1d2e3f-4a5b-6c7d-8e9f-a0b1c2d3e4f5"), "0c1d2e3f-4a5b-6c7d-8e9f-a0b1c2d3e4f5-mfa");
    });

    it("write any other character as % and its UTF-8 bytes", () => {
        assert.equal(userMfaResourceName("ops:alice"), "ops%3Aalice-mfa");
        assert.equal(userMfaResourceName("a::b"), "a%3A%3Ab-mfa");
        assert.equal(userMfaResourceName("team/alice"), "team%2Falice-mfa");
        assert.equal(userMfaResourceName("José"), "Jos%C3%A9-mfa");
        assert.equal(userMfaResourceName("100%"), "100%25-mfa");
        assert.equal(userMfaResourceName("😀"), "%F0%9F%98%80-mfa");
    });

    it("keep only characters URNs, shells and file names take as they are", () => {
        fc.assert(
            fc.property(fc.string({ unit: "grapheme", minLength: 1, maxLength: 128 }), (username) => {
                assert.match(userMfaResourceName(username), /^[A-Za-z0-9._@+%-]+-mfa$/);
            }),
        );
    });

    it("are unique: distinct usernames never share a name (the encoding is reversible)", () => {
        fc.assert(
            fc.property(fc.string({ unit: "grapheme", minLength: 1, maxLength: 128 }), (username) => {
                assert.equal(usernameOf(userMfaResourceName(username)), username);
            }),
        );
    });

    it("are stable: the same for a username whatever else is in the pool", () => {
        assert.equal(userMfaResourceName("ops:alice"), userMfaResourceName("ops:alice"));
        assert.notEqual(userMfaResourceName("ops:alice"), userMfaResourceName("ops%3Aalice"));
    });
});
