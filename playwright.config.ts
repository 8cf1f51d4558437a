import { defineConfig, devices } from "@playwright/test";
import { TEST_OIDC_CLIENT, testOidcIssuer, testOidcPort } from "./lib/test/oidc-fixture";

const port = Number(process.env.E2E_PORT ?? 3100);
// A real OpenID provider on loopback (lib/test/oidc-provider.ts) for e2e/sso.spec.ts: E2E_OIDC_PORT,
// else port + 15 (the app itself also takes port + 1, for the decision point).
const oidcIssuer = testOidcIssuer(process.env);
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// scripts/test.ts builds the app and chooses the database (a fresh one per run) before this runs.
export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1440, height: 900 },
        launchOptions: {
          executablePath: chromiumPath,
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        },
      },
    },
  ],
  webServer: [
    {
      command: "npx tsx scripts/start.ts --no-build",
      url: `http://localhost:${port}/api/v1/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        PORT: String(port),
        NEXT_TELEMETRY_DISABLED: "1",
        API_CHECK_RESPONSES: "1",
        REGISTER_TEST_CLOCK: "1",
        AUTH_OIDC_ISSUER: oidcIssuer,
        AUTH_OIDC_CLIENT_ID: TEST_OIDC_CLIENT.id,
        AUTH_OIDC_CLIENT_SECRET: TEST_OIDC_CLIENT.secret,
        AUTH_OIDC_NAME: TEST_OIDC_CLIENT.name,
      },
    },
    {
      command: "npx tsx scripts/test-oidc-provider.ts",
      url: `${oidcIssuer}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: { E2E_PORT: String(port), E2E_OIDC_PORT: String(testOidcPort(process.env)) },
    },
  ],
});
