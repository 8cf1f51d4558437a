import { readdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";

// The pages of the app as Next.js routes them, read from app/: a page added later is crawled
// without anyone listing it here.
export interface AppRoute {
  /** The route as its folders spell it, e.g. /tools/[slug]. */
  pattern: string;
  regex: RegExp;
  /** Its dynamic segments: Next.js prefers the route with fewer. */
  dynamic: number;
}

function segmentPattern(segment: string): { source: string; dynamic: boolean } {
  if (/^\[\[?\.\.\..+\]\]?$/.test(segment)) return { source: ".+", dynamic: true };
  if (/^\[.+\]$/.test(segment)) return { source: "[^/]+", dynamic: true };
  return { source: segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), dynamic: false };
}

export function appRoutes(root = path.join(process.cwd(), "app")): AppRoute[] {
  const routes: AppRoute[] = [];
  const visit = (dir: string, segments: string[]) => {
    const entries = readdirSync(dir, { withFileTypes: true });
    if (entries.some((entry) => entry.isFile() && /^page\.(tsx|ts|jsx|js)$/.test(entry.name))) {
      const parts = segments.map(segmentPattern);
      const pattern = `/${segments.join("/")}`;
      routes.push({ pattern, regex: new RegExp(`^/${parts.map((p) => p.source).join("/")}$`), dynamic: parts.filter((p) => p.dynamic).length });
    }
    for (const entry of entries) {
      // Private folders (_x) and parallel-route slots (@x) add no URL of their own.
      if (!entry.isDirectory() || entry.name.startsWith("_") || entry.name.startsWith("@")) continue;
      // Route groups, (x), leave no segment in the URL.
      const grouped = /^\(.+\)$/.test(entry.name);
      visit(path.join(dir, entry.name), grouped ? segments : [...segments, entry.name]);
    }
  };
  visit(root, []);
  return routes;
}

export function routeOf(routes: readonly AppRoute[], pathname: string): AppRoute | undefined {
  return routes.filter((route) => route.regex.test(pathname)).sort((a, b) => a.dynamic - b.dynamic)[0];
}

const pathnames = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((links) =>
    links
      .filter((link) => !link.hasAttribute("download"))
      .map((link) => new URL((link as HTMLAnchorElement).href))
      .filter((url) => url.origin === window.location.origin)
      .map((url) => url.pathname),
  );

/** The main navigation's pages, in its order; below the md breakpoint it sits behind the Menu button. */
export async function navPages(page: Page): Promise<string[]> {
  const menu = page.getByRole("button", { name: "Menu", exact: true });
  const folded = await menu.isVisible();
  if (folded) await menu.click();
  await page.getByRole("navigation", { name: "Main" }).waitFor();
  const hrefs = await pathnames(page, 'nav[aria-label="Main"] a[href]');
  if (folded) await page.keyboard.press("Escape");
  return [...new Set(hrefs)];
}

/** Opens a page and waits until its content is there. */
export async function openPage(page: Page, pathname: string): Promise<void> {
  const response = await page.goto(pathname);
  if (!response?.ok()) throw new Error(`${pathname} answered ${response?.status()}`);
  await page.locator("main h1").first().waitFor();
}

/**
 * Every page of the navigation, then (with `details`) the first page the crawl finds a link to of
 * each route not yet seen, found in the pages' main content: a tool, a grant, an incident, a new
 * incident's form… `visit` is called on each page once it is open.
 */
export async function crawl(page: Page, { details }: { details: boolean }, visit: (pathname: string) => Promise<void>): Promise<string[]> {
  const routes = appRoutes();
  await openPage(page, "/");
  const queue = await navPages(page);
  const seen = new Set(queue.map((pathname) => routeOf(routes, pathname)?.pattern ?? pathname));
  const visited: string[] = [];
  for (let i = 0; i < queue.length; i++) {
    const pathname = queue[i];
    await openPage(page, pathname);
    await visit(pathname);
    visited.push(pathname);
    if (!details) continue;
    for (const href of await pathnames(page, "main a[href]")) {
      const route = routeOf(routes, href);
      if (!route || seen.has(route.pattern)) continue;
      seen.add(route.pattern);
      queue.push(href);
    }
  }
  return visited;
}
