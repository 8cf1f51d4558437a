// Access reviews through the API on a real Postgres seeded with the demo register: the queue, who may
// certify, the audit event, and the GRANT_NOT_RECERTIFIED finding a certification resolves.
import { describe, expect, it } from "vitest";
import * as certificationsRoute from "@/app/api/v1/grants/[id]/certifications/route";
import * as grantRoute from "@/app/api/v1/grants/[id]/route";
import * as reviewsRoute from "@/app/api/v1/reviews/route";
import { addDays, DAY_MS } from "@/lib/policy/time";
import { callRoute } from "@/lib/test/route-client";
import { tokensFor, withSeededDatabase } from "@/lib/test/seeded-database";

type Name = "admin" | "viewer" | "lead" | "reviewer" | "junior-reviewer";
let tokens: Record<Name, string>;
const seeded = withSeededDatabase("access_reviews", async ({ db }) => {
  tokens = await tokensFor(db, ["admin", "viewer", "lead", "reviewer", "junior-reviewer"]);
});

const queue = (query = "") => callRoute(reviewsRoute.GET, { path: `/api/v1/reviews${query}`, token: tokens.viewer });
const certify = (grantId: string, body: unknown, token: string = tokens.reviewer) =>
  callRoute(certificationsRoute.POST, { method: "POST", path: `/api/v1/grants/${grantId}/certifications`, token, body, params: { id: grantId } });

async function pairGrant(tool: string, environment: string) {
  return seeded.db.grant.findFirstOrThrow({ where: { tool: { slug: tool }, environment: { name: environment }, status: "APPROVED" }, orderBy: { decidedAt: "desc" } });
}
const openRecertificationFinding = (tool: string, environment: string) =>
  seeded.db.findingRecord.findFirst({ where: { rule: "GRANT_NOT_RECERTIFIED", toolSlug: tool, environmentName: environment, resolvedAt: null } });

describe("the access review queue", () => {
  it("lists the approved grants past their tier's period, most overdue first, and marks those past the grace", async () => {
    const answer = await queue();
    expect(answer.status).toBe(200);
    const rows = answer.body.rows as { tool: string; environment: string; overdue: boolean; lastCertifiedAt: string | null; dueAt: string }[];
    const pairs = rows.map((row) => `${row.tool}/${row.environment}:${row.overdue ? "overdue" : "due"}`);
    expect(pairs).toEqual(expect.arrayContaining(["schema-sage/prod-eu-west:overdue", "terraformer-ai/shared-k8s:due"]));
    expect(pairs).not.toContain("kiro-agent/prod-us-east:due");
    expect(rows.map((row) => row.dueAt)).toEqual([...rows.map((row) => row.dueAt)].sort());
    expect(rows.every((row) => new Date(row.dueAt).getTime() <= Date.now())).toBe(true);

    const overdue = await queue("?overdue=true");
    expect(overdue.body.rows.every((row: { overdue: boolean }) => row.overdue)).toBe(true);
    expect(overdue.body.rows.map((row: { tool: string }) => row.tool)).toContain("schema-sage");
    expect((await queue("?overdue=maybe")).body.error.details).toEqual([expect.objectContaining({ field: "overdue" })]);
  });

  it("has raised GRANT_NOT_RECERTIFIED for a grant past its grace, and only for such", async () => {
    expect(await openRecertificationFinding("schema-sage", "prod-eu-west")).not.toBeNull();
    expect(await openRecertificationFinding("terraformer-ai", "shared-k8s")).toBeNull();
  });
});

describe("certifying a grant", () => {
  it("resets its review, resolves the finding, leaves the queue, and is audited in the same write", async () => {
    const grant = await pairGrant("schema-sage", "prod-eu-west");
    const certified = await certify(grant.id, { comment: "Still runs the Thursday billing migrations." });
    expect(certified.status).toBe(201);
    expect(certified.body).toMatchObject({ grant: grant.id, tool: "schema-sage", environment: "prod-eu-west", reviewer: "reviewer@example.com" });
    const at = new Date(certified.body.at);
    expect(new Date(certified.body.nextDueAt)).toEqual(addDays(at, 90));

    // The write answered once its findings were judged.
    expect(await openRecertificationFinding("schema-sage", "prod-eu-west")).toBeNull();
    expect((await queue()).body.rows.map((row: { id: string }) => row.id)).not.toContain(grant.id);
    const detail = await callRoute(grantRoute.GET, { path: `/api/v1/grants/${grant.id}`, token: tokens.viewer, params: { id: grant.id } });
    expect(detail.body.review).toMatchObject({ lastCertifiedAt: at.toISOString(), dueAt: addDays(at, 90).toISOString(), overdueAt: new Date(at.getTime() + 104 * DAY_MS).toISOString() });

    const events = await seeded.db.auditEvent.findMany({ where: { entity: "Grant", entityId: grant.id, action: "grant.certified" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorEmail: "reviewer@example.com", before: { lastCertifiedAt: null }, after: { comment: "Still runs the Thursday billing migrations.", overdue: true } });
    expect(await seeded.db.grantCertification.count({ where: { grantId: grant.id } })).toBe(1);
  });

  it("is refused to its requester, to roles that do not review, and for a grant not in force", async () => {
    // An admin may both request and review: the grant they requested is certified by someone else.
    const admin = await seeded.db.user.findUniqueOrThrow({ where: { email: "admin@example.com" } });
    const own = await pairGrant("terraformer-ai", "shared-k8s");
    await seeded.db.grant.update({ where: { id: own.id }, data: { requesterId: admin.id } });
    const self = await certify(own.id, { comment: "I still need it." }, tokens.admin);
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe("SELF_APPROVAL");
    expect(self.body.error.message).toContain("requester of a grant may not certify it");
    for (const name of ["viewer", "lead"] as const) expect((await certify(own.id, { comment: "Still needed." }, tokens[name])).status, name).toBe(403);
    expect((await certify(own.id, { comment: "Plans for the node pools." }, tokens["junior-reviewer"])).status).toBe(201);

    const revoked = await seeded.db.grant.findFirstOrThrow({ where: { status: "REVOKED" } });
    const refused = await certify(revoked.id, { comment: "Still needed." });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("GRANT_NOT_APPROVED");
    expect((await certify("g_unknown", { comment: "Still needed." })).status).toBe(404);
    expect(await seeded.db.grantCertification.count({ where: { grantId: revoked.id } })).toBe(0);
  });

  it("refuses a bad body naming the field", async () => {
    const grant = await pairGrant("kiro-agent", "prod-us-east");
    for (const body of [{}, { comment: "" }, { comment: 42 }, { comment: "ok\u0000" }, { comment: "fine", extra: 1 }]) {
      const refused = await certify(grant.id, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(refused.body.error), JSON.stringify(body)).toMatch(/comment|extra/);
    }
  });
});
