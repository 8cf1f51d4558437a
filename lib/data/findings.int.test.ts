// Findings and observations through the API, against the seeded demo register in a real database.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getFindings } from "@/app/api/v1/findings/route";
import { PUT as putObservations } from "@/app/api/v1/tools/[slug]/observations/route";
import { GET as getTools } from "@/app/api/v1/tools/route";
import { GET as getTool } from "@/app/api/v1/tools/[slug]/route";
import { prisma } from "@/lib/db/client";
import { apiRequest, params, tokenFor, tokenForRole } from "@/lib/test/api";
import type { FindingDto } from "./findings";
import type { Actor } from "@/lib/auth/actor";
import { allowedAutonomyMatrix, computeFindings } from "@/lib/policy/findings";
import { environmentCreateSchema } from "@/lib/validation/catalog.validation";
import { grantRequestSchema } from "@/lib/validation/grants.validation";
import { createEnvironment, updateTool } from "./catalog";
import { decideGrant, requestGrant } from "./grants";
import { linkIncidentTool } from "./incidents";
import { replaceObservations } from "./observations";
import { policyInForce } from "./policy";
import { evaluateRegister, loadRegisterSnapshot } from "./register-snapshot";

let viewer: string;
let lead: string;

beforeAll(async () => {
  viewer = await tokenForRole("VIEWER");
  lead = await tokenFor("lead@example.com");
});

async function findings(query = "", token = viewer): Promise<FindingDto[]> {
  const response = await getFindings(apiRequest(`/api/v1/findings${query}`, { token }), params({}));
  expect(response.status).toBe(200);
  return ((await response.json()) as { findings: FindingDto[] }).findings;
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
  it("lists computed findings worst first, with the documented shape", async () => {
    const all = await findings();
    expect(all.length).toBeGreaterThan(5);
    const order = ["CRITICAL", "HIGH", "MEDIUM", "LOW"];
    const ranks = all.map((f) => order.indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(Object.keys(all[0]).sort()).toEqual(["environment", "explanation", "rule", "severity", "since", "tool"]);
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

describe("PUT /api/v1/tools/{slug}/observations", () => {
  const put = (slug: string, body: unknown, token = lead) =>
    putObservations(apiRequest(`/api/v1/tools/${slug}/observations`, { method: "PUT", token, body }), params({ slug }));

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

describe("findings over time", () => {
  it("follow the clock without any write: kiro-agent's incident ceiling lifts once its 90 days pass", async () => {
    const ceiling = (f: { rule: string; tool: string; environment: string }) => f.rule === "AUTONOMY_EXCEEDS_CEILING" && f.tool === "kiro-agent" && f.environment === "prod-us-east";
    const now = new Date();
    expect((await evaluateRegister(now)).findings.some(ceiling)).toBe(true);
    const later = new Date(now.getTime() + 91 * 86_400_000);
    const evaluation = await evaluateRegister(later);
    expect(evaluation.computedAt).toEqual(later);
    expect(evaluation.findings.some(ceiling)).toBe(false);
    // And back: the same rows judged at the present time again.
    expect((await evaluateRegister(new Date(now.getTime() + 1000))).findings.some(ceiling)).toBe(true);
  });
});

describe("the memoised register after writes", () => {
  async function actor(email: string): Promise<Actor> {
    const user = await prisma().user.findUniqueOrThrow({ where: { email } });
    return { id: user.id, email: user.email, name: user.name, role: user.role, senior: user.senior };
  }
  // What a full read of the register gives now, in a canonical order.
  async function fromScratch(now: Date) {
    const snapshot = await loadRegisterSnapshot();
    const { policy } = await policyInForce();
    return { findings: canonical(computeFindings(snapshot, now, policy)), matrix: canonical(allowedAutonomyMatrix(snapshot, now, policy)) };
  }
  const canonical = (rows: unknown[]) => rows.map((row) => JSON.stringify(row)).sort();

  it("reads again only the tools each write touched, and agrees with a full read after every kind of write", async () => {
    const lead = await actor("lead@example.com");
    const reviewer = await actor("reviewer@example.com");
    const incidents = await actor("incidents@example.com");
    const writes: [string, () => Promise<unknown>][] = [
      ["observations", () => replaceObservations(lead, "tabline", [{ environment: "prod-us-east", autonomy: "AGENT", capabilities: ["repo:read", "env:delete"], source: "SYNC" }])],
      ["tool status", () => updateTool(lead, "askbase", { status: "SUSPENDED" })],
      [
        "grant request and approvals",
        async () => {
          const request = grantRequestSchema.parse({ tool: "query-pilot", environment: "analytics", maxAutonomy: "AGENT", capabilities: ["repo:read", "db:read-pii"], justification: "Equivalence test", expiresAt: "2027-12-31" });
          const grant = await requestGrant(lead, request);
          await decideGrant(reviewer, grant.id, { decision: "APPROVE", comment: "" });
        },
      ],
      ["incident link", () => linkIncidentTool(incidents, "INC-2017", { tool: "tabline", role: "TRIGGERED" })],
      ["new environment", () => createEnvironment(lead, environmentCreateSchema.parse({ name: "prod-apac", tier: "PRODUCTION", dataSensitivity: "PII", criticalPath: true }))],
    ];
    await evaluateRegister(new Date());
    for (const [what, write] of writes) {
      await write();
      // Judged after the write, so a grant decided just now is in force.
      const now = new Date();
      const evaluation = await evaluateRegister(now);
      expect({ what, findings: canonical(evaluation.findings), matrix: canonical(evaluation.matrix) }).toEqual({ what, ...(await fromScratch(now)) });
    }
    // The writes did change the findings: tabline now acts beyond what it was allowed, and query-pilot
    // has the grant it lacked.
    const { findings } = await evaluateRegister(new Date());
    expect(findings.some((f) => f.tool === "tabline" && f.environment === "prod-us-east")).toBe(true);
    expect(findings.some((f) => f.tool === "query-pilot" && f.environment === "analytics" && f.rule === "UNGRANTED_REACH")).toBe(false);
  });
});
