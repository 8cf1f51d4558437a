import { expect, test, type Page } from "@playwright/test";
import { weekStart } from "../lib/metrics/incidents";
import { signIn, USERS, SAME_ORIGIN, unfoldForm } from "./helpers";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** "YYYY-MM-DDTHH:mm" in UTC, as the incident form's datetime-local fields take it. */
const utcInput = (date: Date) => date.toISOString().slice(0, 16);
const uniqueKey = (prefix: string) => `${prefix}-${Date.now().toString(36).toUpperCase()}`;

function weeklyCell(page: Page, week: string, series: string) {
  return page.getByTestId("weekly-incidents-table").locator(`tr[data-week="${week}"] td[data-series="${series}"]`);
}

async function fillIncident(page: Page, fields: { key: string; title: string; severity: string; startedAt: Date; detectedAt?: Date; genAi?: "Yes" | "No" | "Unknown" }) {
  await page.getByLabel("Key").fill(fields.key);
  await page.getByLabel("Title").fill(fields.title);
  await page.getByLabel("Severity").selectOption(fields.severity);
  await page.getByLabel("Started (UTC)").fill(utcInput(fields.startedAt));
  if (fields.detectedAt) await page.getByLabel("Detected (UTC)").fill(utcInput(fields.detectedAt));
  if (fields.genAi) await page.getByRole("radio", { name: new RegExp(`^${fields.genAi}`) }).check();
}

