import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";

test("at 390 px the navigation folds into a menu that opens, leads to a page and closes behind it", async ({ page }) => {
  await signIn(page, USERS.admin);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  const main = page.getByRole("navigation", { name: "Main" });
  await expect(main).toBeHidden();
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(main).toBeVisible();
  await expect(page.getByRole("link", { name: "Notifications" })).toBeVisible();
  await main.getByRole("link", { name: "Findings" }).click();
  await expect(page).toHaveURL(/\/findings$/);
  await expect(main).toBeHidden();
  await expect(menu).toHaveAttribute("aria-expanded", "false");

  // Escape closes it too; the page keeps the width of the screen.
  await menu.click();
  await page.keyboard.press("Escape");
  await expect(main).toBeHidden();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
});
