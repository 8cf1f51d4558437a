// POST /api/v1/policy/preview on a seeded database of its own: what a draft policy would change for
// the pending and approved grants, which is what the register then does once the draft is saved;
// the preview itself writes nothing.
import { describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DEFAULT_POLICY, type ApprovalRow, type Policy } from "@/lib/policy/policy";
import { tokensFor, withSeededDatabase } from "@/lib/test/seeded-database";
import { callRoute } from "@/lib/test/route-client";
import * as previewRoute from "@/app/api/v1/policy/preview/route";
import * as policyRoute from "@/app/api/v1/policy/route";
import * as findingsRoute from "@/app/api/v1/findings/route";
import * as grantRoute from "@/app/api/v1/grants/[id]/route";
import { settleFindings } from "./finding-evaluator";

vi.mock("@/lib/auth/session", () => ({ currentUser: async () => null }));

let db: PrismaClient;
const token: Record<string, string> = {};

withSeededDatabase("policy_preview_test", async (seeded) => {
  db = seeded.db;
  Object.assign(token, await tokensFor(db, ["admin", "lead", "reviewer", "viewer"]));
});

const preview = (who: string | null, body: unknown) => callRoute(previewRoute.POST, { method: "POST", path: "/api/v1/policy/preview", token: who ? token[who] : undefined, body });
const put = (body: unknown) => callRoute(policyRoute.PUT, { method: "PUT", path: "/api/v1/policy", token: token.reviewer, body });
const draft = (change: (policy: Policy) => Policy) => change(structuredClone(DEFAULT_POLICY));

// A row the default matrix lacks: AUTONOMOUS grants need two people at every tier, not only from production.
const AUTONOMOUS_TWO: ApprovalRow = { count: 2, seniorRequired: true, when: [{ autonomyAtLeast: "AUTONOMOUS" }] };
const withAutonomousRow = draft((p) => ({ ...p, approvals: { ...p.approvals, rows: [AUTONOMOUS_TWO, ...p.approvals.rows] } }));
const withDeployHighImpact = draft((p) => ({ ...p, highImpactClasses: [...p.highImpactClasses, "DEPLOY"] }));

const twoPersonPairs = async () => {
  const res = await callRoute(findingsRoute.GET, { path: "/api/v1/findings?rule=DESTRUCTIVE_WITHOUT_TWO_PERSON&pageSize=100", token: token.viewer });
  expect(res.status).toBe(200);
  return (res.body.rows as { tool: string; environment: string }[]).map((f) => `${f.tool} in ${f.environment}`).sort();
};

