// What the end-to-end tests' OpenID provider (lib/test/oidc-provider.ts) knows, shared with
// playwright.config.ts and e2e/sso.spec.ts: its port, the register as its client, and its people.
// Relative imports only: Playwright loads this file without the project's path aliases.

/** The provider's port: E2E_OIDC_PORT, else the app's E2E_PORT + 15 (the app also takes E2E_PORT + 1). */
export function testOidcPort(env: Record<string, string | undefined>): number {
  return Number(env.E2E_OIDC_PORT ?? Number(env.E2E_PORT ?? 3100) + 15);
}

export const testOidcIssuer = (env: Record<string, string | undefined>) => `http://127.0.0.1:${testOidcPort(env)}`;

export const TEST_OIDC_CLIENT = { id: "genai-risk-register", secret: "e2e-client-secret-not-for-production", name: "Test SSO" } as const;

export interface TestOidcPerson {
  /** What the person types on the provider's sign-in page. */
  username: string;
  sub: string;
  email: string;
  emailVerified: boolean;
  name: string;
  groups: string[];
}

export const TEST_OIDC_PEOPLE = {
  // A seed user of the register (e2e/helpers.ts USERS.viewer).
  viewer: { username: "viewer@example.com", sub: "okta-00u1viewer", email: "viewer@example.com", emailVerified: true, name: "Morgan Ellis", groups: ["Everyone"] },
  // The register holds no one with this email.
  stranger: { username: "stranger@example.com", sub: "okta-00u2stranger", email: "stranger@example.com", emailVerified: true, name: "Casey Stranger", groups: ["Everyone"] },
  // e2e/sso.spec.ts adds this person to the register and deactivates them.
  departed: { username: "departed@example.com", sub: "okta-00u3departed", email: "departed@example.com", emailVerified: true, name: "Alex Departed", groups: ["Everyone"] },
  // Claims the admin's address without the provider having verified it.
  impostor: { username: "impostor", sub: "okta-00u4impostor", email: "admin@example.com", emailVerified: false, name: "Not Jordan", groups: ["Register admins"] },
} as const satisfies Record<string, TestOidcPerson>;

/**
 * What the provider can do to the next token response's ID token (POST {issuer}/test/forge-next-id-token
 * with {"forgery": …}): sign it with a key that is not the provider's (same key id), or re-sign it
 * with the provider's key but another issuer, audience or nonce.
 */
export const ID_TOKEN_FORGERIES = ["wrong-key", "wrong-issuer", "wrong-audience", "wrong-nonce"] as const;
export type IdTokenForgery = (typeof ID_TOKEN_FORGERIES)[number];
