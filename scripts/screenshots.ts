// `npm run screenshots`: signs in to a running register as the demo admin and saves a full-page PNG of
// every page of the navigation and of the first page of each other route they link to (a tool, a grant,
// an incident, a form…), at 1440 and at 390 px wide, as SCREENSHOTS_DIR/<width>-<page>.png.
// SCREENSHOTS_URL is the register (default http://localhost:3000), SCREENSHOTS_DIR the folder
// (default ./screenshots, git-ignored), SCREENSHOTS_EMAIL and SCREENSHOTS_PASSWORD who signs in
// (default the demo admin), CHROMIUM_PATH the browser (default /usr/bin/chromium).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { crawl } from "../e2e/site-pages";
import { DEMO_PASSWORD } from "../prisma/seed-data";

const baseURL = process.env.SCREENSHOTS_URL ?? "http://localhost:3000";
const dir = path.resolve(process.env.SCREENSHOTS_DIR ?? "screenshots");
const email = process.env.SCREENSHOTS_EMAIL ?? "admin@example.com";
const password = process.env.SCREENSHOTS_PASSWORD ?? DEMO_PASSWORD;
const WIDTHS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
];

const fileName = (width: number, pathname: string) => `${width}-${pathname === "/" ? "overview" : pathname.slice(1).replaceAll("/", "-")}.png`;

mkdirSync(dir, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
try {
  for (const viewport of WIDTHS) {
    const context = await browser.newContext({ baseURL, viewport });
    const page = await context.newPage();
    await page.goto("/login");
    await page.screenshot({ path: path.join(dir, fileName(viewport.width, "/login")), fullPage: true });
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("current-user").first().waitFor({ state: "attached" });
    const saved = await crawl(page, { details: true }, async (pathname) => {
      await page.screenshot({ path: path.join(dir, fileName(viewport.width, pathname)), fullPage: true });
    });
    console.log(`${viewport.width} px: ${saved.length + 1} pages`);
    await context.close();
  }
  console.log(`Screenshots in ${dir}`);
} finally {
  await browser.close();
}
