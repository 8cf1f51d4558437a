// The editable policy through GET|PUT /api/v1/policy, on a database of its own: a saved version
// governs findings, grant approvals and change violations at once, and is audited. A change that
// loosens a rule governs only once a second, senior reviewer approves it (policy-proposals.int.test.ts).
import { describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DEFAULT_POLICY, type Policy } from "@/lib/policy/policy";
import { tokensFor, withSeededDatabase } from "@/lib/test/seeded-database";
import { callRoute } from "@/lib/test/route-client";
import * as policyRoute from "@/app/api/v1/policy/route";
import * as decisionsRoute from "@/app/api/v1/policy/proposals/[id]/decisions/route";
import * as findingsRoute from "@/app/api/v1/findings/route";
import * as grantsRoute from "@/app/api/v1/grants/route";
import changesRoute from "@/pages/api/v1/changes";
import { evaluatorStatus, settleFindings } from "./finding-evaluator";

vi.mock("@/lib/auth/session", () => ({ currentUser: async () => null }));

let db: PrismaClient;
const token: Record<string, string> = {};

withSeededDatabase("policy_test", async (seeded) => {
  db = seeded.db;
  Object.assign(token, await tokensFor(db, ["admin", "lead", "reviewer", "reviewer2", "viewer"]));
});

const put = (who: string, body: unknown) => callRoute(policyRoute.PUT, { method: "PUT", path: "/api/v1/policy", token: token[who], body });
const withPolicy = (change: (policy: Policy) => Policy, note = "integration test") => put("reviewer", { policy: change(structuredClone(DEFAULT_POLICY)), note });
const approve = (who: string, id: number) =>
  callRoute(decisionsRoute.POST, { method: "POST", path: `/api/v1/policy/proposals/${id}/decisions`, token: token[who], params: { id: String(id) }, body: { decision: "APPROVE", comment: "reviewed" } });
// Puts a policy in force whichever way it goes: at once, or proposed by one senior and approved by another.
async function inForce(change: (policy: Policy) => Policy, note = "integration test") {
  const saved = await withPolicy(change, note);
  if (saved.status === 202) expect((await approve("reviewer2", saved.body.id)).status).toBe(201);
  else expect(saved.status).toBe(200);
}

