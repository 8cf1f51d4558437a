import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";

test("a viewer reads the policy but cannot change it", async ({ page }) => {
  await signIn(page, USERS.viewer);
  await page.goto("/policy");
  await expect(page.getByRole("heading", { name: "Policy" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "any grant" })).toBeVisible();
  await expect(page.getByLabel("Window (days)")).toHaveValue("90");
  await expect(page.getByLabel("Window (days)")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save as a new version" })).toHaveCount(0);
});

test("a security reviewer's invalid threshold is refused on its field; a valid save becomes the version in force", async ({ page }) => {
  await signIn(page, USERS.reviewer);
  await page.goto("/policy");
  await page.getByLabel("Window (days)").fill("0");
  await page.getByLabel("Why this change").fill("Trying a zero-day window");
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page.getByText("Ceiling window: at least 1 day.")).toBeVisible();
  await expect(page.getByLabel("Window (days)")).toHaveValue("0");

  // The same values as the defaults, so the other tests' findings stay as they are.
  await page.getByLabel("Window (days)").fill("90");
  await page.getByLabel("Why this change").fill("Confirmed the defaults at the quarterly review");
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page.getByRole("status")).toContainText("Saved as version 1");
  await page.reload();
  await expect(page.getByText("Confirmed the defaults at the quarterly review")).toBeVisible();
  await expect(page.getByText("in force")).toBeVisible();
});
