import { expect, test, type Page } from "@playwright/test";
import { SAME_ORIGIN, signIn, USERS } from "./helpers";

async function headlineCount(page: Page, severity: string): Promise<number> {
  await page.goto("/");
  const text = await page.getByTestId(`count-${severity}`).locator("p").nth(1).textContent();
  return Number(text);
}

/** Moves the register's clock (REGISTER_TEST_CLOCK=1 in the e2e server) days ahead of the system's. */
async function moveClock(page: Page, offsetDays: number): Promise<void> {
  const moved = await page.request.post("/api/test/clock", { headers: SAME_ORIGIN, data: { offsetDays } });
  expect(moved.status()).toBe(200);
}

test("a reviewer accepts a finding: it leaves the headline count, and is back once the acceptance has expired", async ({ page }) => {
  await signIn(page, USERS.juniorReviewer);
  const open = await (await page.request.get("/api/v1/findings?severity=MEDIUM&pageSize=200")).json();
  const finding = open.rows.find((row: { tool: string; acceptance: unknown }) => row.tool !== "kiro-agent" && row.acceptance === null);
  expect(finding).toBeDefined();
  const before = await headlineCount(page, "MEDIUM");

  await page.goto(`/findings/${finding.id}`);
  const form = page.getByRole("form", { name: "Accept this finding" });
  await form.getByLabel("Reason").fill("Known and owned: the refresh job lands with the January platform release.");
  await form.getByLabel("Risk owner").selectOption(USERS.lead);
  await form.getByRole("button", { name: "Accept finding" }).click();
  // The page is rendered again with the acceptance in place of the form.
  await expect(page.getByTestId("acceptance").first()).toContainText("Accepted until");

  expect(await headlineCount(page, "MEDIUM")).toBe(before - 1);
  await page.goto(`/findings/${finding.id}`);
  await expect(page.getByTestId("acceptance").first()).toContainText("Accepted until");
  await expect(page.getByTestId("acceptance").first()).toContainText("by Lee Park");
  await page.goto("/exceptions");
  await expect(page.locator('[data-testid="exception"][data-state="IN_FORCE"]').filter({ hasText: finding.tool })).toHaveCount(1);

  try {
    await moveClock(page, 31);
    expect(await headlineCount(page, "MEDIUM")).toBe(before);
    await page.goto(`/findings/${finding.id}`);
    await expect(page.getByTestId("acceptance")).toHaveCount(0);
    await expect(page.locator('[data-testid="exception"][data-state="EXPIRED"]')).toContainText("Expired: finding back");
    // Expired, the finding may be accepted again.
    await expect(page.getByRole("form", { name: "Accept this finding" })).toBeVisible();
  } finally {
    await moveClock(page, 0);
  }
});

test("a reviewer certifies a due grant from the review queue, and it leaves the queue", async ({ page }) => {
  await signIn(page, USERS.reviewer);
  await page.goto("/reviews");
  await expect(page.locator('[data-testid="due-grant"][data-tool="schema-sage"]')).toContainText("Overdue: a finding");
  const due = page.locator('[data-testid="due-grant"][data-tool="terraformer-ai"]');
  await expect(due).toContainText("never certified");
  await due.getByLabel("Still needed because").fill("Proposes the node-pool changes for the Q1 cluster upgrade.");
  await due.getByRole("button", { name: "Certify" }).click();
  // The queue is rendered again without it.
  await expect(page.locator('[data-testid="due-grant"][data-tool="terraformer-ai"]')).toHaveCount(0);
  await page.reload();
  await expect(page.locator('[data-testid="due-grant"][data-tool="terraformer-ai"]')).toHaveCount(0);
  const grants = await (await page.request.get("/api/v1/grants?tool=terraformer-ai&environment=shared-k8s&status=APPROVED")).json();
  expect(grants.rows[0].review.lastCertifiedAt).not.toBeNull();
});
