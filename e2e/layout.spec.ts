import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";
import { crawl } from "./site-pages";

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

// At 1280 px (a laptop) every table of every page fits its column: no column is cut off or needs
// sideways scrolling, and the column each table is read for is on screen.
test("at 1280 px no table on any page overflows sideways, and the column each table is read for is in view", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, USERS.admin);
  const overflowing: string[] = [];
  await crawl(page, { details: true }, async (pathname) => {
    const cut = await page.locator("main table").evaluateAll((tables) =>
      tables.flatMap((table) => {
        // The table's scrolling box, or the table itself when nothing around it scrolls.
        let box: HTMLElement = table as HTMLElement;
        for (let el = table.parentElement; el && el.tagName !== "MAIN"; el = el.parentElement) {
          if (getComputedStyle(el).overflowX !== "visible") { box = el; break; }
        }
        const right = box.getBoundingClientRect().right;
        return box.scrollWidth > box.clientWidth + 1 || right > window.innerWidth ? [table.querySelector("caption")?.textContent ?? table.getAttribute("data-testid") ?? "a table"] : [];
      }),
    );
    overflowing.push(...cut.map((name) => `${pathname}: ${name}`));
  });
  expect(overflowing).toEqual([]);

  for (const [pathname, column] of [["/changes", "Violations"], ["/risks", "Mitigations"], ["/grants", "Decision"], ["/findings", "Explanation"], ["/audit", "Before → after"], ["/incidents", "GenAI contributed"], ["/tools", "Status"]] as const) {
    await page.goto(pathname);
    const header = page.getByRole("columnheader", { name: column });
    await expect(header).toBeInViewport();
    const box = await header.boundingBox();
    expect(box!.x + box!.width, `${column} on ${pathname}`).toBeLessThanOrEqual(1280);
  }
});

test("the sidebar runs the whole height of a long page and stays in view when it scrolls", async ({ page }) => {
  await signIn(page, USERS.admin);
  await page.goto("/");
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height).toBeGreaterThan(900 * 1.5);
  const column = await page.getByTestId("sidebar").boundingBox();
  expect(column!.height).toBeGreaterThanOrEqual(height - 1);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav).toBeInViewport();
  await expect(page.getByTestId("current-user")).toBeInViewport();
});
