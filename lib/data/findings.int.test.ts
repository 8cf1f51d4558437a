// Findings and observations through the API, against the seeded demo register in a real database.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getFindings } from "@/app/api/v1/findings/route";
import { GET as getFinding } from "@/app/api/v1/findings/[id]/route";
import { GET as getFindingStats } from "@/app/api/v1/findings/stats/route";
import { PUT as putObservations } from "@/app/api/v1/tools/[slug]/observations/route";
import { GET as getTools } from "@/app/api/v1/tools/route";
import { GET as getTool } from "@/app/api/v1/tools/[slug]/route";
import { prisma } from "@/lib/db/client";
import { apiRequest, params, tokenFor, tokenForRole } from "@/lib/test/api";
import type { FindingDto } from "@/lib/dto/findings";

let viewer: string;
let lead: string;

beforeAll(async () => {
  viewer = await tokenForRole("VIEWER");
  lead = await tokenFor("lead@example.com");
});

async function findings(query = "", token = viewer): Promise<FindingDto[]> {
  const response = await getFindings(apiRequest(`/api/v1/findings${query}`, { token }), params({}));
  expect(response.status).toBe(200);
  return ((await response.json()) as { rows: FindingDto[] }).rows;
}

describe("GET /api/v1/tools", () => {
  it("answers a valid bearer token and refuses a missing or unknown one", async () => {
    const ok = await getTools(apiRequest("/api/v1/tools?kind=AGENT&sort=name&dir=desc", { token: viewer }), params({}));
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { rows: { slug: string; kind: string }[]; total: number };
    expect(body.total).toBeGreaterThan(1);
    expect(body.rows.every((row) => row.kind === "AGENT")).toBe(true);
    const slugs = body.rows.map((row) => row.slug);
    expect(slugs).toContain("kiro-agent");

    const unknown = await getTools(apiRequest("/api/v1/tools", { token: "grr_not-a-token" }), params({}));
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");
  });

  it("answers one tool by slug and 404 for an unknown slug", async () => {
    const ok = await getTool(apiRequest("/api/v1/tools/kiro-agent", { token: viewer }), params({ slug: "kiro-agent" }));
    expect(ok.status).toBe(200);
    const tool = (await ok.json()) as { slug: string; observations: { environment: string; autonomy: string }[]; incidents: { key: string; role: string }[] };
    expect(tool.slug).toBe("kiro-agent");
    expect(tool.observations).toContainEqual(expect.objectContaining({ environment: "prod-us-east", autonomy: "AUTONOMOUS" }));
    expect(tool.incidents).toContainEqual(expect.objectContaining({ key: "INC-2041", role: "TRIGGERED" }));

    const missing = await getTool(apiRequest("/api/v1/tools/nope", { token: viewer }), params({ slug: "nope" }));
    expect(missing.status).toBe(404);
  });
});

