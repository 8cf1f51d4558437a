// Incidents through the API and the data functions, against the seeded demo register: validation,
// audit in the same transaction, and the autonomy ceiling that follows from a tool link.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as exportCsv } from "@/app/api/v1/export/incidents.csv/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/incidents/route";
import { GET as getRoute, PATCH as patchRoute } from "@/app/api/v1/incidents/[key]/route";
import { POST as linkRoute } from "@/app/api/v1/incidents/[key]/tools/route";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { apiRequest, type ErrorBody, exportedCsv, params } from "@/lib/test/api";
import { actorFor, tokensFor } from "@/lib/test/seeded-database";
import { settleFindings } from "./finding-evaluator";
import { listFindings, toolPolicyView } from "./findings";
import type { IncidentDto } from "@/lib/dto/incidents";
import { unlinkIncidentTool } from "./incidents";
import { weeklySevereIncidents } from "./metrics";
import { weekStart } from "@/lib/metrics/incidents";

let manager: string;
let viewer: string;
let lead: string;
let managerActor: Actor;

const HOUR = 3_600_000;
const hoursAgo = (h: number) => new Date(Date.now() - h * HOUR).toISOString();

beforeAll(async () => {
  ({ incidents: manager, viewer, lead } = await tokensFor(prisma(), ["incidents", "viewer", "lead"]));
  managerActor = await actorFor(prisma(), "incidents@example.com");
});

const create = (body: unknown, token = manager) => createRoute(apiRequest("/api/v1/incidents", { method: "POST", token, body }), params({}));
const link = (key: string, body: unknown, token = manager) =>
  linkRoute(apiRequest(`/api/v1/incidents/${key}/tools`, { method: "POST", token, body }), params({ key }));
const patch = (key: string, body: unknown, token = manager) => patchRoute(apiRequest(`/api/v1/incidents/${key}`, { method: "PATCH", token, body }), params({ key }));
const errorOf = async (response: Response) => ((await response.json()) as ErrorBody).error;

describe("POST /api/v1/incidents", () => {
  it("records an incident with the DESIGN body, audited in the same transaction", async () => {
    const auditBefore = await prisma().auditEvent.count();
    const response = await create({
      key: "INC-7001",
      title: "Checkout latency after an AI-assisted config change",
      severity: "SEV2",
      startedAt: hoursAgo(5),
      detectedAt: hoursAgo(4.5),
      resolvedAt: hoursAgo(3),
      genAiContributed: "NO",
      postmortemUrl: "https://wiki.example.com/postmortems/INC-7001",
      status: "RESOLVED",
      environments: ["prod-us-east"],
      services: "checkout, pricing",
      regions: ["us-east-1"],
      customerImpact: "Slow checkout for 90 minutes.",
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("location")).toBe("/api/v1/incidents/INC-7001");
    const incident = (await response.json()) as IncidentDto;
    expect(incident).toMatchObject({
      key: "INC-7001",
      severity: "SEV2",
      status: "RESOLVED",
      genAiContributed: "NO",
      aiLinked: false,
      environments: ["prod-us-east"],
      services: ["checkout", "pricing"],
      tools: [],
    });
    expect(await prisma().auditEvent.count()).toBe(auditBefore + 1);
    const event = await prisma().auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(event).toMatchObject({ action: "incident.created", entity: "Incident", entityId: "INC-7001", actorEmail: "incidents@example.com" });
  });

  it("refuses detection before the start with a 400 naming detectedAt, writing nothing", async () => {
    const auditBefore = await prisma().auditEvent.count();
    const response = await create({ key: "INC-7002", title: "Backwards", severity: "SEV1", startedAt: hoursAgo(1), detectedAt: hoursAgo(2) });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe("VALIDATION");
    expect(error.details).toEqual([{ field: "detectedAt", message: "Detected must be at or after the start." }]);
    expect(await prisma().incident.findUnique({ where: { key: "INC-7002" } })).toBeNull();
    expect(await prisma().auditEvent.count()).toBe(auditBefore);
  });

  it("refuses closing while the standing question is UNKNOWN", async () => {
    const response = await create({ key: "INC-7003", title: "Closed too early", severity: "SEV3", status: "CLOSED", startedAt: hoursAgo(3), resolvedAt: hoursAgo(1) });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).details?.map((d) => d.field)).toEqual(["status"]);
  });

  it("answers 409 for a key that exists and 422 for an unknown environment", async () => {
    const duplicate = await create({ key: "INC-2041", title: "Again", severity: "SEV4", startedAt: hoursAgo(1) });
    expect(duplicate.status).toBe(409);
    expect((await errorOf(duplicate)).details).toEqual([{ field: "key", message: "Incident INC-2041 already exists." }]);
    const unknown = await create({ key: "INC-7004", title: "Moon outage", severity: "SEV4", startedAt: hoursAgo(1), environments: ["prod-moon"] });
    expect(unknown.status).toBe(422);
    expect((await errorOf(unknown)).details?.[0].field).toBe("environments");
  });

  it("is closed to roles without incident:write", async () => {
    const body = { key: "INC-7005", title: "Not mine to record", severity: "SEV4", startedAt: hoursAgo(1) };
    expect((await create(body, viewer)).status).toBe(403);
    expect((await create(body, lead)).status).toBe(403);
    expect((await create(body, "grr_not-a-token")).status).toBe(401);
  });
});

