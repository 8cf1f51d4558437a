// The register as an attacker would try it from a browser: a forged form from another port of the
// same host, a phishing link through the sign-in page, and what the pages allow to run.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { signIn, USERS, unfoldForm } from "./helpers";

let attacker: Server;
let attackerOrigin: string;

// A page on another port of the same host (same-site, not same-origin), as in the reported attack:
// a plain HTML form posting text/plain that reads as JSON, which needs no CORS preflight.
test.beforeAll(async ({ baseURL }) => {
  const target = new URL("/api/v1/users", baseURL).toString();
  const payload = `{"email":"forged-admin@example.com","name":"Forged","role":"ADMIN","senior":true,"x":"`;
  attacker = createServer((_request, response) => {
    response.setHeader("content-type", "text/html");
    response.end(`<!doctype html><title>Win a prize</title>
      <form id="forged" method="POST" action="${target}" enctype="text/plain"><input name='${payload}' value='"}'></form>
      <button onclick="document.getElementById('forged').submit()">Claim</button>`);
  });
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  attackerOrigin = `http://localhost:${(attacker.address() as AddressInfo).port}`;
});

test.afterAll(() => new Promise<void>((resolve) => attacker.close(() => resolve())));

test("a forged cross-origin form cannot use the admin's session to create a user", async ({ page }) => {
  await signIn(page, USERS.admin);
  await page.goto(attackerOrigin);
  const answer = page.waitForResponse((response) => response.url().endsWith("/api/v1/users") && response.request().method() === "POST");
  await page.getByRole("button", { name: "Claim" }).click();
  const response = await answer;
  expect(response.status()).toBe(403);
  expect(await response.json()).toMatchObject({ error: { code: "CROSS_ORIGIN" } });

  const people = await page.request.get("/api/v1/users");
  expect(people.ok()).toBe(true);
  expect(JSON.stringify(await people.json())).not.toContain("forged-admin@example.com");
});

test("the register's own pages may still write with the session, but only as JSON", async ({ page }) => {
  await signIn(page, USERS.lead);
  await page.goto("/tools");
  const statuses = await page.evaluate(async () => {
    const post = (contentType: string, name: string) =>
      fetch("/api/v1/teams", { method: "POST", headers: { "content-type": contentType }, body: JSON.stringify({ name }) }).then((r) => r.status);
    return { plain: await post("text/plain", "Plain text team"), json: await post("application/json", "Same origin team") };
  });
  expect(statuses).toEqual({ plain: 415, json: 201 });
});

test("sign-in follows only same-origin paths after signing in", async ({ page, baseURL }) => {
  for (const callbackUrl of ["//evil.example/phish", "/\\evil.example/phish", "/\t/evil.example/phish"]) {
    await page.context().clearCookies();
    await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await page.getByLabel("Email").fill(USERS.viewer);
    await page.getByLabel("Password").fill("demo-password-2026");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByTestId("current-user")).toBeVisible();
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    expect(new URL(page.url()).pathname).toBe("/");
  }
  await page.context().clearCookies();
  await page.goto(`/login?callbackUrl=${encodeURIComponent("/risks?overdue=1")}`);
  await page.getByLabel("Email").fill(USERS.viewer);
  await page.getByLabel("Password").fill("demo-password-2026");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/risks\?overdue=1$/);
});

test("pages carry a nonce Content-Security-Policy that the app runs under without violations", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto("/login");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).not.toContain("unsafe-eval");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  await signIn(page, USERS.admin);
  for (const path of ["/", "/tools", "/tools/kiro-agent", "/grants", "/incidents/metrics", "/risks", "/audit", "/policy"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  // Client-side navigation works, so the framework's scripts ran.
  await page.getByRole("link", { name: "Findings" }).first().click();
  await expect(page).toHaveURL(/\/findings/);
  expect(violations).toEqual([]);
});

test("TRACE is a 405 JSON error on pages and routes; cookies are Secure behind HTTPS", async ({ request }) => {
  for (const path of ["/api/v1/teams", "/tools", "/api/v1/changes"]) {
    const response = await request.fetch(path, { method: "TRACE" });
    expect(response.status()).toBe(405);
    expect(await response.json()).toMatchObject({ error: { code: "METHOD_NOT_ALLOWED" } });
  }
  const plain = await request.get("/api/auth/csrf");
  expect(plain.headers()["set-cookie"]).not.toMatch(/;\s*secure/i);
  const behindTls = await request.get("/api/auth/csrf", { headers: { "x-forwarded-proto": "https" } });
  expect(behindTls.headers()["set-cookie"]).toMatch(/;\s*secure/i);
  expect(behindTls.headers()["strict-transport-security"]).toMatch(/max-age=\d+/);
});

test("an unknown API route or a path that is not UTF-8 answers with the API's JSON error body", async ({ request }) => {
  for (const [method, path] of [["GET", "/api/v1/no-such-route"], ["POST", "/api/v1/tools/kiro-agent/no-such-thing"], ["DELETE", "/api/nothing"]] as const) {
    const response = await request.fetch(path, { method });
    expect([response.status(), (await response.json()).error.code], `${method} ${path}`).toEqual([404, "NOT_FOUND"]);
  }
  const malformed = await request.get("/api/v1/grants/%zz");
  expect([malformed.status(), (await malformed.json()).error.code]).toEqual([400, "VALIDATION"]);
});

test("a NUL in the incident form is refused on its field, keeping what was typed", async ({ page }) => {
  await signIn(page, USERS.incidents);
  await page.goto("/incidents/new");
  await page.getByLabel("Key").fill(`INC-NUL${Date.now().toString(36).toUpperCase()}`);
  await page.getByLabel("Severity").selectOption("SEV3");
  await page.getByLabel("Started (UTC)").fill(new Date(Date.now() - 3_600_000).toISOString().slice(0, 16));
  // A person cannot type NUL; a pasted or scripted value can carry one.
  await page.getByLabel("Title").evaluate((input: HTMLInputElement) => {
    input.value = "Agent wrote abc\u0000def";
  });
  await page.getByRole("button", { name: "Record incident" }).click();
  await expect(page.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#incident-title-error")).toContainText("NUL");
  await expect(page).toHaveURL(/\/incidents\/new$/);
  await expect(page.getByLabel("Severity")).toHaveValue("SEV3");
});

test("an expiry in the year 20000 is refused on the grant form's field", async ({ page }) => {
  await signIn(page, USERS.lead);
  await page.goto("/tools/testsmith");
  const form = await unfoldForm(page, "Request a grant");
  await form.getByLabel("Environment").selectOption("staging");
  await form.getByLabel("Maximum autonomy").selectOption("SUGGEST");
  await form.getByLabel("Justification").fill("Far-future expiry is refused, not a crash.");
  await form.getByLabel("Expires").evaluate((input: HTMLInputElement) => {
    input.value = "20000-01-01";
  });
  await form.getByRole("button", { name: "Request grant" }).click();
  await expect(form.getByLabel("Expires")).toHaveAttribute("aria-invalid", "true");
  await expect(form).toContainText("between the years 1900 and 9999");
});
