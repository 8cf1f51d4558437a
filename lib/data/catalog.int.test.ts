// The catalog and tool write API through its route handlers, against the seeded demo register.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getCapabilities, POST as postCapability } from "@/app/api/v1/capabilities/route";
import { GET as getEnvironments, POST as postEnvironment } from "@/app/api/v1/environments/route";
import { GET as getTeams, POST as postTeam } from "@/app/api/v1/teams/route";
import { GET as getTool, PATCH as patchTool } from "@/app/api/v1/tools/[slug]/route";
import { POST as postTool } from "@/app/api/v1/tools/route";
import { prisma } from "@/lib/db/client";
import { apiRequest, params, tokenForRole, type ErrorBody } from "@/lib/test/api";
import { tokensFor } from "@/lib/test/seeded-database";

let viewer: string;
let lead: string;
let reviewer: string;
let admin: string;

beforeAll(async () => {
  viewer = await tokenForRole("VIEWER");
  ({ lead, reviewer, admin } = await tokensFor(prisma(), ["lead", "reviewer", "admin"]));
});

const newestAudit = () => prisma().auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
const post = (handler: typeof postTeam, path: string, body: unknown, token?: string) => handler(apiRequest(path, { method: "POST", token, body }), params({}));
const get = (handler: typeof getTeams, path: string, token = viewer) => handler(apiRequest(path, { token }), params({}));

describe("teams", () => {
  it("creates a team (201), audited, then refuses the same name with 409 writing nothing", async () => {
    const created = await post(postTeam, "/api/v1/teams", { name: "Mobile", description: "iOS and Android apps." }, lead);
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ name: "Mobile", description: "iOS and Android apps.", toolCount: 0 });
    expect(await newestAudit()).toMatchObject({ action: "team.created", entity: "Team", entityId: "Mobile", actorEmail: "lead@example.com" });

    const audits = await prisma().auditEvent.count();
    for (const name of ["Mobile", "mobile"]) {
      const again = await post(postTeam, "/api/v1/teams", { name }, lead);
      expect(again.status).toBe(409);
      const body = (await again.json()) as ErrorBody;
      expect(body.error.code).toBe("CONFLICT");
      expect(body.error.details).toEqual([{ field: "name", message: expect.stringContaining('"Mobile" already exists') }]);
    }
    expect(await prisma().team.count({ where: { name: { in: ["Mobile", "mobile"] } } })).toBe(1);
    expect(await prisma().auditEvent.count()).toBe(audits);
  });

  it("does not mistake _ in a name for a wildcard", async () => {
    expect((await post(postTeam, "/api/v1/teams", { name: "Data_Eng" }, lead)).status).toBe(201);
    expect((await post(postTeam, "/api/v1/teams", { name: "Data-Eng" }, lead)).status).toBe(201);
  });

  it("lists teams paged with the documented shape", async () => {
    const response = await get(getTeams, "/api/v1/teams?pageSize=2&page=2");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { rows: { name: string; toolCount: number }[]; total: number; page: number; pageSize: number; pageCount: number };
    expect(body).toMatchObject({ page: 2, pageSize: 2 });
    expect(body.rows).toHaveLength(2);
    expect(body.pageCount).toBe(Math.ceil(body.total / 2));
    const all = (await (await get(getTeams, "/api/v1/teams?pageSize=200")).json()) as typeof body;
    expect(all.rows.map((r) => r.name)).toEqual([...all.rows.map((r) => r.name)].sort());
    expect(all.rows.find((r) => r.name === "Platform")?.toolCount).toBeGreaterThan(0);
    const searched = (await (await get(getTeams, "/api/v1/teams?q=checkout")).json()) as typeof body;
    expect(searched.rows.map((r) => r.name)).toEqual(["Payments"]);
  });

  it("refuses a bad page size and an invalid body with 400 naming the field", async () => {
    const bad = await get(getTeams, "/api/v1/teams?pageSize=5000");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error.message).toMatch(/^pageSize/);
    const blank = await post(postTeam, "/api/v1/teams", { name: "  " }, lead);
    expect(blank.status).toBe(400);
    expect(((await blank.json()) as ErrorBody).error.message).toBe("name: name is required");
  });

  // Without any Authorization header the handler asks for the browser session, which only exists in a
  // running server: e2e/import-export.spec.ts covers that 401.
  it("answers 401 for an unknown token and 403 for roles without catalog:write", async () => {
    expect((await get(getTeams, "/api/v1/teams", "grr_nope")).status).toBe(401);
    for (const token of [viewer, reviewer, await tokenForRole("INCIDENT_MANAGER")]) {
      const response = await post(postTeam, "/api/v1/teams", { name: "Nobody" }, token);
      expect(response.status).toBe(403);
      expect(((await response.json()) as ErrorBody).error.code).toBe("FORBIDDEN");
    }
    expect((await post(postTeam, "/api/v1/teams", { name: "Admins' team" }, admin)).status).toBe(201);
    expect(await prisma().team.count({ where: { name: "Nobody" } })).toBe(0);
  });
});