describe("GET /api/v1/incidents", () => {
  it("filters like the list screen", async () => {
    const response = await listRoute(apiRequest("/api/v1/incidents?severity=SEV1&genAi=YES&tool=kiro-agent", { token: viewer }), params({}));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { rows: IncidentDto[]; total: number };
    expect(body.rows.map((r) => r.key)).toContain("INC-2041");
    expect(body.rows.every((r) => r.severity === "SEV1" && r.genAiContributed === "YES" && r.tools.some((t) => t.tool === "kiro-agent"))).toBe(true);
    expect(body.rows[0]).toMatchObject({ aiLinked: true, postmortemUrl: expect.stringContaining("INC-2041") });
  });

  it("holds its query to the page query's bounds: pageSize up to 200, an unknown value a 400 naming its field", async () => {
    const wide = await listRoute(apiRequest("/api/v1/incidents?pageSize=200", { token: viewer }), params({}));
    expect(wide.status).toBe(200);
    expect(((await wide.json()) as { pageSize: number }).pageSize).toBe(200);
    for (const [query, field] of [["pageSize=500", "pageSize"], ["severity=SEV1,SEV9", "severity.1"], ["genAi=MAYBE", "genAi"], ["sort=nope", "sort"]]) {
      const refused = await listRoute(apiRequest(`/api/v1/incidents?${query}`, { token: viewer }), params({}));
      expect([refused.status, (await errorOf(refused)).details?.[0].field], query).toEqual([400, field]);
      const csv = await exportCsv(apiRequest(`/api/v1/export/incidents.csv?${query}`, { token: viewer }), params({}));
      expect([csv.status, (await errorOf(csv)).details?.[0].field], `${query} (CSV)`).toEqual([400, field]);
    }
  });

  it("exports the table's filtered view as CSV, every page, without hidden columns", async () => {
    const filter = "severity=SEV1&severity=SEV2&genAi=YES";
    const csv = await exportedCsv(exportCsv, `/api/v1/export/incidents.csv?${filter}&hide=tools,durationMs&pageSize=10&page=2`, viewer);
    expect(csv.meta.fields).toEqual(["key", "title", "severity", "status", "genAiContributed", "aiLinked", "startedAt"]);
    const listed = (await (await listRoute(apiRequest(`/api/v1/incidents?${filter}&pageSize=100`, { token: viewer }), params({}))).json()) as { rows: IncidentDto[]; total: number };
    expect(listed.total).toBeGreaterThan(0);
    expect(csv.data.length).toBe(listed.total);
    expect(csv.data.map((row) => row.key)).toEqual(listed.rows.map((r) => r.key));
    expect(csv.data.every((row) => ["SEV1", "SEV2"].includes(row.severity) && row.genAiContributed === "YES")).toBe(true);
  });

  it("answers one incident, and 404 for an unknown key", async () => {
    const ok = await getRoute(apiRequest("/api/v1/incidents/INC-2041", { token: viewer }), params({ key: "INC-2041" }));
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as IncidentDto).tools).toEqual([{ tool: "kiro-agent", name: "Kiro Agent", role: "TRIGGERED" }]);
    expect((await getRoute(apiRequest("/api/v1/incidents/INC-0", { token: viewer }), params({ key: "INC-0" }))).status).toBe(404);
  });
});

