import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";

const ROOT = path.resolve(import.meta.dirname, "..");

test("the Audit page shows the signed checkpoint, and its downloads verify offline with one command", async ({ page }, testInfo) => {
  await signIn(page, USERS.viewer);
  await page.goto("/audit");
  const status = page.getByTestId("chain-status");
  await expect(status).toHaveAttribute("data-valid", "true");
  await expect(status).toHaveAttribute("data-checkpoint", "VALID");
  await expect(page.getByTestId("checkpoint-status")).toContainText(/signed checkpoint #\d+ of \d{4}-\d\d-\d\d \d\d:\d\d UTC, through event #\d+/i);

  const download = async (name: string) => {
    const [file] = await Promise.all([page.waitForEvent("download"), status.getByRole("link", { name }).click()]);
    const target = testInfo.outputPath(file.suggestedFilename());
    await file.saveAs(target);
    return target;
  };
  const log = await download("Download the signed log");
  const key = await download("its public key");
  expect(path.basename(key)).toBe("audit-public-key.pem");

  const run = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/verify-audit.ts", log, "--public-key", key], { cwd: ROOT, encoding: "utf8" });
  expect(run.stdout).toMatch(/^VALID: \d+ events re-hashed, \d+ checkpoints? verified/);
  expect([run.status, run.stderr]).toEqual([0, ""]);
});
