import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";


test("the overview shows kiro-agent's autonomy in production as a critical breach", async ({ page }) => {
  await signIn(page, USERS.viewer);
  await page.goto("/");
  const critical = page.locator('[data-testid="finding"][data-severity="CRITICAL"][data-tool="kiro-agent"]');
  await expect(critical.first()).toContainText("kiro-agent acts AUTONOMOUSLY in prod-us-east");
  await expect(page.getByTestId("count-CRITICAL")).not.toContainText(/^critical\s*0$/i);
  const cell = page.getByTestId("autonomy-matrix").getByRole("link", { name: /Kiro Agent in prod-us-east: allowed SUGGEST, actual AUTONOMOUS/ });
  await expect(cell).toBeVisible();
  await cell.click();
  await expect(page).toHaveURL(/\/tools\/kiro-agent$/);
});

test("the findings page filters by the URL and links to tools", async ({ page }) => {
  await signIn(page, USERS.viewer);
  await page.goto("/findings?rule=CAPABILITY_EXCEEDS_GRANT");
  await expect(page.getByRole("combobox", { name: "Rule" })).toHaveValue("CAPABILITY_EXCEEDS_GRANT");
  const rows = page.locator("tbody tr");
  await expect(rows.filter({ hasText: "kiro-agent" })).toHaveCount(1);
  for (const rule of await page.locator("tbody tr td:nth-child(4)").allTextContents()) expect(rule).toBe("Capability exceeds grant");
  await page.getByRole("combobox", { name: "Severity" }).selectOption("LOW");
  await expect(page).toHaveURL(/severity=LOW/);
  await expect(page.getByText("No finding matches these filters")).toBeVisible();
});

test("lowering kiro-agent's observed autonomy clears the autonomy finding but not the capability finding", async ({ page }) => {
  await signIn(page, USERS.lead);
  await page.goto("/tools/kiro-agent");
  const findings = page.getByTestId("finding-list");
  await expect(findings.locator('[data-rule="AUTONOMY_EXCEEDS_GRANT"]')).toHaveCount(1);
  await expect(findings.locator('[data-rule="CAPABILITY_EXCEEDS_GRANT"]')).toHaveCount(1);

  await page.getByText("Declare observed access").click();
  await page.getByRole("combobox", { name: "Environment" }).selectOption("prod-us-east");
  await expect(page.getByRole("checkbox", { name: "env:delete" })).toBeChecked();
  await page.getByRole("combobox", { name: "Observed autonomy" }).selectOption("AGENT");
  await page.getByRole("button", { name: "Save observation" }).click();
  await expect(page.getByRole("status")).toContainText("prod-us-east is now declared at AGENT");

  await expect(findings.locator('[data-rule="AUTONOMY_EXCEEDS_GRANT"]')).toHaveCount(0);
  await expect(findings.locator('[data-rule="CAPABILITY_EXCEEDS_GRANT"]')).toHaveCount(1);
  await expect(findings.locator('[data-rule="CAPABILITY_EXCEEDS_GRANT"]')).toContainText("env:delete");

  await page.goto("/findings?tool=kiro-agent");
  const rules = await page.locator("tbody tr td:nth-child(4)").allTextContents();
  expect(rules).toContain("Capability exceeds grant");
  expect(rules).not.toContain("Autonomy exceeds grant");

  // The breach is kept, resolved, with its history: when it opened and when the declaration ended it.
  await page.getByRole("combobox", { name: "State" }).selectOption("resolved");
  await expect(page).toHaveURL(/state=resolved/);
  const resolved = page.locator("tbody tr").filter({ hasText: "Autonomy exceeds grant" });
  await expect(resolved).toHaveCount(1);
  await resolved.getByRole("link", { name: /acts AUTONOMOUSLY in prod-us-east/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Autonomy exceeds grant");
  await expect(page.getByText("Resolved", { exact: true }).first()).toBeVisible();
  const timeline = page.getByTestId("finding-transition");
  await expect(timeline).toHaveCount(2);
  await expect(timeline.nth(0)).toHaveAttribute("data-kind", "OPENED");
  await expect(timeline.nth(1)).toHaveAttribute("data-kind", "RESOLVED");
});

test("the overview charts open findings per day over 90 days and the mean time to resolve", async ({ page }) => {
  await signIn(page, USERS.viewer);
  await page.goto("/");
  await expect(page.getByTestId("finding-trend-summary")).toContainText(/Open findings went from \d+ on \d{4}-\d{2}-\d{2} to \d+ today/);
  const resolveTimes = page.getByTestId("mean-time-to-resolve");
  await expect(resolveTimes.locator("tbody tr")).toHaveCount(4);
  await expect(resolveTimes.locator('tr[data-severity="CRITICAL"]')).toBeVisible();
});

test("a viewer cannot declare observations", async ({ page }) => {
  await signIn(page, USERS.viewer);
  await page.goto("/tools/kiro-agent");
  await expect(page.getByText("Observed access")).toBeVisible();
  await expect(page.getByText("Declare observed access")).toHaveCount(0);
});
