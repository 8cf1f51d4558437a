import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { newSigningSecret, secretHint, signedHeaders } from "./signing";

describe("newSigningSecret", () => {
  it("is whsec_ and 32 random bytes in base64, new on every call", () => {
    const secrets = Array.from({ length: 50 }, newSigningSecret);
    for (const secret of secrets) {
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(Buffer.from(secret.slice("whsec_".length), "base64")).toHaveLength(32);
    }
    expect(new Set(secrets).size).toBe(secrets.length);
  });
});

describe("signedHeaders", () => {
  const id = "msg_0123456789abcdef0123456789abcdef";
  const body = JSON.stringify({ type: "finding.opened", data: { summary: "Café <ok> & done" } });

  it("is accepted by the Standard Webhooks reference verifier", () => {
    const secret = newSigningSecret();
    const headers = signedHeaders(secret, id, new Date(), body);
    expect(headers["webhook-id"]).toBe(id);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it("is refused for a tampered body or under another secret", () => {
    const secret = newSigningSecret();
    const headers = { ...signedHeaders(secret, id, new Date(), body) };
    expect(() => new Webhook(secret).verify(body.replace("done", "gone"), headers)).toThrow();
    expect(() => new Webhook(newSigningSecret()).verify(body, headers)).toThrow();
  });

  it("carries the timestamp in whole seconds and signs v1 HMAC-SHA256 over id.timestamp.body", () => {
    const secret = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;
    const headers = signedHeaders(secret, id, new Date(1_767_225_600_999), body);
    expect(headers["webhook-timestamp"]).toBe("1767225600");
    const key = Buffer.from(secret.slice("whsec_".length), "base64");
    const expected = createHmac("sha256", key).update(`${id}.1767225600.${body}`).digest("base64");
    expect(headers["webhook-signature"]).toBe(`v1,${expected}`);
  });
});

describe("secretHint", () => {
  it("shows the prefix and four characters, then an ellipsis", () => {
    expect(secretHint("whsec_AbCdEfGhIjKlMnOp")).toBe("whsec_AbCd…");
    const secret = newSigningSecret();
    expect(secretHint(secret)).toBe(`${secret.slice(0, 10)}…`);
  });
});
