// The ID token's signature check against an issuer on loopback that publishes its discovery document
// and keys, as a real provider does.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyIdToken } from "./id-token";

const KID = "key-1";
const CLIENT = "register";

let server: Server;
let issuer: string;
let discoveredIssuer: (issuer: string) => string = (own) => own;
let issuerKey: CryptoKey;
let otherKey: CryptoKey;

beforeAll(async () => {
  const issuerPair = await generateKeyPair("RS256", { extractable: true });
  issuerKey = issuerPair.privateKey;
  otherKey = (await generateKeyPair("RS256")).privateKey;
  const jwks = { keys: [{ ...(await exportJWK(issuerPair.publicKey)), kid: KID, alg: "RS256", use: "sig" }] };
  server = createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    if (req.url === "/.well-known/openid-configuration") res.end(JSON.stringify({ issuer: discoveredIssuer(issuer), jwks_uri: `${issuer}/jwks` }));
    else if (req.url === "/jwks") res.end(JSON.stringify(jwks));
    else res.writeHead(404).end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function token(claims: JWTPayload = {}, key = issuerKey): Promise<string> {
  return new SignJWT({ sub: "person-1", email: "ada@example.com", ...claims })
    .setProtectedHeader({ alg: "RS256", kid: KID })
    .setIssuer(typeof claims.iss === "string" ? claims.iss : issuer)
    .setAudience(claims.aud ?? CLIENT)
    .setIssuedAt()
    .setExpirationTime(typeof claims.exp === "number" ? claims.exp : "5m")
    .sign(key);
}

describe("the ID token's signature", () => {
  it("a token the issuer signed gives its claims", async () => {
    const check = await verifyIdToken(await token(), { issuer, clientId: CLIENT });
    expect(check).toMatchObject({ ok: true, claims: { sub: "person-1", email: "ada@example.com", iss: issuer, aud: CLIENT } });
  });

  it("a token signed with another key under the issuer's key id is refused, whatever it claims", async () => {
    const check = await verifyIdToken(await token({}, otherKey), { issuer, clientId: CLIENT });
    expect(check).toEqual({ ok: false, error: expect.stringMatching(/signature verification failed/) });
  });

  it("another issuer, another audience, an expired token or no token at all: refused", async () => {
    const config = { issuer, clientId: CLIENT };
    expect(await verifyIdToken(await token({ iss: "https://elsewhere.example.com" }), config)).toEqual({ ok: false, error: expect.stringMatching(/"iss"/) });
    expect(await verifyIdToken(await token({ aud: "another-client" }), config)).toEqual({ ok: false, error: expect.stringMatching(/"aud"/) });
    expect(await verifyIdToken(await token({ exp: Math.floor(Date.now() / 1000) - 3600 }), config)).toEqual({ ok: false, error: expect.stringMatching(/"exp"/) });
    expect(await verifyIdToken(undefined, config)).toEqual({ ok: false, error: "the token response has no ID token" });
  });

  it("an issuer whose discovery document names another issuer is not trusted", async () => {
    discoveredIssuer = () => "https://impostor.example.com";
    try {
      // A trailing slash names another issuer URL than the key set cached for the plain one.
      const check = await verifyIdToken(await token(), { issuer: `${issuer}/`, clientId: CLIENT });
      expect(check).toEqual({ ok: false, error: expect.stringMatching(/names another issuer/) });
    } finally {
      discoveredIssuer = (own) => own;
    }
  });
});
