// The request boundary every API route shares (lib/api/execute.ts, run by app-route.ts and
// node-route.ts; read-json.ts, error-body.ts): strange input is a 4xx naming the field and writes
// nothing; an unreachable database is a 503 with Retry-After. Each case was a 500 (or a silent success) before.
import { beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { GET as getAudit } from "@/app/api/v1/audit/route";
import { POST as postGrant } from "@/app/api/v1/grants/route";
import { GET as getHealth } from "@/app/api/v1/health/route";
import { POST as postIncident } from "@/app/api/v1/incidents/route";
import { GET as getIncident, PATCH as patchIncident } from "@/app/api/v1/incidents/[key]/route";
import { POST as postTeam, GET as getTeams } from "@/app/api/v1/teams/route";
import { GET as getTool } from "@/app/api/v1/tools/[slug]/route";
import { POST as postToken } from "@/app/api/v1/users/[id]/tokens/route";
import { POST as postDecision } from "@/app/api/v1/grants/[id]/decisions/route";
import changesRoute from "@/pages/api/v1/changes";
import { createPrismaClient, prisma } from "@/lib/db/client";
import { MAX_BODY_BYTES } from "@/lib/api/read-json";
import type { ErrorBody } from "@/lib/test/api";
import { callRoute } from "@/lib/test/route-client";
import { tokensFor } from "@/lib/test/seeded-database";
import type { PrismaClient } from "@/lib/generated/prisma/client";

let admin: string;
let lead: string;
let incidents: string;
let adminId: string;

beforeAll(async () => {
  ({ admin, lead, incidents } = await tokensFor(prisma(), ["admin", "lead", "incidents"]));
  adminId = (await prisma().user.findUniqueOrThrow({ where: { email: "admin@example.com" } })).id;
});

const auditCount = () => prisma().auditEvent.count();

function request(path: string, init: { method?: string; token?: string; body?: BodyInit; contentType?: string | null; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.contentType !== null && init.body !== undefined) headers["content-type"] = init.contentType ?? "application/json";
  return new NextRequest(new URL(path, "http://localhost"), { method: init.method ?? "GET", headers, body: init.body, duplex: "half" } as ConstructorParameters<typeof NextRequest>[1]);
}

const ctx = <P extends Record<string, string>>(params: P) => ({ params: Promise.resolve(params) });

async function expectRefused(response: Response, status: number, field?: string): Promise<ErrorBody> {
  expect(response.status).toBe(status);
  const body = (await response.json()) as ErrorBody;
  if (field !== undefined) expect(body.error.details?.map((d) => d.field)).toContain(field);
  return body;
}

const incident = {
  key: "INC-9001",
  title: "Boundary test incident",
  severity: "SEV3",
  startedAt: "2026-01-10T09:00:00Z",
  detectedAt: "2026-01-10T09:05:00Z",
  resolvedAt: null,
  genAiContributed: "NO",
  postmortemUrl: null,
};

describe("NUL bytes and lone surrogates", () => {
  it("refuses a NUL in a path segment, a query value and a body field with a 400 naming it, writing nothing", async () => {
    const before = await auditCount();
    await expectRefused(await getTool(request("/api/v1/tools/%00", { token: admin }), ctx({ slug: "\u0000" })), 400, "path");
    await expectRefused(await getAudit(request("/api/v1/audit?q=%00", { token: admin }), ctx({})), 400, "query");
    const body = await expectRefused(await postTeam(request("/api/v1/teams", { method: "POST", token: lead, body: JSON.stringify({ name: "abc\u0000def" }) }), ctx({})), 400, "name");
    expect(body.error.message).toMatch(/^name: contains a NUL/);
    expect(await auditCount()).toBe(before);
  });

  it("refuses a lone surrogate in names, token names, externalId and incident fields", async () => {
    const before = await auditCount();
    const surrogate = "\ud800x";
    await expectRefused(await postTeam(request("/api/v1/teams", { method: "POST", token: lead, body: JSON.stringify({ name: surrogate }) }), ctx({})), 400, "name");
    await expectRefused(
      await postToken(request(`/api/v1/users/${adminId}/tokens`, { method: "POST", token: admin, body: JSON.stringify({ name: surrogate }) }), ctx({ id: adminId })),
      400,
      "name",
    );
    await expectRefused(await postIncident(request("/api/v1/incidents", { method: "POST", token: incidents, body: JSON.stringify({ ...incident, title: surrogate }) }), ctx({})), 400, "title");
    const change = { externalId: surrogate, service: "svc", environment: "sandbox", changeType: "CODE", aiOrigin: "HUMAN", deployedAt: "2026-01-10T09:00:00Z" };
    const ingested = await callRoute(changesRoute, { method: "POST", path: "/api/v1/changes", token: admin, body: change });
    expect(ingested.status).toBe(400);
    expect(ingested.body.error.details.map((d: { field: string }) => d.field)).toEqual(["externalId"]);
    expect(await auditCount()).toBe(before);
  });

  it("refuses a NUL in the query of the Pages Router's change feed", async () => {
    const listed = await callRoute(changesRoute, { path: "/api/v1/changes?tool=%00", token: admin });
    expect(listed.status).toBe(400);
  });
});

describe("dates outside what the register stores", () => {
  const extremes = ["+275760-09-13T00:00:00Z", "0000-01-01T00:00:00Z", 8640000000000000, "20000-01-01"];

  it.each(extremes)("refuses %j as a grant's expiresAt, an incident's startedAt and a change's deployedAt", async (value) => {
    const before = await auditCount();
    const grant = { tool: "kiro-agent", environment: "sandbox", maxAutonomy: "SUGGEST", capabilities: [], justification: "Boundary test of dates", expiresAt: value };
    await expectRefused(await postGrant(request("/api/v1/grants", { method: "POST", token: lead, body: JSON.stringify(grant) }), ctx({})), 400, "expiresAt");
    await expectRefused(
      await postIncident(request("/api/v1/incidents", { method: "POST", token: incidents, body: JSON.stringify({ ...incident, key: "INC-9002", startedAt: value, detectedAt: null }) }), ctx({})),
      400,
      "startedAt",
    );
    const change = { externalId: `dates-${String(value)}`, service: "svc", environment: "sandbox", changeType: "CODE", aiOrigin: "HUMAN", deployedAt: value };
    const ingested = await callRoute(changesRoute, { method: "POST", path: "/api/v1/changes", token: admin, body: change });
    expect(ingested.status).toBe(400);
    expect(ingested.body.error.details.map((d: { field: string }) => d.field)).toEqual(["deployedAt"]);
    expect(await auditCount()).toBe(before);
  });
});

describe("one change with a wrong-typed field", () => {
  it.each([
    [{ rollbackPlan: 42 }, "rollbackPlan"],
    [{ changeType: "BAD" }, "changeType"],
  ])("names the field of %j", async (override, field) => {
    const change = { externalId: "typed-1", service: "svc", environment: "sandbox", changeType: "CODE", aiOrigin: "HUMAN", deployedAt: "2026-01-10T09:00:00Z", ...override };
    const ingested = await callRoute(changesRoute, { method: "POST", path: "/api/v1/changes", token: admin, body: change });
    expect(ingested.status).toBe(400);
    expect(ingested.body.error.details[0].field).toBe(field);
    expect(ingested.body.error.message).toMatch(new RegExp(`^${field}: `));
  });
});

describe("content types and body sizes", () => {
  it("refuses a JSON route's body sent as text/plain or a form (415), also with a bearer token", async () => {
    const before = await auditCount();
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded", null]) {
      const response = await postTeam(request("/api/v1/teams", { method: "POST", token: lead, body: JSON.stringify({ name: "Plain" }), contentType }), ctx({}));
      await expectRefused(response, 415, "content-type");
    }
    const ingested = await callRoute(changesRoute, { method: "POST", path: "/api/v1/changes", token: admin });
    expect(ingested.status).toBe(415);
    expect(await auditCount()).toBe(before);
  });

  it("refuses a body over the limit with 413, whether its length is declared or streamed", async () => {
    const huge = JSON.stringify({ name: "x".repeat(MAX_BODY_BYTES) });
    const declared = await postTeam(request("/api/v1/teams", { method: "POST", token: lead, body: huge, headers: { "content-length": String(huge.length) } }), ctx({}));
    await expectRefused(declared, 413);
    const chunk = new TextEncoder().encode("x".repeat(1024 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ > 12) controller.close();
        else controller.enqueue(chunk);
      },
    });
    await expectRefused(await postTeam(request("/api/v1/teams", { method: "POST", token: lead, body: stream }), ctx({})), 413);
    // The reader stopped at the limit rather than draining the whole stream.
    expect(sent).toBeLessThanOrEqual(12);
  });
});