describe("environments", () => {
  it("creates with defaults, lists by tier, refuses duplicates and unknown tiers", async () => {
    const created = await post(postEnvironment, "/api/v1/environments", { name: "prod-ap-south", tier: "PRODUCTION" }, lead);
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ name: "prod-ap-south", tier: "PRODUCTION", dataSensitivity: "NONE", criticalPath: false, description: "" });
    expect(await newestAudit()).toMatchObject({ action: "environment.created", entity: "Environment", entityId: "prod-ap-south" });

    expect((await post(postEnvironment, "/api/v1/environments", { name: "prod-ap-south", tier: "SANDBOX" }, lead)).status).toBe(409);
    const badTier = await post(postEnvironment, "/api/v1/environments", { name: "moon", tier: "MOON", criticalPath: "yes" }, lead);
    expect(badTier.status).toBe(400);
    const details = ((await badTier.json()) as ErrorBody).error.details!;
    expect(details.map((d) => d.field)).toEqual(["tier", "criticalPath"]);
    expect(details[0].message).toContain("SANDBOX, PRE_PRODUCTION");

    const production = (await (await get(getEnvironments, "/api/v1/environments?tier=PRODUCTION&pageSize=200")).json()) as { rows: { name: string; tier: string }[] };
    expect(production.rows.map((r) => r.name)).toEqual(["analytics", "prod-ap-south", "prod-eu-west", "prod-us-east"]);
    expect((await get(getEnvironments, "/api/v1/environments?tier=HUGE")).status).toBe(400);
  });
});

describe("capabilities", () => {
  it("creates a capability, refuses a duplicate key with 409 and a malformed key with 400", async () => {
    const created = await post(postCapability, "/api/v1/capabilities", { key: "queue:purge", class: "DESTRUCTIVE", description: "Purge a message queue." }, admin);
    expect(created.status).toBe(201);
    expect(await newestAudit()).toMatchObject({ action: "capability.created", entity: "Capability", entityId: "queue:purge", actorEmail: "admin@example.com" });
    const duplicate = await post(postCapability, "/api/v1/capabilities", { key: "env:delete", class: "READ" }, lead);
    expect(duplicate.status).toBe(409);
    expect(((await duplicate.json()) as ErrorBody).error.details).toEqual([{ field: "key", message: 'Capability "env:delete" already exists.' }]);
    expect((await prisma().capability.findUniqueOrThrow({ where: { key: "env:delete" } })).class).toBe("DESTRUCTIVE");
    const malformed = await post(postCapability, "/api/v1/capabilities", { key: "Delete Everything", class: "DESTRUCTIVE" }, lead);
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as ErrorBody).error.message).toMatch(/^key: /);

    const destructive = (await (await get(getCapabilities, "/api/v1/capabilities?class=DESTRUCTIVE")).json()) as { rows: { key: string }[]; total: number };
    expect(destructive.rows.map((r) => r.key)).toEqual(["data:delete", "env:delete", "queue:purge"]);
  });
});

