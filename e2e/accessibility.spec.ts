import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn, USERS } from "./helpers";
import { crawl, openPage } from "./site-pages";

// WCAG 2.1 A and AA, as axe checks them; label-content-name-mismatch (an accessible name that does
// not contain the visible text, which breaks voice control) is marked experimental in axe, so it is
// switched on by name.
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const FAILING_IMPACTS = new Set(["serious", "critical"]);

const VIEWPORTS = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;

interface Violation {
  page: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

async function check(page: Page, where: string, violations: Violation[]): Promise<void> {
  // Folded forms (details) count too: open them all so that their content is checked.
  await page.locator("main details:not([open])").evaluateAll((folds) => folds.forEach((fold) => fold.setAttribute("open", "")));
  const results = await new AxeBuilder({ page }).options({ rules: { "label-content-name-mismatch": { enabled: true } } }).withTags(TAGS).analyze();
  for (const v of results.violations) {
    if (!v.impact || !FAILING_IMPACTS.has(v.impact)) continue;
    violations.push({ page: where, rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((node) => node.target.join(" ")) });
  }
}

function report(violations: Violation[]): string {
  return violations.map((v) => `${v.page}: ${v.rule} (${v.impact}) ${v.help}\n${v.targets.map((t) => `    ${t}`).join("\n")}`).join("\n");
}

// What runs, to keep the spec within a few minutes on a small machine: every role's navigation at
// 1440 px (what each role sees on a page differs: forms, actions, refusals); the admin, who reaches
// every page, also on the first page of every other route the pages link to (a tool, a grant, an
// incident, a form…); at 390 px the same for the viewer and the admin.
const RUNS: { role: keyof typeof USERS; viewport: keyof typeof VIEWPORTS; details: boolean }[] = [
  { role: "viewer", viewport: "desktop", details: false },
  { role: "lead", viewport: "desktop", details: false },
  { role: "reviewer", viewport: "desktop", details: false },
  { role: "incidents", viewport: "desktop", details: false },
  { role: "admin", viewport: "desktop", details: true },
  { role: "viewer", viewport: "phone", details: false },
  { role: "admin", viewport: "phone", details: true },
];

test.describe("no serious or critical accessibility violation", () => {
  for (const viewport of Object.keys(VIEWPORTS) as (keyof typeof VIEWPORTS)[]) {
    test(`on the sign-in page at ${VIEWPORTS[viewport].width} px`, async ({ page }) => {
      await page.setViewportSize(VIEWPORTS[viewport]);
      await openPage(page, "/login");
      const violations: Violation[] = [];
      await check(page, "/login", violations);
      expect(violations, report(violations)).toEqual([]);
    });
  }

  for (const { role, viewport, details } of RUNS) {
    const width = VIEWPORTS[viewport].width;
    test(`for the ${role} at ${width} px on ${details ? "every page" : "the navigation's pages"}`, async ({ page }) => {
      test.setTimeout(180_000);
      // Signed in at the default width, where the signed-in user shows without opening the menu.
      await signIn(page, USERS[role]);
      await page.setViewportSize(VIEWPORTS[viewport]);
      const violations: Violation[] = [];
      const visited = await crawl(page, { details }, (pathname) => check(page, `${pathname} (${role}, ${width} px)`, violations));
      // The navigation was found and followed: a broken crawl must not pass as "no violations".
      expect(visited.length).toBeGreaterThan(5);
      expect(violations, report(violations)).toEqual([]);
    });
  }
});