describe("error messages and empty writes", () => {
  it("does not repeat the field in the message", async () => {
    const denied = await postDecision(request("/api/v1/grants/any/decisions", { method: "POST", token: admin, body: JSON.stringify({ decision: "DENY" }) }), ctx({ id: "any" }));
    const body = await expectRefused(denied, 400, "comment");
    expect(body.error.message).toBe("comment: say why the grant is denied");
  });

  it("refuses an empty incident patch instead of writing an empty audit event", async () => {
    const created = await postIncident(request("/api/v1/incidents", { method: "POST", token: incidents, body: JSON.stringify({ ...incident, key: "INC-9003" }) }), ctx({}));
    expect(created.status).toBe(201);
    const before = await auditCount();
    await expectRefused(await patchIncident(request("/api/v1/incidents/INC-9003", { method: "PATCH", token: incidents, body: "{}" }), ctx({ key: "INC-9003" })), 400);
    expect(await auditCount()).toBe(before);
  });
});

describe("incident keys", () => {
  it("addresses an incident by the key the client created it with, in any letter case", async () => {
    const created = await postIncident(request("/api/v1/incidents", { method: "POST", token: incidents, body: JSON.stringify({ ...incident, key: "INC-abc1" }) }), ctx({}));
    expect(created.status).toBe(201);
    expect(((await created.json()) as { key: string }).key).toBe("INC-ABC1");
    const read = await getIncident(request("/api/v1/incidents/INC-abc1", { token: incidents }), ctx({ key: "INC-abc1" }));
    expect(read.status).toBe(200);
    const patched = await patchIncident(request("/api/v1/incidents/inc-abc1", { method: "PATCH", token: incidents, body: JSON.stringify({ title: "Renamed by lower-case key" }) }), ctx({ key: "inc-abc1" }));
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as { title: string }).title).toBe("Renamed by lower-case key");
  });
});