describe("GET /api/v1/findings", () => {
  it("lists open findings worst first, with the documented shape", async () => {
    const all = await findings();
    expect(all.length).toBeGreaterThan(5);
    const order = ["CRITICAL", "HIGH", "MEDIUM", "LOW"];
    const ranks = all.map((f) => order.indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(Object.keys(all[0]).sort()).toEqual(["acceptance", "environment", "explanation", "firstSeenAt", "id", "lastSeenAt", "resolvedAt", "rule", "severity", "state", "tool"]);
    expect(all.every((f) => f.state === "OPEN" && f.resolvedAt === null)).toBe(true);
    expect(all).toContainEqual(expect.objectContaining({ tool: "kiro-agent", environment: "prod-us-east", rule: "AUTONOMY_EXCEEDS_GRANT" }));
  });

  it("filters by tool, environment, severity and rule", async () => {
    const critical = await findings("?severity=CRITICAL");
    expect(critical.length).toBeGreaterThan(0);
    expect(critical.every((f) => f.severity === "CRITICAL")).toBe(true);
    const kiro = await findings("?tool=kiro-agent&environment=prod-us-east&rule=CAPABILITY_EXCEEDS_GRANT");
    expect(kiro).toHaveLength(1);
    expect(kiro[0].explanation).toContain("env:delete");
  });

  it("refuses an unknown severity with a 400 naming the field", async () => {
    const response = await getFindings(apiRequest("/api/v1/findings?severity=HUGE", { token: viewer }), params({}));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("VALIDATION");
    expect(body.error.message).toContain("severity");
  });
});

const put = (slug: string, body: unknown, token = lead) =>
  putObservations(apiRequest(`/api/v1/tools/${slug}/observations`, { method: "PUT", token, body }), params({ slug }));

describe("PUT /api/v1/tools/{slug}/observations", () => {
  it("refuses an unknown environment or capability with 422 naming it, writing nothing", async () => {
    const before = await prisma().observation.findMany({ where: { tool: { slug: "tabline" } }, orderBy: { id: "asc" } });
    const auditBefore = await prisma().auditEvent.count();
    const response = await put("tabline", [
      { environment: "staging", autonomy: "SUGGEST", capabilities: ["repo:read"] },
      { environment: "prod-moon", autonomy: "AGENT", capabilities: ["repo:read", "warp:drive"] },
    ]);
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { code: string; message: string; details: { field: string }[] } };
    expect(body.error.code).toBe("UNPROCESSABLE");
    expect(body.error.message).toContain('unknown environment "prod-moon"');
    expect(body.error.message).toContain('unknown capability "warp:drive"');
    expect(body.error.details.map((d) => d.field)).toEqual(["1.environment", "1.capabilities.1"]);
    expect(await prisma().observation.findMany({ where: { tool: { slug: "tabline" } }, orderBy: { id: "asc" } })).toEqual(before);
    expect(await prisma().auditEvent.count()).toBe(auditBefore);
  });

  it("refuses a malformed body with 400 naming the field", async () => {
    const response = await put("tabline", [{ environment: "staging", autonomy: "TURBO" }]);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/^0\.autonomy/);
  });

  it("is closed to roles without observation:write", async () => {
    expect((await put("tabline", [], viewer)).status).toBe(403);
  });

  it("replaces the tool's observations and the findings change at once, audited", async () => {
    const auditBefore = await prisma().auditEvent.count();
    expect(await findings("?tool=query-pilot&rule=UNGRANTED_REACH")).toHaveLength(1);
    const response = await put("query-pilot", [{ environment: "staging", autonomy: "SUGGEST", capabilities: ["repo:read"], source: "SYNC" }]);
    expect(response.status).toBe(200);
    expect(await findings("?tool=query-pilot&rule=UNGRANTED_REACH")).toHaveLength(0);
    const stored = await prisma().observation.findMany({ where: { tool: { slug: "query-pilot" } }, include: { environment: true } });
    expect(stored.map((o) => [o.environment.name, o.autonomy, o.capabilities])).toEqual([["staging", "SUGGEST", ["repo:read"]]]);
    const event = await prisma().auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(await prisma().auditEvent.count()).toBe(auditBefore + 1);
    expect(event).toMatchObject({ action: "observations.replaced", entity: "AiTool", entityId: "query-pilot", actorEmail: "lead@example.com" });
  });

  it("answers 404 for an unknown tool", async () => {
    expect((await put("no-such-tool", [])).status).toBe(404);
  });
});

