// A real OpenID provider for the end-to-end tests: oidc-provider (a certified OpenID Connect server)
// on a loopback port, with the register as its one confidential client, the people of
// lib/test/oidc-fixture.ts (email, email_verified, name and groups, all in the ID token), PKCE
// required, and a sign-in page of its own. For the refusal tests it can forge the ID token of its
// next token response (see ID_TOKEN_FORGERIES).
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";
import Provider, { type Configuration } from "oidc-provider";
import { ID_TOKEN_FORGERIES, TEST_OIDC_PEOPLE, type IdTokenForgery, type TestOidcPerson } from "./oidc-fixture";

export interface TestOidcProviderOptions {
  port: number;
  client: { id: string; secret: string; redirectUris: string[] };
}

export interface TestOidcProvider {
  issuer: string;
  close(): Promise<void>;
}

const people: TestOidcPerson[] = Object.values(TEST_OIDC_PEOPLE);

async function signingKey(kid: string): Promise<{ jwk: JWK; privateKey: CryptoKey }> {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  return { jwk: { ...(await exportJWK(privateKey)), kid, alg: "RS256", use: "sig" }, privateKey };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head><body><main>${body}</main></body></html>`);
}

function signInForm(uid: string, error?: string): string {
  return `<h1>Test identity provider</h1>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
  <label for="username">Username</label>
  <input id="username" name="username" autocomplete="username" required>
  <button type="submit">Continue</button>
</form>`;
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

export async function startTestOidcProvider({ port, client }: TestOidcProviderOptions): Promise<TestOidcProvider> {
  const issuer = `http://127.0.0.1:${port}`;
  const kid = "test-signing-key";
  const real = await signingKey(kid);
  // Same key id as the real key: only the signature tells the forgery apart.
  const rogue = await signingKey(kid);
  let forgery: IdTokenForgery | null = null;

  const configuration: Configuration = {
    clients: [
      {
        client_id: client.id,
        client_secret: client.secret,
        redirect_uris: client.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    async findAccount(_ctx, sub) {
      const person = people.find((candidate) => candidate.sub === sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ sub, email: person.email, email_verified: person.emailVerified, name: person.name, groups: person.groups }),
      };
    },
    scopes: ["openid", "email", "profile"],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
    // The claims in the ID token itself, as next-auth reads them (not from the userinfo endpoint).
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    jwks: { keys: [real.jwk] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
  };
  const provider = new Provider(issuer, configuration);

  // After the token endpoint answered: swap its ID token for the forgery asked for, once.
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: unknown } | undefined;
    if (ctx.path !== "/token" || !forgery || typeof body?.id_token !== "string") return;
    const claims = decodeJwt(body.id_token);
    const header = decodeProtectedHeader(body.id_token);
    const changed = {
      "wrong-key": {},
      "wrong-issuer": { iss: "http://127.0.0.1:1/another-issuer" },
      "wrong-audience": { aud: "another-client" },
      "wrong-nonce": { nonce: "not-the-nonce-the-register-sent" },
    }[forgery];
    const key = forgery === "wrong-key" ? rogue.privateKey : real.privateKey;
    body.id_token = await new SignJWT({ ...claims, ...changed }).setProtectedHeader({ ...header, alg: "RS256", kid }).sign(key);
    forgery = null;
  });

  const callback = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, path: string[]): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (req.method === "POST" && path[1] === "login") {
      const username = (await formBody(req)).get("username")?.trim() ?? "";
      const person = people.find((candidate) => candidate.username === username);
      if (!person) return page(res, 400, signInForm(details.uid, `No person "${username}" at this provider.`));
      return provider.interactionFinished(req, res, { login: { accountId: person.sub } }, { mergeWithLastSubmission: false });
    }
    if (details.prompt.name === "login") return page(res, 200, signInForm(details.uid));
    // The register is this provider's own application: consent is given without asking.
    const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  async function testSwitch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const asked = (JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as { forgery?: unknown }).forgery;
    if (!ID_TOKEN_FORGERIES.includes(asked as IdTokenForgery)) {
      res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: `forgery must be one of ${ID_TOKEN_FORGERIES.join(", ")}` }));
      return;
    }
    forgery = asked as IdTokenForgery;
    res.writeHead(204).end();
  }

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", issuer).pathname.split("/").filter(Boolean);
    const handled =
      path[0] === "interaction" ? interaction(req, res, path.slice(1)) : req.method === "POST" && path.join("/") === "test/forge-next-id-token" ? testSwitch(req, res) : null;
    if (!handled) return callback(req, res);
    handled.catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) page(res, 500, `<h1>Test identity provider</h1><p role="alert">${escapeHtml(String(error))}</p>`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return {
    issuer,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