describe("POST /api/v1/policy/preview", () => {
  it("is for those who may edit the policy", async () => {
    const body = { policy: DEFAULT_POLICY };
    expect((await preview(null, body)).status).toBe(401);
    expect((await preview("viewer", body)).status).toBe(403);
    expect((await preview("lead", body)).status).toBe(403);
    expect((await preview("admin", body)).status).toBe(200);
  });

  it("refuses an invalid policy naming the field; a note may be left out but is checked when sent", async () => {
    const emptyCondition = await preview("reviewer", { policy: draft((p) => ({ ...p, approvals: { ...p.approvals, rows: [{ count: 2, seniorRequired: true, when: [{}] }] } })) });
    expect(emptyCondition.status).toBe(400);
    expect(emptyCondition.body.error.details[0].field).toBe("policy.approvals.rows.0.when.0");
    const threeApprovals = await preview("reviewer", { policy: { ...DEFAULT_POLICY, approvals: { ...DEFAULT_POLICY.approvals, base: { count: 3, seniorRequired: false } } } });
    expect(threeApprovals.status).toBe(400);
    expect(threeApprovals.body.error.details[0].field).toBe("policy.approvals.base.count");
    expect((await preview("reviewer", { policy: DEFAULT_POLICY, note: "no" })).status).toBe(400);
    expect((await preview("reviewer", {})).status).toBe(400);
  });

  it("finds nothing to report for the policy in force, counting the seed's three pending requests", async () => {
    const res = await preview("reviewer", { policy: DEFAULT_POLICY, note: "The same rules", basedOnVersion: 0 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      inForce: 0,
      differences: [],
      loosens: false,
      pendingGrants: 3,
      moreApprovals: [],
      fewerApprovals: [],
      newTwoPersonFindings: [],
      clearedTwoPersonFindings: [],
    });
  });

  it("a stricter row for AUTONOMOUS: the pending nimbus-autofix request would need two people, as it does once saved; the preview writes nothing", async () => {
    const events = await db.auditEvent.count();
    const res = await preview("reviewer", { policy: withAutonomousRow });
    expect(res.status).toBe(200);
    const nimbus = await db.grant.findFirstOrThrow({ where: { status: "REQUESTED", tool: { slug: "nimbus-autofix" } } });
    expect(res.body.moreApprovals).toEqual([
      {
        grantId: nimbus.id,
        tool: "nimbus-autofix",
        environment: "sandbox",
        before: { count: 1, seniorRequired: true, reasons: ["AUTONOMOUS"] },
        after: { count: 2, seniorRequired: true, reasons: ["AUTONOMOUS"] },
        missingAfter: ["2 more approvals", "a senior approval"],
      },
    ]);
    expect(res.body).toMatchObject({ fewerApprovals: [], newTwoPersonFindings: [], loosens: false });
    expect(res.body.differences).toEqual([expect.objectContaining({ path: "approvals.rows.0", loosens: false })]);
    expect(await db.policyVersion.count()).toBe(0);
    expect(await db.policyProposal.count()).toBe(0);
    expect(await db.auditEvent.count()).toBe(events);

    expect((await put({ policy: withAutonomousRow, note: "Autonomy needs two people everywhere" })).status).toBe(200);
    const grant = await callRoute(grantRoute.GET, { path: `/api/v1/grants/${nimbus.id}`, token: token.viewer, params: { id: nimbus.id } });
    expect(grant.body.requiredApprovals).toMatchObject({ count: 2, seniorRequired: true });

    // Taking the row out again is previewed against the version now in force: fewer, and a loosening.
    const back = await preview("reviewer", { policy: DEFAULT_POLICY });
    expect(back.body).toMatchObject({ inForce: expect.any(Number), loosens: true, moreApprovals: [], fewerApprovals: [expect.objectContaining({ grantId: nimbus.id })] });
  });

  it("is refused with a 409 when the edit started from a version no longer in force", async () => {
    const res = await preview("reviewer", { policy: DEFAULT_POLICY, basedOnVersion: 0 });
    expect(res.status).toBe(409);
    expect(res.body.error.details[0].field).toBe("basedOnVersion");
  });

  it("DEPLOY made high-impact: the approved grants it would raise DESTRUCTIVE_WITHOUT_TWO_PERSON for are the findings that appear once it is saved", async () => {
    await settleFindings(db, { rebuild: true });
    const before = await twoPersonPairs();
    const current = (await callRoute(policyRoute.GET, { path: "/api/v1/policy", token: token.viewer })).body;
    const proposed = { ...current.policy, highImpactClasses: withDeployHighImpact.highImpactClasses };
    const res = await preview("reviewer", { policy: proposed, basedOnVersion: current.version });
    expect(res.status).toBe(200);
    const raised = (res.body.newTwoPersonFindings as { tool: string; environment: string; grantId: string }[]).map((f) => `${f.tool} in ${f.environment}`).sort();
    // Shipwright runs CI (ci:run, DEPLOY) in production under a grant one reviewer approved.
    expect(raised).toEqual(["shipwright in prod-us-east"]);
    const shipwright = await db.grant.findFirstOrThrow({ where: { status: "APPROVED", tool: { slug: "shipwright" }, environment: { name: "prod-us-east" } } });
    expect(res.body.newTwoPersonFindings[0]).toMatchObject({ grantId: shipwright.id, severity: expect.any(String), explanation: expect.stringContaining("ci:run (DEPLOY)") });
    expect(res.body.clearedTwoPersonFindings).toEqual([]);

    expect((await put({ policy: proposed, note: "Deploy rights count as high-impact", basedOnVersion: current.version })).status).toBe(200);
    await settleFindings(db, { rebuild: true });
    const after = await twoPersonPairs();
    expect(after.filter((pair) => !before.includes(pair))).toEqual(raised);
    expect(before.filter((pair) => !after.includes(pair))).toEqual([]);
  });
});
