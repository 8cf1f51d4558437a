import { expect, test, type Browser, type Page } from "@playwright/test";
import { ID_TOKEN_FORGERIES, TEST_OIDC_CLIENT, TEST_OIDC_PEOPLE, testOidcIssuer, type IdTokenForgery } from "../lib/test/oidc-fixture";
import { SAME_ORIGIN, signIn, USERS } from "./helpers";

// Single sign-on against a real OpenID provider on loopback (lib/test/oidc-provider.ts), which
// playwright.config.ts starts next to the app and names in the app's AUTH_OIDC_* variables.
const issuer = testOidcIssuer(process.env);

// From the login page's SSO button to the provider's sign-in page and back; returns the
// authorization request the register sent the browser to.
async function signInWithSso(page: Page, username: string): Promise<URL> {
  await page.goto("/login");
  const authorization = page.waitForRequest((request) => request.url().startsWith(`${issuer}/auth?`));
  await page.getByRole("button", { name: `Sign in with ${TEST_OIDC_CLIENT.name}` }).click();
  const request = await authorization;
  await expect(page.getByRole("heading", { name: "Test identity provider" })).toBeVisible();
  await page.getByLabel("Username").fill(username);
  await page.getByRole("button", { name: "Continue" }).click();
  return new URL(request.url());
}

async function expectRefused(page: Page, error: string, says: string | RegExp): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`/login\\?error=${error}$`));
  await expect(page.getByTestId("sign-in-error")).toContainText(says);
  await expectNoSession(page);
}

async function expectNoSession(page: Page): Promise<void> {
  expect(await (await page.request.get("/api/auth/session")).json()).toBeNull();
  expect((await page.request.get("/api/v1/tools")).status()).toBe(401);
  await page.goto("/tools");
  await expect(page).toHaveURL(/\/login/);
}

// An admin in a browser of their own, who reads the audit log over the API.
async function signedInAdmin(browser: Browser): Promise<Page> {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, USERS.admin);
  return admin;
}

