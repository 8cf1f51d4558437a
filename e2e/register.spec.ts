import { expect, test } from "@playwright/test";
import { DEMO_USERS } from "../prisma/seed-data";
import { signIn, USERS } from "./helpers";

test.describe("sign-in", () => {
  for (const user of DEMO_USERS) {
    test(`${user.role}${user.senior ? " (senior)" : ""} ${user.email} signs in and sees the register`, async ({ page }) => {
      await signIn(page, user.email);
      await page.goto("/tools");
      await expect(page.getByRole("heading", { name: "Register" })).toBeVisible();
      await expect(page.getByTestId("current-user")).toHaveText(user.name);
    });
  }

  test("a wrong password is refused", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(USERS.lead);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByTestId("form-error")).toHaveText("Wrong email or password.");
    await page.goto("/tools");
    await expect(page).toHaveURL(/\/login/);
  });

  test("pages and the API are closed to anonymous visitors", async ({ page, request }) => {
    await page.goto("/tools/kiro-agent");
    await expect(page).toHaveURL(/\/login/);
    expect((await request.get("/api/v1/tools")).status()).toBe(401);
    expect((await request.get("/api/v1/tools", { headers: { authorization: "Bearer nope" } })).status()).toBe(401);
  });

  test("sign-out ends the session", async ({ page }) => {
    await signIn(page, USERS.viewer);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/tools");
    await expect(page).toHaveURL(/\/login/);
  });
});

test.describe("register", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, USERS.viewer);
  });

  test("shows the seeded tools; a filter and a sort change the rows and the URL", async ({ page }) => {
    await page.goto("/tools");
    const rows = page.locator("tbody tr");
    await expect(page.getByRole("link", { name: "Kiro Agent" })).toBeVisible();
    const allCount = await rows.count();
    expect(allCount).toBeGreaterThanOrEqual(12);

    await page.getByRole("combobox", { name: "Kind" }).selectOption("AGENT");
    await expect(page).toHaveURL(/kind=AGENT/);
    await expect(rows.first()).toContainText(/agent/i);
    const agentCount = await rows.count();
    expect(agentCount).toBeLessThan(allCount);
    for (const kind of await page.locator("tbody tr td:nth-child(3)").allTextContents()) expect(kind).toBe("Agent");

    const firstBefore = await rows.first().locator("td").first().textContent();
    await page.getByRole("button", { name: "Tool" }).click();
    await expect(page).toHaveURL(/sort=name&dir=desc/);
    await expect(rows.first().locator("td").first()).not.toHaveText(firstBefore ?? "");
    await expect(page.getByRole("columnheader", { name: "Tool" })).toHaveAttribute("aria-sort", "descending");

    // The URL alone reproduces the view.
    const url = page.url();
    await page.goto("/tools");
    await page.goto(url);
    await expect(page.getByRole("combobox", { name: "Kind" })).toHaveValue("AGENT");
    expect(await rows.count()).toBe(agentCount);
  });

  test("search with no match shows the empty state", async ({ page }) => {
    await page.goto("/tools?q=no-such-tool-anywhere");
    await expect(page.getByText("No tool matches these filters")).toBeVisible();
  });

  test("a column can be hidden and the choice is kept in the URL", async ({ page }) => {
    await page.goto("/tools");
    await page.locator("summary", { hasText: "Columns" }).click();
    await page.getByRole("checkbox", { name: "Vendor" }).click();
    await expect(page).toHaveURL(/hide=vendor/);
    await expect(page.getByRole("columnheader", { name: "Vendor" })).toHaveCount(0);
  });

  test("the tool page opens; an unknown slug is a 404", async ({ page }) => {
    await page.goto("/tools");
    await page.getByRole("link", { name: "Kiro Agent" }).click();
    await expect(page).toHaveURL(/\/tools\/kiro-agent$/);
    await expect(page.getByRole("heading", { name: /Kiro Agent/ })).toBeVisible();
    await expect(page.getByText("Observed access")).toBeVisible();
    await expect(page.getByText("INC-2041", { exact: true })).toBeVisible();

    const response = await page.goto("/tools/no-such-tool");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  });
});

test("health answers without sign-in", async ({ request }) => {
  const response = await request.get("/api/v1/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", database: "ok" });
});
