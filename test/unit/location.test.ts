import * as assert from "node:assert/strict";
import { clientLocation } from "../../provider/core/location";

describe("where calls go", () => {
    const pool = "eu-west-1_AbC123xyz";

    it("prefers the region input", () => {
        assert.deepEqual(clientLocation({ region: "us-west-2" }, pool, "ap-south-1"), { region: "us-west-2", endpoint: undefined });
    });

    it("then the region in the user pool id", () => {
        assert.equal(clientLocation({}, pool, "ap-south-1").region, "eu-west-1");
    });

    it("then aws:region from the stack's config", () => {
        assert.equal(clientLocation({}, "", "ap-south-1").region, "ap-south-1");
    });

    it("then leaves it to the SDK's chain", () => {
        assert.equal(clientLocation({}, "", undefined).region, undefined);
    });

    it("passes the endpoint input through, else leaves it to the SDK's standard variables", () => {
        assert.equal(clientLocation({ endpoint: "http://127.0.0.1:5000" }, pool, undefined).endpoint, "http://127.0.0.1:5000");
        assert.equal(clientLocation({}, pool, undefined).endpoint, undefined);
    });
});
