// The ID token's signature. next-auth (@auth/core 0.41, through oauth4webapi) checks the token's
// issuer, audience, expiry and nonce but not its signature: OpenID Connect lets a client that took
// the token straight from the token endpoint over TLS skip it, and oauth4webapi leaves it to
// validateApplicationLevelSignature, which @auth/core never calls. The register checks it anyway,
// against the issuer's published keys (its discovery document's jwks_uri), so a token endpoint
// answer that did not come from the issuer's keys — a plain-http provider, a proxy in between —
// signs nobody in.
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import { z } from "zod";
import type { OidcConfig } from "./oidc-config";

const discoverySchema = z.object({ issuer: z.string().min(1), jwks_uri: z.url() });

type KeySet = ReturnType<typeof createRemoteJWKSet>;

// One key set per issuer for the process: jose caches the keys and fetches them again when a token
// names a key it does not hold (a rotation).
const keySets = new Map<string, Promise<{ issuer: string; keys: KeySet }>>();

const withoutSlash = (url: string) => url.replace(/\/+$/, "");

async function discover(issuer: string): Promise<{ issuer: string; keys: KeySet }> {
  const response = await fetch(`${withoutSlash(issuer)}/.well-known/openid-configuration`, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`the issuer's discovery document answered ${response.status}`);
  const document = discoverySchema.parse(await response.json());
  if (withoutSlash(document.issuer) !== withoutSlash(issuer)) throw new Error(`the discovery document names another issuer (${document.issuer})`);
  return { issuer: document.issuer, keys: createRemoteJWKSet(new URL(document.jwks_uri), { timeoutDuration: 10_000 }) };
}

function issuerKeys(issuer: string): Promise<{ issuer: string; keys: KeySet }> {
  let keys = keySets.get(issuer);
  if (!keys) {
    keys = discover(issuer);
    keySets.set(issuer, keys);
    // A provider that was down is asked again next time.
    keys.catch(() => keySets.delete(issuer));
  }
  return keys;
}

export type IdTokenCheck = { ok: true; claims: JWTPayload } | { ok: false; error: string };

/** The ID token's claims once its signature (and again its issuer, audience and expiry) check out. */
export async function verifyIdToken(idToken: unknown, config: Pick<OidcConfig, "issuer" | "clientId">): Promise<IdTokenCheck> {
  if (typeof idToken !== "string" || !idToken) return { ok: false, error: "the token response has no ID token" };
  try {
    const { issuer, keys } = await issuerKeys(config.issuer);
    const { payload } = await jwtVerify(idToken, keys, { issuer, audience: config.clientId });
    return { ok: true, claims: payload };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}
