import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { SAME_ORIGIN, signIn, USERS } from "./helpers";

const ROOT = path.resolve(import.meta.dirname, "..");

function scan(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/scan.ts", ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ status: error ? Number(error.code ?? -1) : 0, stdout, stderr }),
    );
  });
}

test("a scan posted by a platform lead shows its evidence on the tool page and its run on the Discovery page", async ({ page, baseURL }) => {
  // The autofix workflow alone, so that the rest of the demo register stays as the other tests expect.
  const repo = mkdtempSync(path.join(tmpdir(), "autofix-"));
  cpSync(path.join(ROOT, "examples/agent-repo/.github/workflows/autofix.yml"), path.join(repo, ".github/workflows/autofix.yml"), { recursive: true });

  await signIn(page, USERS.admin);
  const users = await (await page.request.get("/api/v1/users?pageSize=200")).json();
  const lead = users.rows.find((u: { email: string }) => u.email === USERS.lead);
  const issued = await page.request.post(`/api/v1/users/${lead.id}/tokens`, { headers: SAME_ORIGIN, data: { name: "discovery e2e" } });
  expect(issued.status()).toBe(201);
  const { token } = await issued.json();

  const run = await scan([repo, "--config", "examples/discovery.config.json", "--post", baseURL!, "--token", token, "--scope", "checkout-service", "--fail-on", "CRITICAL"]);
  rmSync(repo, { recursive: true, force: true });
  expect(run.stderr).toBe("");
  expect(run.stdout).toContain("1 observation, 1 added, 0 changed, 0 removed");
  expect(run.stdout).toMatch(/CRITICAL {2}UNGRANTED_REACH {2}nimbus-autofix in prod-us-east/);
  expect(run.status).toBe(1);

  await page.goto("/tools/nimbus-autofix");
  const observation = page.getByTestId("observation").filter({ hasText: "github-actions in checkout-service" });
  await expect(observation).toContainText("prod-us-east");
  await expect(observation.getByRole("list", { name: "Evidence for prod-us-east" })).toContainText(
    "from .github/workflows/autofix.yml:17 — job `autofix` permissions contents: write (push commits and tags to any unprotected branch): repo:read, repo:write",
  );
  await expect(page.locator('[data-testid="finding"][data-rule="UNGRANTED_REACH"]').filter({ hasText: "prod-us-east" })).toBeVisible();

  await page.getByRole("link", { name: "Discovery", exact: true }).click();
  const runs = page.getByTestId("discovery-runs");
  await expect(runs).toContainText("checkout-service");
  await expect(runs).toContainText("1 added · 0 changed · 0 removed");
  await runs.getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "Discovery run of checkout-service" })).toBeVisible();
  await expect(page.getByTestId("run-unknown")).toContainText("id-token: write");
});
