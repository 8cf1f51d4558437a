// Risk acceptances through the API on a real Postgres seeded with the demo register: who may accept
// and confirm, what is refused and why, the audit events, and the headline counts an acceptance changes.
import { describe, expect, it } from "vitest";
import * as confirmRoute from "@/app/api/v1/findings/[id]/exceptions/[exceptionId]/confirm/route";
import * as findingExceptionsRoute from "@/app/api/v1/findings/[id]/exceptions/route";
import * as findingRoute from "@/app/api/v1/findings/[id]/route";
import * as exceptionsRoute from "@/app/api/v1/exceptions/route";
import * as exportRoute from "@/app/api/v1/export/route";
import type { Severity } from "@/lib/policy/types";
import { addDays } from "@/lib/policy/time";
import { callRoute } from "@/lib/test/route-client";
import { actorFor, tokensFor, withSeededDatabase } from "@/lib/test/seeded-database";
import { getOverview } from "./overview";

type Name = "admin" | "viewer" | "lead" | "reviewer" | "reviewer2" | "junior-reviewer";
let tokens: Record<Name, string>;
const seeded = withSeededDatabase("exceptions", async ({ db }) => {
  tokens = await tokensFor(db, ["admin", "viewer", "lead", "reviewer", "reviewer2", "junior-reviewer"]);
});

const inDays = (days: number) => addDays(new Date(), days).toISOString();
const acceptance = (overrides: Record<string, unknown> = {}) => ({ reason: "Known: the migration window closes in January.", owner: "lead@example.com", expiresAt: inDays(30), ...overrides });

const propose = (findingId: string, body: unknown, token: string = tokens["junior-reviewer"]) =>
  callRoute(findingExceptionsRoute.POST, { method: "POST", path: `/api/v1/findings/${findingId}/exceptions`, token, body, params: { id: findingId } });
const confirm = (findingId: string, exceptionId: string, token: string) =>
  callRoute(confirmRoute.POST, { method: "POST", path: `/api/v1/findings/${findingId}/exceptions/${exceptionId}/confirm`, token, params: { id: findingId, exceptionId } });
const finding = (id: string) => callRoute(findingRoute.GET, { path: `/api/v1/findings/${id}`, token: tokens.viewer, params: { id } });

async function openFinding(severity: Severity, notIn: string[] = []) {
  return seeded.db.findingRecord.findFirstOrThrow({ where: { resolvedAt: null, severity, id: { notIn } }, orderBy: { id: "asc" } });
}

async function headline() {
  const overview = await getOverview(await actorFor(seeded.db, "viewer@example.com"));
  return { counts: overview.counts, accepted: overview.accepted, total: overview.totalFindings };
}

async function auditOf(exceptionId: string) {
  return seeded.db.auditEvent.findMany({ where: { entity: "FindingException", entityId: exceptionId }, orderBy: { id: "asc" } });
}

