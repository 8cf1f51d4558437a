import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";
import { assertSafeUrl, assertSameOrigin } from "./request-guard";

const headers = (values: Record<string, string>) => (name: string) => values[name];
const refusal = (run: () => void) => {
  try {
    run();
    return null;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe("assertSameOrigin (writes with the browser session)", () => {
  it("lets reads through whatever their origin", () => {
    expect(refusal(() => assertSameOrigin("GET", headers({ "sec-fetch-site": "cross-site", origin: "http://evil.example" })))).toBeNull();
  });

  it("accepts a write the browser marks same-origin, or whose Origin names this host", () => {
    expect(refusal(() => assertSameOrigin("POST", headers({ "sec-fetch-site": "same-origin", host: "localhost:3000" })))).toBeNull();
    expect(refusal(() => assertSameOrigin("PATCH", headers({ origin: "http://localhost:3000", host: "localhost:3000" })))).toBeNull();
    expect(refusal(() => assertSameOrigin("DELETE", headers({ origin: "https://register.example", host: "10.0.0.5:3000", "x-forwarded-host": "register.example" })))).toBeNull();
  });

  it.each([
    ["another port of the same host (same-site)", { "sec-fetch-site": "same-site", origin: "http://localhost:4000", host: "localhost:3000" }],
    ["another site", { "sec-fetch-site": "cross-site", origin: "http://evil.example", host: "localhost:3000" }],
    ["an Origin naming another port, from a browser without Sec-Fetch-Site", { origin: "http://localhost:4000", host: "localhost:3000" }],
    ["an opaque origin (sandboxed frame, data: URL)", { origin: "null", host: "localhost:3000" }],
    ["no proof at all", { host: "localhost:3000" }],
  ])("refuses %s", (_case, values) => {
    expect(refusal(() => assertSameOrigin("POST", headers(values)))).toBe("CROSS_ORIGIN");
  });
});

describe("proxy (before every page and App Router route)", () => {
  it("answers an unsupported method with a 405 JSON error and the methods it supports", async () => {
    const response = proxy(new NextRequest("http://localhost/api/v1/teams", { method: "PROPFIND" }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toContain("GET");
    expect(await response.json()).toMatchObject({ error: { code: "METHOD_NOT_ALLOWED" } });
  });

  it("answers a NUL byte in the path or query of a page or route with a 400", async () => {
    expect(proxy(new NextRequest("http://localhost/tools/%00")).status).toBe(400);
    const response = proxy(new NextRequest("http://localhost/api/v1/audit?q=a%00b"));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "VALIDATION", details: [{ field: "query" }] } });
  });

  it("refuses a declared body over the limit before the route reads it", () => {
    const response = proxy(new NextRequest("http://localhost/api/v1/teams", { method: "POST", headers: { "content-length": String(300 * 1024 * 1024) } }));
    expect(response.status).toBe(413);
  });

  it("gives a page a nonce-based CSP without unsafe-eval, and HSTS only over HTTPS", () => {
    const page = proxy(new NextRequest("http://localhost/tools"));
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(page.headers.get("strict-transport-security")).toBeNull();
    const nonces = new Set([page, proxy(new NextRequest("http://localhost/tools"))].map((r) => r.headers.get("content-security-policy")?.match(/nonce-([^']+)/)?.[1]));
    expect(nonces.size).toBe(2);
    const secure = proxy(new NextRequest("http://localhost/tools", { headers: { "x-forwarded-proto": "https" } }));
    expect(secure.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    expect(secure.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });
});

describe("assertSafeUrl", () => {
  it("refuses a path that is not percent-encoded UTF-8, naming the path", () => {
    for (const url of ["http://localhost/api/v1/grants/%zz", "/api/v1/tools/%ED%A0%80", "/api/v1/incidents/%E2%82"]) {
      expect(refusal(() => assertSafeUrl(url)), url).toBe("VALIDATION");
    }
  });

  it("lets well-formed paths through, and leaves the query to the query's schema", () => {
    for (const url of ["http://localhost/api/v1/tools/kiro-agent", "/api/v1/teams/Platform%20Engineering", "/api/v1/tools/caf%C3%A9", "/api/v1/tools?q=%zz"]) {
      expect(refusal(() => assertSafeUrl(url)), url).toBeNull();
    }
  });
});
