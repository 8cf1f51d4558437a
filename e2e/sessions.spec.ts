import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn, USERS, SAME_ORIGIN } from "./helpers";

const PASSWORD = "throwaway-password-2026";

// A person of one's own per test, so that locking or signing them out leaves the demo users alone.
async function addPerson(browser: Browser, email: string): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, USERS.admin);
  const res = await page.request.post("/api/v1/users", { headers: SAME_ORIGIN, data: { email, name: email.split("@")[0], role: "VIEWER", senior: false, password: PASSWORD } });
  expect(res.status()).toBe(201);
  await context.close();
}

// Another browser holding a copy of the first one's session cookie, as a thief would.
async function browserWithCopiedCookie(browser: Browser, from: Page): Promise<Page> {
  const context = await browser.newContext();
  await context.addCookies(await from.context().cookies());
  const page = await context.newPage();
  await page.goto("/tools");
  await expect(page.getByRole("heading", { name: "Register" })).toBeVisible();
  expect((await page.request.get("/api/v1/tools")).status()).toBe(200);
  return page;
}

async function expectSessionEnded(page: Page): Promise<void> {
  await page.goto("/tools");
  await expect(page).toHaveURL(/\/login/);
  expect((await page.request.get("/api/v1/tools")).status()).toBe(401);
}

test("sign-out ends the session everywhere: a copied session cookie no longer reaches a page or the API", async ({ browser, page }) => {
  const email = "copied-cookie@example.com";
  await addPerson(browser, email);
  await signIn(page, email, PASSWORD);
  const thief = await browserWithCopiedCookie(browser, page);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await expectSessionEnded(thief);
  await thief.context().close();
});

test("an admin's 'Sign out everywhere' ends another person's sessions at once", async ({ browser, page }) => {
  const email = "signed-out-by-admin@example.com";
  await addPerson(browser, email);
  const personContext = await browser.newContext();
  const person = await personContext.newPage();
  await signIn(person, email, PASSWORD);
  const copy = await browserWithCopiedCookie(browser, person);

  await signIn(page, USERS.admin);
  await page.goto("/people");
  const row = page.locator(`[data-testid="person"][data-email="${email}"]`);
  await row.getByRole("button", { name: `Sign out everywhere: ${email}` }).click();
  await expect(row.getByText("Signed out everywhere.")).toBeVisible();

  await expectSessionEnded(person);
  await expectSessionEnded(copy);
  // The admin's own session is untouched.
  await page.goto("/tools");
  await expect(page.getByTestId("current-user")).toBeVisible();
  await personContext.close();
  await copy.context().close();
});

test("repeated wrong passwords lock the account: the form says so, and refuses even the right password", async ({ browser, page }) => {
  const email = "locked-out@example.com";
  await addPerson(browser, email);
  // A fresh form per attempt, so each message on the page is that attempt's answer.
  async function attempt(password: string) {
    await page.goto("/login");
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    return page.getByTestId("form-error");
  }
  for (let i = 1; i <= 4; i++) await expect(await attempt(`wrong-${i}`)).toHaveText("Wrong email or password.");
  await expect(await attempt("wrong-5")).toHaveText("Too many failed sign-ins. Try again in 15 minutes.");
  await expect(await attempt(PASSWORD)).toHaveText(/^Too many failed sign-ins\. Try again in (14|15) minutes\.$/);
  await page.goto("/tools");
  await expect(page).toHaveURL(/\/login/);
});