describe("accepting a finding", () => {
  it("takes an open finding out of the headline counts at once, labelled, and audited in the same write", async () => {
    const high = await openFinding("HIGH");
    const before = await headline();
    const created = await propose(high.id, acceptance());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: "IN_FORCE", needsConfirmation: false, owner: { email: "lead@example.com" }, proposedBy: { email: "junior-reviewer@example.com" }, acceptedSeverity: "HIGH" });

    const after = await headline();
    expect(after.counts.HIGH).toBe(before.counts.HIGH - 1);
    expect(after.total).toBe(before.total - 1);
    expect(after.accepted).toBe(before.accepted + 1);
    expect((await finding(high.id)).body.acceptance).toMatchObject({ exceptionId: created.body.id, by: "Lee Park", owner: "Priya Raman" });

    const events = await auditOf(created.body.id);
    expect(events.map((e) => e.action)).toEqual(["finding.accepted"]);
    expect(events[0].after).toMatchObject({ finding: high.id, rule: high.rule, severity: "HIGH", owner: "lead@example.com" });

    const again = await propose(high.id, acceptance(), tokens.reviewer);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain("accepted already");

    const list = await callRoute(findingExceptionsRoute.GET, { path: `/api/v1/findings/${high.id}/exceptions`, token: tokens.viewer, params: { id: high.id } });
    expect(list.body.rows.map((row: { id: string }) => row.id)).toEqual([created.body.id]);
    const inForce = await callRoute(exceptionsRoute.GET, { path: "/api/v1/exceptions?state=IN_FORCE", token: tokens.viewer });
    expect(inForce.body.rows.map((row: { id: string }) => row.id)).toContain(created.body.id);
    expect(inForce.body.rows.every((row: { state: string }) => row.state === "IN_FORCE")).toBe(true);
  });

  it("is for security reviewers and admins only", async () => {
    const medium = await openFinding("MEDIUM");
    for (const name of ["viewer", "lead"] as const) expect((await propose(medium.id, acceptance(), tokens[name])).status, name).toBe(403);
    expect(await seeded.db.findingException.count({ where: { findingId: medium.id } })).toBe(0);
  });

  it("refuses bad terms naming the field, and unknown or resolved findings", async () => {
    const medium = await openFinding("MEDIUM");
    const cases: [Record<string, unknown>, string][] = [
      [{ reason: "short" }, "reason"],
      [{ owner: "not-an-email" }, "owner"],
      [{ owner: "nobody@example.com" }, "owner"],
      [{ expiresAt: inDays(-1) }, "expiresAt"],
      [{ expiresAt: inDays(91) }, "expiresAt"],
      [{ expiresAt: "2027-02-30" }, "expiresAt"],
      [{ reason: "a NUL \u0000 in the reason text" }, "reason"],
      [{ extra: true }, "extra"],
    ];
    for (const [overrides, field] of cases) {
      const refused = await propose(medium.id, acceptance(overrides));
      expect(refused.status, JSON.stringify(overrides)).toBe(400);
      expect(JSON.stringify(refused.body.error), JSON.stringify(overrides)).toContain(field);
    }
    expect((await propose("f_nope", acceptance())).status).toBe(404);
    const resolved = await seeded.db.findingRecord.findFirst({ where: { resolvedAt: { not: null } } });
    if (resolved) expect((await propose(resolved.id, acceptance())).status).toBe(422);
    expect(await seeded.db.findingException.count({ where: { findingId: medium.id } })).toBe(0);
  });

  it("admits one of two reviewers accepting the same finding at once", async () => {
    const medium = await openFinding("MEDIUM");
    const answers = await Promise.all([propose(medium.id, acceptance(), tokens.reviewer), propose(medium.id, acceptance(), tokens["junior-reviewer"])]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    expect(await seeded.db.findingException.count({ where: { findingId: medium.id } })).toBe(1);
  });
});

describe("accepting a CRITICAL finding", () => {
  it("holds only once a second, senior reviewer confirms: never its proposer, never a junior", async () => {
    const critical = await openFinding("CRITICAL");
    const before = await headline();
    const proposed = await propose(critical.id, acceptance(), tokens.reviewer);
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({ state: "AWAITING_CONFIRMATION", needsConfirmation: true, confirmedBy: null });
    expect((await headline()).counts.CRITICAL).toBe(before.counts.CRITICAL);
    expect((await finding(critical.id)).body.acceptance).toBeNull();

    const self = await confirm(critical.id, proposed.body.id, tokens.reviewer);
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe("SELF_APPROVAL");
    const junior = await confirm(critical.id, proposed.body.id, tokens["junior-reviewer"]);
    expect(junior.status).toBe(403);
    expect(junior.body.error.code).toBe("SENIOR_REQUIRED");
    expect((await confirm(critical.id, proposed.body.id, tokens.viewer)).status).toBe(403);
    expect((await confirm(critical.id, "x_unknown", tokens.reviewer2)).status).toBe(404);

    const confirmed = await confirm(critical.id, proposed.body.id, tokens.reviewer2);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ state: "IN_FORCE", confirmedBy: { email: "reviewer2@example.com" } });
    expect((await headline()).counts.CRITICAL).toBe(before.counts.CRITICAL - 1);
    expect((await finding(critical.id)).body.acceptance.by).toBe("Dana Okafor and Sam Whitaker");
    expect((await confirm(critical.id, proposed.body.id, tokens.admin)).status).toBe(409);

    const events = await auditOf(proposed.body.id);
    expect(events.map((e) => [e.action, e.actorEmail])).toEqual([
      ["finding.acceptance_proposed", "reviewer@example.com"],
      ["finding.accepted", "reviewer2@example.com"],
    ]);
  });

  it("is exported with the register", async () => {
    const exported = await callRoute(exportRoute.GET, { path: "/api/v1/export", token: tokens.viewer });
    expect(exported.status).toBe(200);
    const rows = await seeded.db.findingException.findMany();
    expect(exported.body.counts.exceptions).toBe(rows.length);
    expect(exported.body.exceptions[0]).toMatchObject({ id: expect.any(String), finding: expect.any(String), owner: "lead@example.com", proposedBy: expect.any(String) });
  });
});
