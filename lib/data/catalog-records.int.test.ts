// One catalog record at a time through GET|PATCH /api/v1/{environments,capabilities,teams}/{address},
// on a database of its own: each answers 404 for what does not exist, refuses bad input naming the
// field (the address itself among them: it never changes), is closed to roles without catalog:write,
// audits what it changed and nothing when nothing changed; an environment's tier and a capability's
// class are judged again in the findings before the write answers, without rebuilding the register.
import { describe, expect, it, vi } from "vitest";
import * as capabilityRoute from "@/app/api/v1/capabilities/[key]/route";
import * as environmentRoute from "@/app/api/v1/environments/[name]/route";
import * as environmentsRoute from "@/app/api/v1/environments/route";
import * as capabilitiesRoute from "@/app/api/v1/capabilities/route";
import * as teamRoute from "@/app/api/v1/teams/[name]/route";
import * as observationsRoute from "@/app/api/v1/tools/[slug]/observations/route";
import * as toolsRoute from "@/app/api/v1/tools/route";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { severityRank, type Severity } from "@/lib/policy/types";
import { callRoute } from "@/lib/test/route-client";
import { tokensFor, withSeededDatabase } from "@/lib/test/seeded-database";
import { evaluatorStatus, settleFindings } from "./finding-evaluator";

vi.mock("@/lib/auth/session", () => ({ currentUser: async () => null }));

let db: PrismaClient;
const token: Record<string, string> = {};

withSeededDatabase("catalog_records", async (seeded) => {
  db = seeded.db;
  Object.assign(token, await tokensFor(db, ["lead", "admin", "viewer", "reviewer", "incidents"]));
});

type Route = typeof environmentRoute;
const get = (route: Route, path: string, params: Record<string, string>, who = "viewer") => callRoute(route.GET, { path, token: token[who], params });
const patch = (route: Route, path: string, params: Record<string, string>, body: unknown, who = "lead") =>
  callRoute(route.PATCH, { method: "PATCH", path, token: token[who], params, body });
const newestAudit = () => db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });

describe("GET one", () => {
  it("answers each kind by its address, as the lists show it, to every role", async () => {
    const environment = await get(environmentRoute, "/api/v1/environments/staging", { name: "staging" });
    expect(environment).toMatchObject({ status: 200, body: { name: "staging", tier: "PRE_PRODUCTION", dataSensitivity: "INTERNAL", criticalPath: false } });
    const capability = await get(capabilityRoute as unknown as Route, "/api/v1/capabilities/env%3Adelete", { key: "env:delete" });
    expect(capability).toMatchObject({ status: 200, body: { key: "env:delete", class: "DESTRUCTIVE" } });
    const team = await get(teamRoute, "/api/v1/teams/Developer%20Experience", { name: "Developer Experience" }, "incidents");
    expect(team.status).toBe(200);
    expect(team.body).toEqual({ name: "Developer Experience", description: expect.any(String), toolCount: await db.aiTool.count({ where: { ownerTeam: { name: "Developer Experience" } } }) });
  });

  it("answers 404 for an address that names nothing (the letter case counts), 401 without a token", async () => {
    for (const [route, path, params] of [
      [environmentRoute, "/api/v1/environments/Staging", { name: "Staging" }],
      [capabilityRoute, "/api/v1/capabilities/env%3Aerase", { key: "env:erase" }],
      [teamRoute, "/api/v1/teams/Nobody", { name: "Nobody" }],
    ] as [Route, string, Record<string, string>][]) {
      const response = await get(route, path, params);
      expect([response.status, response.body.error.code], path).toEqual([404, "NOT_FOUND"]);
      expect((await callRoute(route.GET, { path, params })).status).toBe(401);
    }
  });
});