describe("GET|PUT /api/v1/policy", () => {
  it("starts from DESIGN.md's defaults, as version 0", async () => {
    const res = await callRoute(policyRoute.GET, { path: "/api/v1/policy", token: token.viewer });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 0, policy: DEFAULT_POLICY, defaults: DEFAULT_POLICY });
    expect(res.body.history).toEqual([expect.objectContaining({ version: 0 })]);
  });

  it("is edited by security reviewers and admins only", async () => {
    const body = { policy: DEFAULT_POLICY, note: "no change really" };
    expect((await put("viewer", body)).status).toBe(403);
    expect((await put("lead", body)).status).toBe(403);
    expect((await callRoute(policyRoute.PUT, { method: "PUT", path: "/api/v1/policy", body })).status).toBe(401);
    expect(await db.policyVersion.count()).toBe(0);
  });

  it("refuses an invalid policy, naming the field, and writes nothing", async () => {
    const zeroWindow = await withPolicy((p) => ({ ...p, ceiling: { ...p.ceiling, windowDays: 0 } }));
    expect(zeroWindow.status).toBe(400);
    expect(zeroWindow.body.error.message).toMatch(/^policy\.ceiling\.windowDays: Ceiling window: at least 1 day/);
    const emptyCondition = await withPolicy((p) => ({ ...p, approvals: { ...p.approvals, rows: [{ count: 2, seniorRequired: true, when: [{}] }] } }));
    expect(emptyCondition.status).toBe(400);
    expect(emptyCondition.body.error.details[0].field).toBe("policy.approvals.rows.0.when.0");
    const noNote = await put("reviewer", { policy: DEFAULT_POLICY, note: "" });
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.details[0].field).toBe("note");
    expect(await db.policyVersion.count()).toBe(0);
  });

  it("governs findings from the moment it is saved, and is audited with what it replaced", async () => {
    const stale = async () => (await callRoute(findingsRoute.GET, { path: "/api/v1/findings?rule=STALE_OBSERVATION", token: token.viewer })).body.total as number;
    expect(await stale()).toBeGreaterThan(0);

    // Trusting observations for longer loosens the rules: a proposal first, in force once approved.
    const proposed = await withPolicy((p) => ({ ...p, findings: { ...p.findings, staleObservationDays: 3650 } }), "Inventory sync runs yearly now");
    expect(proposed.status).toBe(202);
    expect(await stale()).toBeGreaterThan(0);
    const saved = await approve("reviewer2", proposed.body.id);
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ status: "APPROVED", version: expect.any(Number), proposedBy: "reviewer@example.com", decidedBy: "reviewer2@example.com", note: "Inventory sync runs yearly now" });
    // A new policy may change any pair: the whole register is judged again, in the background.
    expect((await evaluatorStatus(db)).rebuild).toMatchObject({ judgedTools: 0, totalTools: await db.aiTool.count() });
    await settleFindings(db, { rebuild: true });
    expect((await evaluatorStatus(db)).rebuild).toBeNull();
    expect(await stale()).toBe(0);

    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "policy.updated" }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ actorEmail: "reviewer2@example.com", entity: "Policy", entityId: String(saved.body.version) });
    expect((event.before as unknown as Policy).findings.staleObservationDays).toBe(30);
    expect((event.after as unknown as Policy).findings.staleObservationDays).toBe(3650);

    const read = await callRoute(policyRoute.GET, { path: "/api/v1/policy", token: token.viewer });
    expect(read.body.version).toBe(saved.body.version);
    expect(read.body.history.map((v: { version: number }) => v.version)).toEqual([saved.body.version, 0]);
  });

  it("refuses an edit started from an older version (409), so a concurrent save is not undone", async () => {
    const current = (await callRoute(policyRoute.GET, { path: "/api/v1/policy", token: token.viewer })).body.version as number;
    const versions = await db.policyVersion.count();
    const stale = await put("reviewer", { policy: DEFAULT_POLICY, note: "Based on what I loaded earlier", basedOnVersion: current - 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toEqual([{ field: "basedOnVersion", message: `version ${current} is in force now` }]);
    expect(await db.policyVersion.count()).toBe(versions);
    expect((await put("reviewer", { policy: DEFAULT_POLICY, note: "Based on the version in force", basedOnVersion: current })).status).toBe(200);
  });

  it("sets the approvals a new grant needs", async () => {
    const request = () =>
      callRoute(grantsRoute.POST, {
        method: "POST",
        path: "/api/v1/grants",
        token: token.lead,
        body: { tool: "tabline", environment: "sandbox", maxAutonomy: "SUGGEST", capabilities: ["repo:read"], justification: "Trying the policy out", expiresAt: "2027-12-31" },
      });
    const before = await request();
    expect(before.status).toBe(201);
    expect(before.body.requiredApprovals).toMatchObject({ count: 1, seniorRequired: false });

    await inForce((p) => ({ ...p, approvals: { ...p.approvals, base: { count: 2, seniorRequired: true } } }));
    const after = await request();
    expect(after.status).toBe(201);
    expect(after.body.requiredApprovals).toMatchObject({ count: 2, seniorRequired: true });
  });

  it("judges ingested changes by the rules in force", async () => {
    const change = (externalId: string) => ({
      externalId,
      service: "ingress",
      environment: "shared-k8s",
      changeType: "CONFIG",
      aiOrigin: "HUMAN",
      approvers: ["reviewer@example.com"],
      rollbackPlan: null,
      deployedAt: new Date().toISOString(),
    });
    const post = (externalId: string) => callRoute(changesRoute, { method: "POST", path: "/api/v1/changes", token: token.lead, body: change(externalId) });

    await inForce((p) => p);
    expect((await post("policy-int-1")).body.violations.map((v: { code: string }) => v.code)).toContain("NO_ROLLBACK_PLAN");
    await inForce((p) => ({ ...p, changes: { ...p.changes, rollbackPlanFromTier: "CONTROL_PLANE" } }));
    expect((await post("policy-int-2")).body.violations.map((v: { code: string }) => v.code)).not.toContain("NO_ROLLBACK_PLAN");
  });
});
