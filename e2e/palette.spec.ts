import { expect, test, type Page } from "@playwright/test";
import { signIn, USERS } from "./helpers";

const palette = (page: Page) => page.getByRole("dialog", { name: "Search the register" });
const input = (page: Page) => palette(page).getByRole("combobox");

// The shortcut and the buttons work once the page has hydrated; until then a press does nothing, so try again.
async function openPalette(page: Page, open: () => Promise<void>) {
  await expect(async () => {
    if (!(await palette(page).isVisible())) await open();
    await expect(palette(page)).toBeVisible({ timeout: 2_000 });
  }).toPass();
}
const openWithShortcut = (page: Page) => openPalette(page, () => page.keyboard.press("Control+k"));

test("Ctrl-K opens the palette on any page; a tool is found and opened with the keyboard alone", async ({ page }) => {
  await signIn(page, USERS.viewer);
  await page.goto("/findings");
  await openWithShortcut(page);
  await expect(input(page)).toBeFocused();
  await page.keyboard.type("proseware");
  // Both of the vendor's tools, the first chosen; the arrow moves to the second, Enter opens it.
  const costLens = palette(page).getByRole("option", { name: /CostLens/ });
  const docwriter = palette(page).getByRole("option", { name: /Docwriter/ });
  await expect(costLens).toHaveAttribute("aria-selected", "true");
  await expect(docwriter).toHaveAttribute("aria-selected", "false");
  await page.keyboard.press("ArrowDown");
  await expect(docwriter).toHaveAttribute("aria-selected", "true");
  await expect(input(page)).toHaveAttribute("aria-activedescendant", (await docwriter.getAttribute("id"))!);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/tools\/docwriter$/);
  await expect(page.getByRole("heading", { level: 1, name: /Docwriter/ })).toBeVisible();
  await expect(palette(page)).toBeHidden();
});

test("the search box in the sidebar opens it too; Escape closes it and gives focus back", async ({ page }) => {
  await signIn(page, USERS.lead);
  await page.goto("/");
  const box = page.getByRole("button", { name: "Search" });
  await openPalette(page, () => box.click());
  await page.keyboard.press("Escape");
  await expect(palette(page)).toBeHidden();
  await expect(box).toBeFocused();

  await box.click();
  await page.keyboard.type("kiro-agent");
  await expect(palette(page).getByRole("option").first()).toContainText("Kiro Agent");
  // Its grants are found by the tool too, and pages of the navigation by their name.
  await expect(palette(page).getByRole("group", { name: "Grants" }).getByRole("option", { name: /Kiro Agent → prod-us-east/ })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/tools\/kiro-agent$/);

  await box.click();
  await page.keyboard.type("audit");
  await expect(palette(page).getByRole("group", { name: "Pages" }).getByRole("option", { name: /Audit/ })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/audit$/);
});

test("an admin finds people by name and email; a viewer finds none", async ({ browser }) => {
  const admin = await browser.newPage();
  await signIn(admin, USERS.admin);
  await openWithShortcut(admin);
  await admin.keyboard.type("Dana");
  const people = palette(admin).getByRole("group", { name: "People" });
  await expect(people.getByRole("option", { name: /Dana Okafor.*reviewer@example\.com/ })).toBeVisible();

  const viewer = await browser.newPage();
  await signIn(viewer, USERS.viewer);
  await openWithShortcut(viewer);
  await viewer.keyboard.type("reviewer@example.com");
  await expect(palette(viewer).getByText("Nothing matches “reviewer@example.com”.")).toBeVisible();
  await expect(palette(viewer).getByRole("group", { name: "People" })).toHaveCount(0);
  // The API answers the same for the viewer's session.
  const answer = await viewer.request.get("/api/v1/search?q=Dana");
  expect(answer.status()).toBe(200);
  expect((await answer.json()).groups.map((group: { kind: string }) => group.kind)).not.toContain("person");
});

test("at 390 px the search stays in the top bar", async ({ page }) => {
  await signIn(page, USERS.viewer);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/tools");
  const box = page.getByRole("banner").getByRole("button", { name: "Search" });
  await expect(box).toBeVisible();
  // The top bar still fits: brand, search and menu side by side.
  expect(await page.evaluate(() => document.querySelector("header")!.scrollWidth)).toBeLessThanOrEqual(390);
  await openPalette(page, () => box.click());
  await page.keyboard.type("INC-2041");
  await expect(palette(page).getByRole("option", { name: /INC-2041/ })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/incidents\/INC-2041$/);
  await expect(palette(page)).toBeHidden();
});
