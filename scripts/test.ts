// `npm test`: every suite in order — typecheck, lint, unit, integration (real Postgres: DATABASE_URL,
// else embedded), end-to-end in Chromium — then one line with the totals of all of them.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "../lib/test/database";

const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", FORCE_COLOR: "0" };
const reports = mkdtempSync(path.join(tmpdir(), "grr-test-"));
const totals = { passed: 0, failed: 0 };
const failedSteps: string[] = [];

function step(name: string, command: string, args: string[], extraEnv: Record<string, string> = {}): boolean {
  console.log(`\n━━ ${name} ━━`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  const ok = result.status === 0;
  if (!ok) failedSteps.push(name);
  return ok;
}

function countVitest(file: string): void {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, "utf8")) as { numPassedTests: number; numFailedTests: number };
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
}

function countPlaywright(file: string): void {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number } };
  totals.passed += report.stats.expected + report.stats.flaky;
  totals.failed += report.stats.unexpected;
}

// Static checks count as one test each, so a type or lint error shows in the totals too.
for (const [name, args] of [
  ["typecheck", ["tsc", "--noEmit"]],
  ["lint", ["eslint", "."]],
] as const) {
  if (step(name, "npx", [...args])) totals.passed += 1;
  else totals.failed += 1;
}

const unitReport = path.join(reports, "unit.json");
step("unit tests", "npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${unitReport}`]);
countVitest(unitReport);

const intReport = path.join(reports, "int.json");
step("integration tests", "npx", ["vitest", "run", "--config", "vitest.int.config.ts", "--reporter=default", "--reporter=json", `--outputFile.json=${intReport}`]);
countVitest(intReport);

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  console.error(`\nNo Chromium at ${chromium}: the end-to-end tests need one.\nInstall it with: sudo apt-get install chromium   (or set CHROMIUM_PATH)`);
  failedSteps.push("e2e (no browser)");
  totals.failed += 1;
} else if (step("build", "npm", ["run", "build"])) {
  // The e2e server gets its own database: a fresh one on the server, or a fresh embedded data folder.
  let database: TestDatabase | undefined;
  let dataDir: string | undefined;
  const e2eEnv: Record<string, string> = { PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(reports, "e2e.json"), CHROMIUM_PATH: chromium };
  if (process.env.DATABASE_URL) {
    database = await createTestDatabase("grr_e2e");
    e2eEnv.DATABASE_URL = database.url;
  } else {
    dataDir = mkdtempSync(path.join(tmpdir(), "grr-e2e-data-"));
    e2eEnv.DATA_DIR = dataDir;
  }
  // A short, seeded run of the API fuzz suite on the build just made (its own database and port).
  if (step("fuzz (short run)", "npx", ["tsx", "scripts/fuzz.ts"], { FUZZ_RUNS: "5", FUZZ_SKIP_BUILD: "1" })) totals.passed += 1;
  else totals.failed += 1;
  try {
    step("end-to-end tests", "npx", ["playwright", "test"], e2eEnv);
  } finally {
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
  countPlaywright(path.join(reports, "e2e.json"));
} else {
  totals.failed += 1;
}

rmSync(reports, { recursive: true, force: true });
if (failedSteps.length) console.log(`\nFailed: ${failedSteps.join(", ")}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(failedSteps.length ? 1 : 0);