async function refusalsFor(admin: Page, entityId: string): Promise<{ actor: string; after: Record<string, unknown> }[]> {
  const response = await admin.request.get(`/api/v1/audit?action=auth.sign_in_refused&entityId=${encodeURIComponent(entityId)}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { rows: { actor: string; after: Record<string, unknown> }[] }).rows;
}

test("a person of the register signs in through the SSO button: authorization code with PKCE, state and nonce", async ({ page }) => {
  const authorization = await signInWithSso(page, TEST_OIDC_PEOPLE.viewer.username);
  expect(authorization.searchParams.get("response_type")).toBe("code");
  expect(authorization.searchParams.get("client_id")).toBe(TEST_OIDC_CLIENT.id);
  expect(authorization.searchParams.get("code_challenge_method")).toBe("S256");
  expect(authorization.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
  expect(authorization.searchParams.get("state")).toBeTruthy();
  expect(authorization.searchParams.get("nonce")).toBeTruthy();
  expect(authorization.searchParams.get("redirect_uri")).toMatch(/\/api\/auth\/callback\/oidc$/);

  await expect(page.getByTestId("current-user")).toHaveText(TEST_OIDC_PEOPLE.viewer.name);
  const session = await (await page.request.get("/api/auth/session")).json();
  expect(session.user.email).toBe(USERS.viewer);
  expect((await page.request.get("/api/v1/tools")).status()).toBe(200);
});

// Sent before (or without) the page's scripts, the SSO form is answered with a redirect to the
// provider, which the pages' Content-Security-Policy admits in form-action.
test("the SSO button works without JavaScript too", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const login = await page.goto("/login");
  expect(login!.headers()["content-security-policy"]).toContain(`form-action 'self' ${issuer};`);
  await signInWithSso(page, TEST_OIDC_PEOPLE.viewer.username);
  await expect(page.getByTestId("current-user")).toHaveText(TEST_OIDC_PEOPLE.viewer.name);
  await context.close();
});

test("someone the register does not know is refused, told why and what to do, and the refusal is audited", async ({ browser, page }) => {
  const { email, sub } = TEST_OIDC_PEOPLE.stranger;
  await page.setViewportSize({ width: 390, height: 844 });
  await signInWithSso(page, TEST_OIDC_PEOPLE.stranger.username);
  await expect(page.getByTestId("sign-in-error")).toBeInViewport();
  await expectRefused(page, "sso_not_registered", "Ask a register admin to add you on the People page");

  const admin = await signedInAdmin(browser);
  const refusals = await refusalsFor(admin, email);
  expect(refusals).toHaveLength(1);
  expect(refusals[0]).toMatchObject({ actor: "system", after: { email, reason: "not_registered", subject: sub, issuer, via: "oidc" } });
  await admin.context().close();
});

test("a deactivated person is refused and stays deactivated; the refusal is audited", async ({ browser, page }) => {
  const { email, name } = TEST_OIDC_PEOPLE.departed;
  const admin = await signedInAdmin(browser);
  const created = await admin.request.post("/api/v1/users", { headers: SAME_ORIGIN, data: { email, name, role: "PLATFORM_LEAD", senior: false } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  expect((await admin.request.patch(`/api/v1/users/${id}`, { headers: SAME_ORIGIN, data: { active: false } })).status()).toBe(200);

  await signInWithSso(page, TEST_OIDC_PEOPLE.departed.username);
  await expectRefused(page, "sso_deactivated", "reactivate it on the People page");

  const { rows } = (await (await admin.request.get("/api/v1/users?pageSize=200")).json()) as { rows: { id: string; active: boolean }[] };
  expect(rows.find((user) => user.id === id)).toMatchObject({ active: false });
  const refusals = await refusalsFor(admin, email);
  expect(refusals).toHaveLength(1);
  expect(refusals[0].after).toMatchObject({ email, reason: "deactivated", userId: id });
  await admin.context().close();
});

test("an address the provider has not verified does not sign in, even one the register holds", async ({ browser, page }) => {
  await signInWithSso(page, TEST_OIDC_PEOPLE.impostor.username);
  await expectRefused(page, "sso_email_unverified", "has not verified your email address");
  const admin = await signedInAdmin(browser);
  const refusals = await refusalsFor(admin, USERS.admin);
  expect(refusals.map((event) => event.after)).toContainEqual(expect.objectContaining({ reason: "email_unverified", subject: TEST_OIDC_PEOPLE.impostor.sub }));
  await admin.context().close();
});

const EXPECTED: Record<IdTokenForgery, { token: string; error: string; says: string; detail: RegExp }> = {
  // next-auth does not check the signature; the register does (lib/auth/id-token.ts).
  "wrong-key": { token: "signed with a key that is not the provider's", error: "sso_invalid_token", says: "did not carry a valid signature", detail: /signature verification failed/ },
  // next-auth (oauth4webapi) refuses these before the register's callback runs.
  "wrong-issuer": { token: "naming another issuer", error: "Configuration", says: "failed the register's checks", detail: /"iss"/ },
  "wrong-audience": { token: "for another client", error: "Configuration", says: "failed the register's checks", detail: /"aud"/ },
  "wrong-nonce": { token: "with another nonce", error: "Configuration", says: "failed the register's checks", detail: /"nonce"/ },
};

for (const forgery of ID_TOKEN_FORGERIES) {
  test(`an ID token ${EXPECTED[forgery].token} signs nobody in`, async ({ browser, page, request }) => {
    expect((await request.post(`${issuer}/test/forge-next-id-token`, { data: { forgery } })).status()).toBe(204);
    await signInWithSso(page, TEST_OIDC_PEOPLE.viewer.username);
    await expectRefused(page, EXPECTED[forgery].error, EXPECTED[forgery].says);
    // Audited whichever refused it; next-auth's refusals after the redirect, so the test waits for it.
    const admin = await signedInAdmin(browser);
    await expect
      .poll(async () => (await refusalsFor(admin, USERS.viewer)).map((event) => event.after))
      .toContainEqual(expect.objectContaining({ reason: "invalid_token", subject: TEST_OIDC_PEOPLE.viewer.sub, detail: expect.stringMatching(EXPECTED[forgery].detail) }));
    await admin.context().close();
  });
}
