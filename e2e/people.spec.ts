import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";

test("an admin adds a person, issues them a token that works once copied, and revokes it", async ({ page }) => {
  await signIn(page, USERS.admin);
  await page.getByRole("link", { name: "People" }).click();
  await page.getByLabel("Email").fill("sam.rivera@example.com");
  await page.getByLabel("Name", { exact: true }).fill("Sam Rivera");
  await page.getByLabel("Role").first().selectOption("PLATFORM_LEAD");
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByText("Added sam.rivera@example.com.")).toBeVisible();

  const row = page.locator('[data-testid="person"][data-email="sam.rivera@example.com"]');
  await row.getByLabel("New token for").fill("deploy pipeline");
  await row.getByRole("button", { name: "Issue token" }).click();
  const token = (await row.getByTestId("issued-token").textContent())!.trim();
  expect(token).toMatch(/^grr_/);
  const asSam = { headers: { authorization: `Bearer ${token}` } };
  expect((await page.request.get("/api/v1/tools", asSam)).status()).toBe(200);

  await row.getByRole("button", { name: "Revoke (token deploy pipeline)" }).click();
  await expect(row.getByText("No API tokens.")).toBeVisible();
  expect((await page.request.get("/api/v1/tools", asSam)).status()).toBe(401);
});

test("people and tokens are for admins only", async ({ page }) => {
  await signIn(page, USERS.lead);
  await expect(page.getByRole("link", { name: "People" })).toHaveCount(0);
  await page.goto("/people");
  await expect(page.getByTestId("people-forbidden")).toContainText("needs the Admin role");
});