describe("POST /api/v1/tools", () => {
  const tool = { slug: "copilot-ops", name: "Copilot Ops", vendor: "Northwind AI", kind: "OPS_BOT", ownerTeam: "SRE", modes: ["AGENT", "SUGGEST"] };

  it("registers a tool (201 with the GET shape), audited; the same slug again is a 409", async () => {
    const response = await post(postTool, "/api/v1/tools", tool, lead);
    expect(response.status).toBe(201);
    expect(response.headers.get("location")).toBe("/api/v1/tools/copilot-ops");
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ ...tool, status: "PROPOSED", description: "", modes: ["SUGGEST", "AGENT"], grants: [], observations: [], incidents: [] });
    expect(await newestAudit()).toMatchObject({ action: "tool.created", entity: "AiTool", entityId: "copilot-ops", after: expect.objectContaining({ ownerTeam: "SRE" }) });

    const again = await post(postTool, "/api/v1/tools", { ...tool, name: "Another" }, lead);
    expect(again.status).toBe(409);
    expect(((await again.json()) as ErrorBody).error.details).toEqual([{ field: "slug", message: 'Tool "copilot-ops" already exists.' }]);
    expect((await prisma().aiTool.findUniqueOrThrow({ where: { slug: "copilot-ops" } })).name).toBe("Copilot Ops");
  });

  it("refuses an unknown owner team with 422 naming the field, writing nothing", async () => {
    const audits = await prisma().auditEvent.count();
    const response = await post(postTool, "/api/v1/tools", { ...tool, slug: "ghost", ownerTeam: "sre" }, lead);
    expect(response.status).toBe(422);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe("UNPROCESSABLE");
    expect(body.error.details).toEqual([{ field: "ownerTeam", message: 'unknown team "sre" (did you mean "SRE"?)' }]);
    expect(await prisma().aiTool.count({ where: { slug: "ghost" } })).toBe(0);
    expect(await prisma().auditEvent.count()).toBe(audits);
  });

  it("refuses malformed fields with 400 listing each field", async () => {
    const response = await post(postTool, "/api/v1/tools", { slug: "Bad Slug", name: "x", vendor: "y", kind: "ROBOT", ownerTeam: "SRE", modes: ["SUGGEST", "SUGGEST"], owner: "typo" }, lead);
    expect(response.status).toBe(400);
    const fields = ((await response.json()) as ErrorBody).error.details!.map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["slug", "kind", "modes"]));
    expect(fields).toContain(""); // the unknown key "owner"
  });

  it("is closed to viewers and security reviewers", async () => {
    expect((await post(postTool, "/api/v1/tools", { ...tool, slug: "nope-1" }, viewer)).status).toBe(403);
    expect((await post(postTool, "/api/v1/tools", { ...tool, slug: "nope-2" }, reviewer)).status).toBe(403);
    expect((await post(postTool, "/api/v1/tools", { ...tool, slug: "nope-3" }, "grr_unknown")).status).toBe(401);
  });
});

describe("PATCH /api/v1/tools/{slug}", () => {
  const patch = (slug: string, body: unknown, token = lead) => patchTool(apiRequest(`/api/v1/tools/${slug}`, { method: "PATCH", token, body }), params({ slug }));

  it("changes only the fields sent, audits before/after of those fields, and is a no-op when nothing changes", async () => {
    const response = await patch("docwriter", { status: "RESTRICTED", ownerTeam: "Platform", modes: ["SUGGEST"] });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; ownerTeam: string; modes: string[]; vendor: string; slug: string };
    expect(body).toMatchObject({ slug: "docwriter", status: "RESTRICTED", ownerTeam: "Platform", modes: ["SUGGEST"], vendor: "Proseware" });
    const event = await newestAudit();
    expect(event).toMatchObject({ action: "tool.updated", entity: "AiTool", entityId: "docwriter" });
    // modes were SUGGEST already: unchanged fields stay out of the event.
    expect(event.before).toEqual({ status: "APPROVED", ownerTeam: "Developer Experience" });
    expect(event.after).toEqual({ status: "RESTRICTED", ownerTeam: "Platform" });

    const audits = await prisma().auditEvent.count();
    expect((await patch("docwriter", { status: "RESTRICTED" })).status).toBe(200);
    expect(await prisma().auditEvent.count()).toBe(audits);

    const fetched = (await (await getTool(apiRequest("/api/v1/tools/docwriter", { token: viewer }), params({ slug: "docwriter" }))).json()) as { status: string };
    expect(fetched.status).toBe("RESTRICTED");
  });

  it("answers 404, 422 for an unknown team, 400 for the slug or an empty body, 403 for a viewer", async () => {
    expect((await patch("no-such-tool", { status: "RETIRED" })).status).toBe(404);
    const unknownTeam = await patch("docwriter", { ownerTeam: "Nobody" });
    expect(unknownTeam.status).toBe(422);
    expect(((await unknownTeam.json()) as ErrorBody).error.details).toEqual([{ field: "ownerTeam", message: 'unknown team "Nobody"' }]);
    expect((await patch("docwriter", { slug: "renamed" })).status).toBe(400);
    expect((await patch("docwriter", {})).status).toBe(400);
    expect((await patch("docwriter", { status: "RETIRED" }, viewer)).status).toBe(403);
    expect((await prisma().aiTool.findUniqueOrThrow({ where: { slug: "docwriter" } })).status).toBe("RESTRICTED");
  });
});