describe("finding records through the API", () => {
  async function page(query: string) {
    const response = await getFindings(apiRequest(`/api/v1/findings${query}`, { token: viewer }), params({}));
    expect(response.status).toBe(200);
    return (await response.json()) as { rows: FindingDto[]; total: number; page: number; pageSize: number; pageCount: number };
  }

  it("pages the open findings worst first, without overlap, with the total of the whole filtered list", async () => {
    const all = await page("?pageSize=200");
    const first = await page("?pageSize=3&page=1");
    const second = await page("?pageSize=3&page=2");
    expect(first).toMatchObject({ total: all.total, page: 1, pageSize: 3, pageCount: Math.ceil(all.total / 3) });
    expect([...first.rows, ...second.rows].map((f) => f.id)).toEqual(all.rows.slice(0, 6).map((f) => f.id));
    const bad = await getFindings(apiRequest("/api/v1/findings?pageSize=201", { token: viewer }), params({}));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain("pageSize");
  });

  it("keeps a resolved finding with its timeline, finds it by state and by since, and reopens it when the breach returns", async () => {
    const before = new Date().toISOString();
    const [open] = (await page("?tool=tabline&environment=staging&state=open")).rows.filter((f) => f.rule === "CAPABILITY_EXCEEDS_GRANT");
    expect(open).toBeDefined();
    // Within its grant again: the finding resolves.
    expect((await put("tabline", [{ environment: "staging", autonomy: "SUGGEST", capabilities: ["repo:read"], source: "SYNC" }])).status).toBe(200);
    const resolved = await page(`?tool=tabline&state=resolved&since=${before}`);
    expect(resolved.rows).toContainEqual(expect.objectContaining({ id: open.id, state: "RESOLVED", resolvedAt: expect.any(String) }));
    expect((await page("?tool=tabline&environment=staging&state=open")).rows.map((f) => f.id)).not.toContain(open.id);
    // The same breach again: the same record, reopened.
    expect((await put("tabline", [{ environment: "staging", autonomy: "SUGGEST", capabilities: ["repo:read", "deploy:run"], source: "SYNC" }])).status).toBe(200);
    const detail = await getFinding(apiRequest(`/api/v1/findings/${open.id}`, { token: viewer }), params({ id: open.id }));
    expect(detail.status).toBe(200);
    const body = (await detail.json()) as FindingDto & { transitions: { kind: string; at: string }[] };
    expect(body).toMatchObject({ id: open.id, state: "OPEN", resolvedAt: null, firstSeenAt: open.firstSeenAt });
    expect(body.transitions.map((t) => t.kind)).toEqual(["OPENED", "RESOLVED", "REOPENED"]);
    expect((await page(`?since=${new Date(Date.now() + 60_000).toISOString()}&state=all`)).total).toBe(0);
  });

  it("answers 404 for an unknown finding id and 400 naming since for a bad date", async () => {
    for (const id of ["not-a-uuid", "5b0e7a4e-3f0c-4c8e-9a51-000000000000"]) {
      const response = await getFinding(apiRequest(`/api/v1/findings/${id}`, { token: viewer }), params({ id }));
      expect(response.status).toBe(404);
    }
    const bad = await getFindings(apiRequest("/api/v1/findings?since=2026-02-30T00:00:00Z", { token: viewer }), params({}));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain("since");
  });

  it("answers the 90-day trend and the mean time to resolve, today's counts equal to the open findings", async () => {
    const response = await getFindingStats(apiRequest("/api/v1/findings/stats", { token: viewer }), params({}));
    expect(response.status).toBe(200);
    const stats = (await response.json()) as {
      open: Record<string, number>;
      openPerDay: ({ day: string } & Record<string, number>)[];
      meanTimeToResolve: { severity: string; resolved: number; meanHours: number | null }[];
    };
    expect(stats.openPerDay).toHaveLength(90);
    expect(stats.openPerDay.at(-1)).toMatchObject({ day: new Date().toISOString().slice(0, 10), ...stats.open });
    const total = await page("?pageSize=1");
    expect(Object.values(stats.open).reduce((a, b) => a + b, 0)).toBe(total.total);
    expect(stats.openPerDay.every((day) => ["LOW", "MEDIUM", "HIGH", "CRITICAL"].every((s) => day[s] >= 0))).toBe(true);
    expect(stats.meanTimeToResolve.map((m) => m.severity)).toEqual(["LOW", "MEDIUM", "HIGH", "CRITICAL"]);
    expect(stats.meanTimeToResolve.some((m) => m.resolved > 0 && m.meanHours !== null && m.meanHours >= 0)).toBe(true);
  });
});