describe("database outage", () => {
  const app = globalThis as { prisma?: PrismaClient };

  async function withUnreachableDatabase(run: () => Promise<void>): Promise<void> {
    const previous = app.prisma;
    // A port nothing listens on: every query fails to connect, as during a restart of the server.
    app.prisma = createPrismaClient("postgresql://postgres@127.0.0.1:9/unreachable");
    try {
      await run();
    } finally {
      await app.prisma.$disconnect();
      app.prisma = previous;
    }
  }

  it("answers 503 with Retry-After, not 500, on both routers", async () => {
    await withUnreachableDatabase(async () => {
      const listed = await getTeams(request("/api/v1/teams", { token: admin }), ctx({}));
      const body = await expectRefused(listed, 503);
      expect(body.error.code).toBe("DATABASE_UNAVAILABLE");
      expect(Number(listed.headers.get("retry-after"))).toBeGreaterThan(0);
      const ingested = await callRoute(changesRoute, { path: "/api/v1/changes", token: admin });
      expect(ingested.status).toBe(503);
      expect(Number(ingested.headers.get("retry-after"))).toBeGreaterThan(0);
    });
  });

  it("health says the database is unreachable without its host, port or the driver's message", async () => {
    await withUnreachableDatabase(async () => {
      const health = await getHealth(request("/api/v1/health"), ctx({}));
      expect(health.status).toBe(503);
      expect(health.headers.get("retry-after")).toBeTruthy();
      const text = await health.text();
      expect(JSON.parse(text)).toEqual({ status: "error", database: "unreachable" });
      expect(text).not.toMatch(/127\.0\.0\.1|:9\b|Can't reach|ECONN/);
    });
  });
});