describe("POST /api/v1/incidents/{key}/tools and the autonomy ceiling", () => {
  const KEY = "INC-7010";

  afterAll(async () => {
    // Leave the shared register as the other integration files expect it.
    await unlinkIncidentTool(managerActor, KEY, "pager-pal").catch(() => undefined);
  });

  it("links pager-pal as TRIGGERED to a new SEV1: its production autonomy is capped at once, with the reason and until when", async () => {
    const startedAt = hoursAgo(2);
    expect((await create({ key: KEY, title: "Alert routing silenced every page", severity: "SEV1", startedAt, detectedAt: hoursAgo(1), genAiContributed: "YES" })).status).toBe(201);
    const viewerActor = await actorFor(prisma(), "viewer@example.com");
    expect((await listFindings(viewerActor, { tool: "pager-pal", rule: "AUTONOMY_EXCEEDS_CEILING" })).length).toBe(0);

    const auditBefore = await prisma().auditEvent.count();
    const response = await link(KEY, { tool: "pager-pal", role: "TRIGGERED" });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ incident: KEY, tool: "pager-pal", role: "TRIGGERED" });
    expect(await prisma().auditEvent.count()).toBe(auditBefore + 1);
    expect(await prisma().auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } })).toMatchObject({ action: "incident.tool_linked", entityId: KEY });

    const ceiling = await listFindings(viewerActor, { tool: "pager-pal", rule: "AUTONOMY_EXCEEDS_CEILING" });
    expect(ceiling.map((f) => f.environment).sort()).toEqual(["prod-eu-west", "prod-us-east", "shared-k8s"]);
    expect(ceiling[0].explanation).toContain(KEY);
    const view = await toolPolicyView(viewerActor, "pager-pal");
    const prod = view.allowed.find((a) => a.environment === "prod-us-east")!;
    expect(prod.allowed).toBe("SUGGEST");
    expect(prod.ceiling?.until).toEqual(new Date(new Date(startedAt).getTime() + 90 * 24 * HOUR));
    expect(prod.ceiling?.reason).toContain(`triggered SEV1 incident ${KEY}`);

    // The same link again changes nothing and writes no audit event.
    const again = await link(KEY, { tool: "pager-pal", role: "TRIGGERED" });
    expect(again.status).toBe(200);
    expect(await prisma().auditEvent.count()).toBe(auditBefore + 1);

    // The weekly chart counts it as AI-linked in the week it started.
    const week = weekStart(new Date(startedAt)).toISOString().slice(0, 10);
    const bucket = (await weeklySevereIncidents(viewerActor)).find((b) => b.week === week);
    expect(bucket?.sev1AiLinked).toBeGreaterThanOrEqual(1);

    // Unlinking (audited) lifts the cap.
    await unlinkIncidentTool(managerActor, KEY, "pager-pal");
    await settleFindings();
    expect(await listFindings(viewerActor, { tool: "pager-pal", rule: "AUTONOMY_EXCEEDS_CEILING" })).toEqual([]);
    expect(await prisma().auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } })).toMatchObject({ action: "incident.tool_unlinked", entityId: KEY });
  });

  it("changes the role of an existing link (200) and refuses bad input", async () => {
    expect((await link(KEY, { tool: "askbase", role: "INVOLVED" })).status).toBe(201);
    expect((await link(KEY, { tool: "askbase", role: "CONTRIBUTED" })).status).toBe(200);
    const stored = await prisma().incidentTool.findFirstOrThrow({ where: { incident: { key: KEY }, tool: { slug: "askbase" } } });
    expect(stored.role).toBe("CONTRIBUTED");
    await unlinkIncidentTool(managerActor, KEY, "askbase");

    expect((await link(KEY, { tool: "no-such-tool", role: "TRIGGERED" })).status).toBe(422);
    expect((await link(KEY, { tool: "askbase", role: "CAUSED" })).status).toBe(400);
    expect((await link("INC-0", { tool: "askbase", role: "INVOLVED" })).status).toBe(404);
    expect((await link(KEY, { tool: "askbase", role: "INVOLVED" }, viewer)).status).toBe(403);
  });
});

describe("PATCH /api/v1/incidents/{key}", () => {
  it("checks the merged incident with the same rules", async () => {
    const closing = await patch("INC-2058", { status: "CLOSED", resolvedAt: hoursAgo(0.5) });
    expect(closing.status).toBe(400);
    expect((await errorOf(closing)).details?.map((d) => d.field)).toEqual(["status"]);

    const backwards = await patch("INC-7001", { detectedAt: hoursAgo(6) });
    expect(backwards.status).toBe(400);
    expect((await errorOf(backwards)).details?.[0]).toEqual({ field: "detectedAt", message: "Detected must be at or after the start." });

    const ok = await patch("INC-7001", { status: "CLOSED" });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as IncidentDto).status).toBe("CLOSED");
    const event = await prisma().auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(event).toMatchObject({ action: "incident.updated", entityId: "INC-7001", before: expect.objectContaining({ status: "RESOLVED" }), after: expect.objectContaining({ status: "CLOSED" }) });

    expect((await patch("INC-7001", { key: "INC-9" })).status).toBe(400);
  });
});