test.describe("incidents and phased autonomy", () => {
  test("an incident manager records an AI-linked SEV1 and links kiro-agent as TRIGGERED: the ceiling follows it and the weekly chart counts it", async ({ page }) => {
    const key = uniqueKey("INC-E2E");
    // Whole minutes, as the form takes them.
    const startedAt = new Date(Math.floor((Date.now() - 2 * HOUR) / 60_000) * 60_000);
    const week = weekStart(startedAt).toISOString().slice(0, 10);
    await signIn(page, USERS.incidents);

    await page.goto("/");
    await expect(page.getByTestId("weekly-incidents-table")).toBeVisible();
    const before = Number(await weeklyCell(page, week, "sev1AiLinked").textContent());

    await page.goto("/incidents");
    await page.getByRole("link", { name: "New incident" }).click();
    await expect(page.getByRole("heading", { name: "New incident" })).toBeVisible();
    await fillIncident(page, { key, title: "Agent rotated every production credential while fixing a flaky test", severity: "SEV1", startedAt, detectedAt: new Date(startedAt.getTime() + 20 * 60_000), genAi: "Yes" });
    await page.getByRole("checkbox", { name: "prod-us-east" }).check();
    await page.getByLabel("Services").fill("checkout, accounts");
    await page.getByLabel("Postmortem link").fill(`https://wiki.example.com/postmortems/${key}`);
    await page.getByRole("button", { name: "Record incident" }).click();

    await expect(page).toHaveURL(new RegExp(`/incidents/${key}$`));
    await expect(page.getByRole("heading", { name: new RegExp(key) })).toBeVisible();
    await expect(page.getByTestId("genai-answer")).toContainText("Yes");
    await expect(page.getByTestId("ttd")).toHaveText("20 min");

    // Link the seeded agentic tool as TRIGGERED from the incident page.
    const linkForm = page.getByRole("form", { name: `Link a tool to ${key}` });
    await linkForm.getByLabel("Tool").selectOption("kiro-agent");
    await linkForm.getByLabel("Role").selectOption("TRIGGERED");
    await linkForm.getByRole("button", { name: "Link" }).click();
    await expect(linkForm.getByRole("status")).toHaveText(`Linked kiro-agent to ${key} as TRIGGERED.`);
    const linked = page.locator('[data-testid="linked-tool"][data-tool="kiro-agent"]');
    await expect(linked).toContainText("Triggered");
    // Its grants and findings at a glance, the ceiling now citing this incident.
    await expect(linked).toContainText(`triggered SEV1 incident ${key}`);
    await expect(linked.locator('[data-testid="finding"][data-rule="AUTONOMY_EXCEEDS_CEILING"]')).toBeVisible();

    // The overview shows the ceiling finding, now bound to the newer incident (it sets "until").
    await page.goto("/");
    const ceiling = page.locator('[data-testid="finding"][data-rule="AUTONOMY_EXCEEDS_CEILING"][data-tool="kiro-agent"]');
    await expect(ceiling).toHaveCount(1);
    await expect(ceiling).toContainText(`capped at SUGGEST until ${new Date(startedAt.getTime() + 90 * DAY).toISOString().slice(0, 10)}`);
    await expect(ceiling).toContainText(key);
    // The weekly chart's table counts it as an AI-linked SEV1 in the week it started.
    await expect(weeklyCell(page, week, "sev1AiLinked")).toHaveText(String(before + 1));

    // The tool page says until when the ceiling holds and why; it lists the incident.
    await page.goto("/tools/kiro-agent");
    const prod = page.getByTestId("effective-autonomy").locator("tr", { hasText: "prod-us-east" });
    await expect(prod).toContainText("Suggest");
    await expect(prod).toContainText(`triggered SEV1 incident ${key}`);
    await expect(page.getByRole("link", { name: key, exact: true })).toBeVisible();
  });

  test("an incident detected before it started is refused, with the message on the Detected field", async ({ page }) => {
    await signIn(page, USERS.incidents);
    await page.goto("/incidents/new");
    const startedAt = new Date(Date.now() - 3 * HOUR);
    await fillIncident(page, { key: uniqueKey("INC-BAD"), title: "Detected before it started", severity: "SEV2", startedAt, detectedAt: new Date(startedAt.getTime() - HOUR) });
    await page.getByRole("button", { name: "Record incident" }).click();

    await expect(page.locator("#incident-detectedAt-error")).toHaveText("Detected must be at or after the start.");
    await expect(page.getByLabel("Detected (UTC)")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("form-error")).toBeVisible();
    await expect(page).toHaveURL(/\/incidents\/new$/);
    // What was typed is kept.
    await expect(page.getByLabel("Title")).toHaveValue("Detected before it started");
  });

  test("an incident cannot be closed while the standing question is UNKNOWN", async ({ page }) => {
    await signIn(page, USERS.incidents);
    await page.goto("/incidents/INC-2058/edit");
    await page.getByLabel("Status").selectOption("CLOSED");
    await page.getByLabel("Resolved (UTC)").fill(utcInput(new Date(Date.now() - HOUR)));
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.locator("#incident-status-error")).toContainText("Cannot close while");
    await expect(page).toHaveURL(/\/incidents\/INC-2058\/edit$/);
  });

  test("the list filters by severity and GenAI in the URL; an unknown key is a 404", async ({ page }) => {
    await signIn(page, USERS.viewer);
    await page.goto("/incidents");
    await page.getByRole("combobox", { name: "Severity" }).selectOption("SEV1");
    await expect(page).toHaveURL(/severity=SEV1/);
    await page.getByRole("combobox", { name: "GenAI contributed" }).selectOption("NO");
    await expect(page).toHaveURL(/genAi=NO/);
    const table = page.getByRole("table", { name: "Incidents" });
    await expect(table.locator("tbody tr")).toHaveCount(1);
    await expect(table.locator("tbody")).toContainText("INC-2029");

    const response = await page.goto("/incidents/INC-0000");
    expect(response?.status()).toBe(404);
  });

  test("a viewer reads incidents but cannot record or link them", async ({ page }) => {
    await signIn(page, USERS.viewer);
    await page.goto("/incidents/INC-2041");
    await expect(page.getByRole("heading", { name: /INC-2041/ })).toBeVisible();
    await expect(page.getByRole("link", { name: "Edit incident" })).toHaveCount(0);
    await expect(page.getByRole("form", { name: /Link a tool/ })).toHaveCount(0);
    await page.goto("/incidents");
    await expect(page.getByRole("link", { name: "New incident" })).toHaveCount(0);
    const refused = await page.request.post("/api/v1/incidents", { headers: SAME_ORIGIN, data: { key: "INC-VIEWER", title: "Not mine", severity: "SEV4", startedAt: new Date().toISOString() } });
    expect(refused.status()).toBe(403);
  });

  test("a tool is linked to an incident from the tool page", async ({ page }) => {
    await signIn(page, USERS.incidents);
    await page.goto("/tools/docwriter");
    const form = await unfoldForm(page, "Link to incident", "Link docwriter to an incident");
    await form.getByLabel("Incident").selectOption("INC-2052");
    await form.getByLabel("Role").selectOption("INVOLVED");
    await form.getByRole("button", { name: "Link" }).click();
    await expect(form.getByRole("status")).toHaveText("Linked docwriter to INC-2052 as INVOLVED.");
    await expect(page.getByRole("link", { name: "INC-2052", exact: true })).toBeVisible();
  });
});

