// The tools API through its route handlers, on a database of its own (it writes an expired grant,
// which would add a finding to the shared register).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getGrant } from "@/app/api/v1/grants/[id]/route";
import { GET as getTool } from "@/app/api/v1/tools/[slug]/route";
import { GET as getTools } from "@/app/api/v1/tools/route";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DAY_MS } from "@/lib/policy/time";
import { callRoute, tokenFor } from "@/lib/test/route-client";
import { actorFor, openSeededDatabase, type SeededDatabase } from "@/lib/test/seeded-database";
import { getTool as readTool } from "./tools";

let seeded: SeededDatabase;
let db: PrismaClient;
let viewer: string;

beforeAll(async () => {
  seeded = await openSeededDatabase("tools_api");
  db = seeded.db;
  viewer = await tokenFor(db, "viewer@example.com");
});

afterAll(() => seeded?.close());

const list = (query: string) => callRoute(getTools, { path: `/api/v1/tools${query}`, token: viewer });

describe("GET /api/v1/tools: the query is strict", () => {
  it("honours any page size up to 200 and pages by 50 unless asked", async () => {
    const all = await list("?pageSize=200");
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ page: 1, pageSize: 200 });
    expect(all.body.rows).toHaveLength(all.body.total);
    expect((await list("")).body).toMatchObject({ page: 1, pageSize: 50 });
    expect((await list("?pageSize=7")).body.rows).toHaveLength(7);
  });

  it("refuses a page size over 200, an unknown filter value or sort key with a 400 naming the field", async () => {
    for (const [query, field] of [
      ["?pageSize=500", "pageSize"],
      ["?page=0", "page"],
      ["?status=APPROVED,BOGUS", "status.1"],
      ["?kind=ROBOT", "kind.0"],
      ["?sort=price", "sort"],
      ["?dir=up", "dir"],
    ]) {
      const refused = await list(query);
      expect([refused.status, refused.body.error.code], query).toEqual([400, "VALIDATION"]);
      expect(refused.body.error.details.map((d: { field: string }) => d.field), query).toEqual([field]);
      expect(refused.body.error.message, query).toMatch(new RegExp(`^${field.replace(".", "\\.")}: `));
    }
  });

  it("takes several values of a filter, comma-separated or repeated", async () => {
    const statuses = (body: { rows: { status: string }[] }) => [...new Set(body.rows.map((row) => row.status))].sort();
    const commas = await list("?status=APPROVED,RESTRICTED&pageSize=200");
    const repeated = await list("?status=APPROVED&status=RESTRICTED&pageSize=200");
    expect(commas.status).toBe(200);
    expect(statuses(commas.body)).toEqual(["APPROVED", "RESTRICTED"]);
    expect(repeated.body).toEqual(commas.body);
  });
});

describe("GET /api/v1/tools/{slug}: its grants say what GET /api/v1/grants/{id} says", () => {
  it("an approved grant past its expiry is EXPIRED in both, though stored as APPROVED", async () => {
    const now = Date.now();
    const [tool, environment, lead, reviewer] = await Promise.all([
      db.aiTool.findUniqueOrThrow({ where: { slug: "kiro-agent" } }),
      db.environment.findUniqueOrThrow({ where: { name: "sandbox" } }),
      db.user.findUniqueOrThrow({ where: { email: "lead@example.com" } }),
      db.user.findUniqueOrThrow({ where: { email: "reviewer@example.com" } }),
    ]);
    const grant = await db.grant.create({
      data: {
        toolId: tool.id,
        environmentId: environment.id,
        requesterId: lead.id,
        maxAutonomy: "SUGGEST",
        capabilities: [],
        justification: "Expired before anyone looked again",
        status: "APPROVED",
        createdAt: new Date(now - 30 * DAY_MS),
        decidedAt: new Date(now - 29 * DAY_MS),
        expiresAt: new Date(now - DAY_MS),
        decisions: { create: { reviewerId: reviewer.id, decision: "APPROVE", senior: reviewer.senior, comment: "" } },
      },
    });

    const fromGrants = await callRoute(getGrant, { path: `/api/v1/grants/${grant.id}`, token: viewer, params: { id: grant.id } });
    const fromTool = await callRoute(getTool, { path: "/api/v1/tools/kiro-agent", token: viewer, params: { slug: "kiro-agent" } });
    expect(fromGrants.status).toBe(200);
    expect(fromTool.status).toBe(200);
    const onTool = fromTool.body.grants.find((g: { id: string }) => g.id === grant.id);
    expect(onTool).toMatchObject({ status: "APPROVED", effectiveStatus: "EXPIRED", requester: "lead@example.com", requesterName: lead.name });
    expect(fromGrants.body).toMatchObject({ status: onTool.status, effectiveStatus: onTool.effectiveStatus, expiresAt: onTool.expiresAt });
  });

  it("every grant of the tool has the status and supersession GET /api/v1/grants/{id} gives it", async () => {
    const fromTool = await callRoute(getTool, { path: "/api/v1/tools/kiro-agent", token: viewer, params: { slug: "kiro-agent" } });
    const grants: { id: string; effectiveStatus: string; supersededBy: string | null }[] = fromTool.body.grants;
    expect(grants.length).toBeGreaterThan(1);
    for (const onTool of grants) {
      const fromGrants = await callRoute(getGrant, { path: `/api/v1/grants/${onTool.id}`, token: viewer, params: { id: onTool.id } });
      expect({ effectiveStatus: fromGrants.body.effectiveStatus, supersededBy: fromGrants.body.supersededBy }, onTool.id).toEqual({ effectiveStatus: onTool.effectiveStatus, supersededBy: onTool.supersededBy });
    }
  });

  it("reads the effective status against the clock it is given", async () => {
    const viewerActor = await actorFor(db, "viewer@example.com");
    const grant = await db.grant.findFirstOrThrow({ where: { tool: { slug: "kiro-agent" }, status: "APPROVED", expiresAt: { gt: new Date() } } });
    const statusAt = async (at: Date) => (await readTool(viewerActor, "kiro-agent", at)).grants.find((g) => g.id === grant.id)?.effectiveStatus;
    expect(await statusAt(new Date(grant.expiresAt!.getTime() - 1))).toBe("APPROVED");
    expect(await statusAt(grant.expiresAt!)).toBe("EXPIRED");
  });
});