describe("PATCH /api/v1/environments/{name}", () => {
  const path = "/api/v1/environments/analytics";
  const params = { name: "analytics" };

  it("changes the fields sent, audits only those, and writes nothing when nothing changes", async () => {
    const response = await patch(environmentRoute, path, params, { criticalPath: true, dataSensitivity: "PII", description: "Warehouse; now on the pricing path." });
    expect(response).toMatchObject({ status: 200, body: { name: "analytics", tier: "PRODUCTION", dataSensitivity: "PII", criticalPath: true, description: "Warehouse; now on the pricing path." } });
    const event = await newestAudit();
    expect(event).toMatchObject({ action: "environment.updated", entity: "Environment", entityId: "analytics", actorEmail: "lead@example.com" });
    // The data sensitivity was PII already: an unchanged field stays out of the event.
    expect(event.before).toEqual({ criticalPath: false, description: expect.any(String) });
    expect(event.after).toEqual({ criticalPath: true, description: "Warehouse; now on the pricing path." });

    const audits = await db.auditEvent.count();
    expect((await patch(environmentRoute, path, params, { criticalPath: true })).status).toBe(200);
    expect(await db.auditEvent.count()).toBe(audits);
    expect((await get(environmentRoute, path, params)).body.criticalPath).toBe(true);
  });

  it("refuses the name, a bad value or an empty body with 400 naming the field, writing nothing", async () => {
    const audits = await db.auditEvent.count();
    const renamed = await patch(environmentRoute, path, params, { name: "warehouse" });
    expect(renamed.status).toBe(400);
    expect(renamed.body.error.details).toEqual([{ field: "name", message: expect.stringContaining("name cannot be changed") }]);
    const bad = await patch(environmentRoute, path, params, { tier: "MOON", criticalPath: "yes" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(["tier", "criticalPath"]);
    expect(bad.body.error.details[0].message).toContain("SANDBOX, PRE_PRODUCTION");
    const empty = await patch(environmentRoute, path, params, {});
    expect([empty.status, empty.body.error.details]).toEqual([400, [{ field: "", message: "Send at least one field to change." }]]);
    expect(await db.auditEvent.count()).toBe(audits);
    expect(await db.environment.count({ where: { name: "warehouse" } })).toBe(0);
  });

  it("answers 404 for an unknown environment and 403 to roles without catalog:write", async () => {
    expect((await patch(environmentRoute, "/api/v1/environments/moon", { name: "moon" }, { tier: "SANDBOX" })).status).toBe(404);
    for (const who of ["viewer", "reviewer", "incidents"]) {
      const refused = await patch(environmentRoute, path, params, { tier: "SANDBOX" }, who);
      expect([refused.status, refused.body.error.code], who).toEqual([403, "FORBIDDEN"]);
    }
    expect((await db.environment.findUniqueOrThrow({ where: { name: "analytics" } })).tier).toBe("PRODUCTION");
    expect((await patch(environmentRoute, path, params, { description: "Customer data warehouse." }, "admin")).status).toBe(200);
  });
});

describe("PATCH /api/v1/capabilities/{key} and /api/v1/teams/{name}", () => {
  it("changes a capability's class, audited; its key is refused, naming it", async () => {
    const params = { key: "repo:read" };
    const response = await patch(capabilityRoute as unknown as Route, "/api/v1/capabilities/repo%3Aread", params, { class: "SENSITIVE_DATA" }, "admin");
    expect(response).toMatchObject({ status: 200, body: { key: "repo:read", class: "SENSITIVE_DATA" } });
    expect(await newestAudit()).toMatchObject({ action: "capability.updated", entity: "Capability", entityId: "repo:read", before: { class: "READ" }, after: { class: "SENSITIVE_DATA" } });
    const rekeyed = await patch(capabilityRoute as unknown as Route, "/api/v1/capabilities/repo%3Aread", params, { key: "repo:view", class: "READ" });
    expect(rekeyed.status).toBe(400);
    expect(rekeyed.body.error.details).toEqual([{ field: "key", message: expect.stringContaining("key cannot be changed") }]);
    expect((await patch(capabilityRoute as unknown as Route, "/api/v1/capabilities/repo%3Aread", params, { class: "READ" }, "viewer")).status).toBe(403);
    expect((await patch(capabilityRoute as unknown as Route, "/api/v1/capabilities/repo%3Aview", { key: "repo:view" }, { class: "READ" })).status).toBe(404);
  });

  it("changes a team's description, audited; its name is refused, naming it", async () => {
    const params = { name: "SRE" };
    const response = await patch(teamRoute, "/api/v1/teams/SRE", params, { description: "Reliability and on-call." });
    expect(response).toMatchObject({ status: 200, body: { name: "SRE", description: "Reliability and on-call.", toolCount: expect.any(Number) } });
    expect(await newestAudit()).toMatchObject({ action: "team.updated", entity: "Team", entityId: "SRE", after: { description: "Reliability and on-call." } });
    const renamed = await patch(teamRoute, "/api/v1/teams/SRE", params, { name: "Site Reliability" });
    expect([renamed.status, renamed.body.error.details[0].field]).toEqual([400, "name"]);
    expect((await patch(teamRoute, "/api/v1/teams/SRE", params, { description: "x" }, "reviewer")).status).toBe(403);
    expect((await patch(teamRoute, "/api/v1/teams/sre", { name: "sre" }, { description: "x" })).status).toBe(404);
    expect((await db.team.findUniqueOrThrow({ where: { name: "SRE" } })).description).toBe("Reliability and on-call.");
  });
});

describe("findings follow the catalog", () => {
  const openFinding = async (tool: string, environment: string) =>
    db.findingRecord.findFirstOrThrow({ where: { toolSlug: tool, environmentName: environment, rule: "UNGRANTED_REACH", resolvedAt: null }, select: { severity: true } });

  it("an environment's new tier and a capability's new class are judged by the time the write answers, with no rebuild", async () => {
    const post = (route: { POST: Parameters<typeof callRoute>[0] }, path: string, body: unknown) => callRoute(route.POST, { method: "POST", path, token: token.lead, body });
    expect((await post(environmentsRoute, "/api/v1/environments", { name: "scratch", tier: "SANDBOX" })).status).toBe(201);
    expect((await post(capabilitiesRoute, "/api/v1/capabilities", { key: "cache:inspect", class: "READ" })).status).toBe(201);
    expect((await post(toolsRoute, "/api/v1/tools", { slug: "probe", name: "Probe", vendor: "Tests", kind: "AGENT", ownerTeam: "SRE", modes: ["SUGGEST"] })).status).toBe(201);
    const observed = await callRoute(observationsRoute.PUT, {
      method: "PUT",
      path: "/api/v1/tools/probe/observations",
      token: token.lead,
      params: { slug: "probe" },
      body: [{ environment: "scratch", autonomy: "SUGGEST", capabilities: ["cache:inspect"] }],
    });
    expect(observed.status).toBe(200);
    // Whatever the seed or another write left for the background, so that what follows is the writes' own.
    await settleFindings(db, { rebuild: true });
    const inSandbox = (await openFinding("probe", "scratch")).severity as Severity;

    const raised = await patch(environmentRoute, "/api/v1/environments/scratch", { name: "scratch" }, { tier: "CONTROL_PLANE" });
    expect(raised.status).toBe(200);
    const inControlPlane = (await openFinding("probe", "scratch")).severity as Severity;
    expect(severityRank(inControlPlane)).toBeGreaterThan(severityRank(inSandbox));

    const destructive = await patch(capabilityRoute as unknown as Route, "/api/v1/capabilities/cache%3Ainspect", { key: "cache:inspect" }, { class: "DESTRUCTIVE" });
    expect(destructive.status).toBe(200);
    expect(severityRank((await openFinding("probe", "scratch")).severity as Severity)).toBeGreaterThan(severityRank(inControlPlane));
    expect((await evaluatorStatus(db)).rebuild).toBeNull();
  });
});
