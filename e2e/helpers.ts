import { expect, type Locator, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../prisma/seed-data";

export const USERS = {
  viewer: "viewer@example.com",
  lead: "lead@example.com",
  reviewer: "reviewer@example.com",
  reviewer2: "reviewer2@example.com",
  juniorReviewer: "junior-reviewer@example.com",
  incidents: "incidents@example.com",
  admin: "admin@example.com",
} as const;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}

// Opens a form folded under a card (its summary) and returns the form, found by its accessible name.
export async function unfoldForm(page: Page, summary: string, name = summary): Promise<Locator> {
  await page.locator("summary", { hasText: summary }).click();
  return page.getByRole("form", { name });
}

// What the register's own pages send with a write: the API refuses a session's write without it
// (cross-site request forgery), so tests that call the API with a page's session send it too.
export const SAME_ORIGIN = { "sec-fetch-site": "same-origin" };
