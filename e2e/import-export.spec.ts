import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import Papa from "papaparse";
import { signIn, USERS, SAME_ORIGIN } from "./helpers";

const HEADER = "slug,name,vendor,kind,ownerTeam,status,modes,description";

async function chooseFile(page: Page, name: string, content: string, mimeType = "text/csv") {
  await page.getByLabel("CSV or JSON file").setInputFiles({ name, mimeType, buffer: Buffer.from(content) });
  await expect(page.getByTestId("import-file-name")).toContainText(name);
}

async function downloadCsv(page: Page, link: ReturnType<Page["getByRole"]>): Promise<Record<string, string>[]> {
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const text = (await readFile(await download.path())).toString("utf8").replace(/^\uFEFF/, "");
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

test("a platform lead imports tools from a CSV file: a bad row stops the whole file, then the fixed file imports", async ({ page }) => {
  await signIn(page, USERS.lead);
  await page.goto("/tools");
  await page.getByRole("link", { name: "Import tools" }).click();
  await expect(page).toHaveURL(/\/tools\/import$/);
  await expect(page.getByRole("heading", { name: "Import tools" })).toBeVisible();

  const good = "e2e-import-one,E2E Import One,Contoso,AGENT,Platform,PROPOSED,SUGGEST;AGENT,First imported tool";
  await chooseFile(page, "tools.csv", [HEADER, good, "e2e-import-two,E2E Import Two,Contoso,ROBOT,Nowhere,,,"].join("\n"));
  await page.getByRole("button", { name: "Import", exact: true }).click();

  const report = page.getByTestId("import-report");
  await expect(report.getByRole("heading")).toHaveText("Rejected: nothing was imported");
  await expect(page.getByRole("main").getByTestId("form-error")).toContainText("1 of 2 rows rejected; nothing was imported");
  const rejected = report.locator('tr[data-outcome="rejected"]');
  await expect(rejected).toHaveCount(1);
  await expect(rejected).toContainText("2");
  await expect(rejected).toContainText("kind must be one of CODING_ASSISTANT");
  await expect(rejected).toContainText('ownerTeam: unknown team "Nowhere"');
  await page.screenshot({ path: "test-results/import-rejected.png", fullPage: true });

  // Nothing of the file is in the register.
  await page.goto("/tools?q=e2e-import");
  await expect(page.getByText("No tool matches these filters")).toBeVisible();

  await page.goto("/tools/import");
  await chooseFile(page, "tools.csv", [HEADER, good, "e2e-import-two,E2E Import Two,Contoso,CHAT,SRE,,,"].join("\n"));
  await page.getByRole("button", { name: "Check" }).click();
  await expect(report.getByRole("heading")).toHaveText("Check report: nothing written yet");
  await expect(page.getByRole("main").getByRole("status")).toContainText("All 2 rows are valid");
  await expect(page.getByTestId("import-counts")).toContainText("2 would be new, 0 would be updated, 0 unchanged");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(report.getByRole("heading")).toHaveText("Import report");
  await expect(page.getByRole("main").getByRole("status")).toContainText("Imported 2 tools: 2 new, 0 updated, 0 unchanged.");
  await expect(report.locator('tr[data-outcome="created"]')).toHaveCount(2);
  await page.screenshot({ path: "test-results/import-done.png", fullPage: true });

  await report.getByRole("link", { name: "e2e-import-one" }).click();
  await expect(page.getByRole("heading", { name: "E2E Import One" })).toBeVisible();
});

test("pasted JSON imports too, and an existing slug is rejected when only new tools are wanted", async ({ page }) => {
  await signIn(page, USERS.admin);
  await page.goto("/tools/import");
  await page.getByLabel("CSV or JSON", { exact: true }).fill(JSON.stringify([{ slug: "kiro-agent", name: "Kiro Agent", vendor: "Northwind AI", kind: "AGENT", ownerTeam: "Platform" }]));
  await page.getByLabel("Tools that already exist").selectOption("create");
  await page.getByRole("button", { name: "Check" }).click();
  const rejected = page.getByTestId("import-report").locator('tr[data-outcome="rejected"]');
  await expect(rejected).toContainText('slug: tool "kiro-agent" already exists');
});

test("a viewer can export but not import", async ({ page }) => {
  await signIn(page, USERS.viewer);
  await page.goto("/tools");
  await expect(page.getByRole("link", { name: "Export CSV" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Import tools" })).toHaveCount(0);
  await page.goto("/tools/import");
  await expect(page.getByTestId("import-forbidden")).toContainText("needs the Platform lead or Admin role");
  await expect(page.getByRole("button", { name: "Import", exact: true })).toHaveCount(0);
  const response = await page.request.post("/api/v1/import/tools", { headers: { ...SAME_ORIGIN, "content-type": "text/csv" }, data: `${HEADER}\nsneaky,Sneaky,X,CHAT,SRE,,,` });
  expect(response.status()).toBe(403);
});

test("Export CSV downloads the Register's filtered, sorted view", async ({ page }) => {
  await signIn(page, USERS.viewer);
  await page.goto("/tools?kind=AGENT&sort=name&dir=desc&pageSize=10&hide=vendor");
  const link = page.getByRole("link", { name: "Export CSV" });
  await expect(link).toHaveAttribute("href", "/api/v1/export/tools.csv?kind=AGENT&sort=name&dir=desc&hide=vendor");
  await page.screenshot({ path: "test-results/register-export.png" });
  const rows = await downloadCsv(page, link);
  const shown = await page.locator("tbody tr").count();
  expect(rows.length).toBeGreaterThanOrEqual(shown);
  expect(rows.every((row) => row.kind === "AGENT")).toBe(true);
  expect(rows[0]).not.toHaveProperty("vendor");
  const names = rows.map((row) => row.name);
  expect(names).toEqual([...names].sort().reverse());
  // The first rows of the file are the rows of the table's first page.
  const tableNames = await page.locator("tbody tr td:first-child a").allTextContents();
  expect(names.slice(0, tableNames.length)).toEqual(tableNames);

  // Filters changed in the page change the link.
  await page.getByRole("combobox", { name: "Status" }).selectOption("RESTRICTED");
  await expect(link).toHaveAttribute("href", /status=RESTRICTED/);
});

test("Export CSV downloads the Findings' filtered view", async ({ page }) => {
  await signIn(page, USERS.viewer);
  await page.goto("/findings?severity=CRITICAL");
  const rows = await downloadCsv(page, page.getByRole("link", { name: "Export CSV" }));
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((row) => row.severity === "CRITICAL")).toBe(true);
  await expect(page.getByTestId("pagination-summary")).toContainText(`of ${rows.length}`);
});

test("exports answer 401 without a session or token", async ({ request }) => {
  for (const path of ["/api/v1/export", "/api/v1/export/tools.csv", "/api/v1/export/findings.csv", "/api/v1/teams"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(401);
    expect((await response.json()).error.code).toBe("UNAUTHENTICATED");
  }
  expect((await request.post("/api/v1/import/tools", { data: [] })).status()).toBe(401);
});