test.describe("mitigations and risks", () => {
  test("a mitigation added to an incident with a past due date is flagged on the overview", async ({ page }) => {
    const title = `Take env:delete away from kiro-agent everywhere ${Date.now()}`;
    await signIn(page, USERS.incidents);
    await page.goto("/incidents/INC-2041");
    const form = await unfoldForm(page, "Add a mitigation");
    await form.getByLabel("Action").fill(title);
    await form.getByLabel("Kind").selectOption("REDUCE_PERMISSION");
    await form.getByLabel("Due date").fill(new Date(Date.now() - 2 * DAY).toISOString().slice(0, 10));
    await form.getByLabel("Owner team").selectOption("Platform");
    await form.getByRole("button", { name: "Add mitigation" }).click();
    await expect(form.getByRole("status")).toContainText(title);

    await page.goto("/");
    const overdue = page.locator('[data-testid="mitigation"][data-overdue]', { hasText: title });
    await expect(overdue).toBeVisible();
    await expect(overdue).toContainText("overdue");
  });

  test("a mitigation without an owner is refused on the owner field", async ({ page }) => {
    await signIn(page, USERS.incidents);
    await page.goto("/incidents/INC-2017");
    const form = await unfoldForm(page, "Add a mitigation");
    await form.getByLabel("Action").fill("Nobody owns this");
    await form.getByRole("button", { name: "Add mitigation" }).click();
    await expect(form.locator("#mitigation-new-ownerTeam-error")).toHaveText("Choose an owner: a team, a person or both.");
  });

  test("a platform lead adds a risk; its heat-map cell filters the table; overdue reviews are flagged", async ({ page }) => {
    const statement = `Docwriter publishes internal hostnames in public docs ${Date.now()}`;
    await signIn(page, USERS.lead);
    await page.goto("/risks");
    await expect(page.getByTestId("overdue-reviews")).toContainText("overdue");
    const cell = page.getByTestId("heat-cell-5-5");
    const before = Number(await cell.getAttribute("data-count"));

    await page.getByRole("link", { name: "New risk" }).click();
    await expect(page.getByRole("heading", { name: "New risk" })).toBeVisible();
    await page.getByRole("combobox", { name: "Tool" }).selectOption("docwriter");
    await page.getByLabel("Risk statement").fill(statement);
    await page.getByLabel("Likelihood (1–5)").selectOption("5");
    await page.getByLabel("Impact (1–5)").selectOption("5");
    await page.getByLabel("Owner team").selectOption("Developer Experience");
    await page.getByLabel("Next review").fill(new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10));
    await page.getByRole("button", { name: "Add risk" }).click();
    await expect(page.getByRole("heading", { name: /Risk: Docwriter/ })).toBeVisible();

    await page.goto("/risks");
    await expect(cell).toHaveAttribute("data-count", String(before + 1));
    await cell.click();
    await expect(page).toHaveURL(/likelihood=5&impact=5/);
    await expect(page.getByTestId("cell-filter")).toBeVisible();
    const register = page.getByRole("table", { name: "Risk register" });
    await expect(register.locator("tbody")).toContainText(statement);
    await expect(register.locator("tbody tr")).toHaveCount(before + 1);

    await page.goto("/risks?overdue=1");
    await expect(register.locator("tbody tr").first()).toContainText("Review overdue");
  });
});
