// Governing the governance, on a database of its own: a policy edit that loosens any rule is only a
// proposal until a second, senior reviewer (never the proposer) approves it; tightening applies at
// once. Regression for the defect where a junior reviewer emptied the approval matrix (200) and then
// approved a control-plane grant holding env:delete and iam:admin alone.
import { describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DEFAULT_POLICY, type Policy } from "@/lib/policy/policy";
import { actorFor, withSeededDatabase } from "@/lib/test/seeded-database";
import { callRoute, tokenFor } from "@/lib/test/route-client";
import * as policyRoute from "@/app/api/v1/policy/route";
import * as proposalRoute from "@/app/api/v1/policy/proposals/[id]/route";
import * as proposalDecisionsRoute from "@/app/api/v1/policy/proposals/[id]/decisions/route";
import * as grantsRoute from "@/app/api/v1/grants/route";
import * as grantDecisionsRoute from "@/app/api/v1/grants/[id]/decisions/route";
import { decidePolicyProposal } from "./policy";

vi.mock("@/lib/auth/session", () => ({ currentUser: async () => null }));

let db: PrismaClient;
const token: Record<string, string> = {};
const EMAILS = { admin: "admin@example.com", lead: "lead@example.com", reviewer: "reviewer@example.com", reviewer2: "reviewer2@example.com", junior: "junior-reviewer@example.com" };
type Who = keyof typeof EMAILS;

withSeededDatabase("policy_proposals_test", async (seeded) => {
  db = seeded.db;
  for (const [who, email] of Object.entries(EMAILS)) token[who] = await tokenFor(db, email);
});

const policyNow = async () => (await callRoute(policyRoute.GET, { path: "/api/v1/policy", token: token.lead })).body;
const put = (who: Who, policy: Policy, note = "integration test", basedOnVersion?: number) =>
  callRoute(policyRoute.PUT, { method: "PUT", path: "/api/v1/policy", token: token[who], body: { policy, note, basedOnVersion } });
const decide = (who: Who, id: number | string, decision: "APPROVE" | "REJECT", comment = "reviewed") =>
  callRoute(proposalDecisionsRoute.POST, { method: "POST", path: `/api/v1/policy/proposals/${id}/decisions`, token: token[who], params: { id: String(id) }, body: { decision, comment } });
const edit = async (change: (policy: Policy) => void): Promise<Policy> => {
  const policy = structuredClone((await policyNow()).policy as Policy);
  change(policy);
  return policy;
};
const loosenWindow = () => edit((p) => (p.ceiling.windowDays -= 10));
const proposalStatus = async (id: number) => (await db.policyProposal.findUniqueOrThrow({ where: { id } })).status;

describe("a junior reviewer empties the approval matrix (the attack)", () => {
  let proposalId: number;

  it("is only proposed (202): the two-person rule stays in force", async () => {
    const res = await put("junior", await edit((p) => (p.approvals.rows = [])), "Approvals slow us down");
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: "PENDING", basedOnVersion: 0, proposedBy: EMAILS.junior, decidedBy: null, version: null });
    expect(res.body.differences).toEqual([expect.objectContaining({ path: "approvals.rows.0", loosens: true }), expect.objectContaining({ path: "approvals.rows.1", loosens: true })]);
    proposalId = res.body.id;

    const current = await policyNow();
    expect(current).toMatchObject({ version: 0, policy: DEFAULT_POLICY });
    expect(current.proposals).toEqual([expect.objectContaining({ id: proposalId, status: "PENDING", note: "Approvals slow us down" })]);
    expect(await db.policyVersion.count()).toBe(0);

    // Who sees Approve/Reject: a dry run of the rule the decision applies.
    const viewerOf = async (who: Who) => (await callRoute(policyRoute.GET, { path: "/api/v1/policy", token: token[who] })).body.proposals[0].viewer;
    expect(await viewerOf("reviewer")).toEqual({ canDecide: true, code: null, reason: null });
    expect(await viewerOf("junior")).toMatchObject({ canDecide: false, code: "SELF_APPROVAL" });
    expect(await viewerOf("admin")).toMatchObject({ canDecide: false, code: "SENIOR_REQUIRED" });
    expect(await viewerOf("lead")).toMatchObject({ canDecide: false, code: "FORBIDDEN" });

    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "policy.proposed" }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ actorEmail: EMAILS.junior, entity: "PolicyProposal", entityId: String(proposalId) });
    expect((event.after as { differences: unknown[] }).differences).toHaveLength(2);
  });

  it("so the junior cannot then approve a control-plane grant holding env:delete and iam:admin alone", async () => {
    const requested = await callRoute(grantsRoute.POST, {
      method: "POST",
      path: "/api/v1/grants",
      token: token.lead,
      body: { tool: "kiro-agent", environment: "control-plane", maxAutonomy: "AGENT", capabilities: ["env:delete", "iam:admin"], justification: "Rebuild the org's test accounts", expiresAt: "2027-12-31" },
    });
    expect(requested.status).toBe(201);
    expect(requested.body.requiredApprovals).toMatchObject({ count: 2, seniorRequired: true });

    const decided = await callRoute(grantDecisionsRoute.POST, {
      method: "POST",
      path: `/api/v1/grants/${requested.body.id}/decisions`,
      token: token.junior,
      params: { id: requested.body.id },
      body: { decision: "APPROVE", comment: "" },
    });
    expect(decided.status).toBe(201);
    expect(decided.body.status).toBe("REQUESTED");
    expect(decided.body.progress.missing).toEqual(["1 more approval", "a senior approval"]);
  });

  it("and cannot approve the proposal themselves (SELF_APPROVAL)", async () => {
    const res = await decide("junior", proposalId, "APPROVE");
    expect([res.status, res.body.error.code]).toEqual([403, "SELF_APPROVAL"]);
    expect(await proposalStatus(proposalId)).toBe("PENDING");
  });

  it("nor can a non-senior admin (SENIOR_REQUIRED), nor a platform lead (FORBIDDEN)", async () => {
    const admin = await decide("admin", proposalId, "APPROVE");
    expect([admin.status, admin.body.error.code]).toEqual([403, "SENIOR_REQUIRED"]);
    const lead = await decide("lead", proposalId, "APPROVE");
    expect([lead.status, lead.body.error.code]).toEqual([403, "FORBIDDEN"]);
    expect(await proposalStatus(proposalId)).toBe("PENDING");
  });

  it("a senior reviewer rejects it, with a comment; it is decided and audited", async () => {
    const noComment = await decide("reviewer", proposalId, "REJECT", "");
    expect(noComment.status).toBe(400);
    expect(noComment.body.error.details[0].field).toBe("comment");

    const rejected = await decide("reviewer", proposalId, "REJECT", "The two-person rule stays");
    expect(rejected.status).toBe(201);
    expect(rejected.body).toMatchObject({ status: "REJECTED", decidedBy: EMAILS.reviewer, decisionComment: "The two-person rule stays", version: null });
    expect((await policyNow()).proposals).toEqual([]);
    expect(await db.policyVersion.count()).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "policy.proposal.rejected", entityId: String(proposalId) } })).toBe(1);

    const again = await decide("reviewer2", proposalId, "APPROVE");
    expect([again.status, again.body.error.code]).toEqual([409, "PROPOSAL_NOT_PENDING"]);
  });
});

describe("approval by a second, senior reviewer", () => {
  it("puts the proposal in force as a new version, audited as approved and as the policy update", async () => {
    const proposed = await put("junior", await loosenWindow(), "Incidents age out faster");
    expect(proposed.status).toBe(202);
    const id = proposed.body.id as number;

    const approved = await decide("reviewer", id, "APPROVE", "Agreed at the risk review");
    expect(approved.status).toBe(201);
    expect(approved.body).toMatchObject({ status: "APPROVED", decidedBy: EMAILS.reviewer, decisionComment: "Agreed at the risk review", version: expect.any(Number) });

    const current = await policyNow();
    expect(current).toMatchObject({ version: approved.body.version, by: EMAILS.junior, approvedBy: EMAILS.reviewer, note: "Incidents age out faster" });
    expect(current.policy.ceiling.windowDays).toBe(80);
    expect(current.history[0]).toMatchObject({ version: approved.body.version, approvedBy: EMAILS.reviewer });

    const events = await db.auditEvent.findMany({ where: { action: { in: ["policy.proposal.approved", "policy.updated"] } }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.actorEmail, e.entityId])).toEqual([
      ["policy.updated", EMAILS.reviewer, String(approved.body.version)],
      ["policy.proposal.approved", EMAILS.reviewer, String(id)],
    ]);
    expect(events[0].after).toMatchObject({ proposal: id, proposedBy: EMAILS.junior, approvedBy: EMAILS.reviewer });

    const read = await callRoute(proposalRoute.GET, { path: `/api/v1/policy/proposals/${id}`, token: token.lead, params: { id: String(id) } });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id, status: "APPROVED", viewer: { canDecide: false, code: "FORBIDDEN" } });
    expect(read.body.differences).toEqual([expect.objectContaining({ path: "ceiling.windowDays", before: 90, after: 80, loosens: true })]);
  });

  it("re-reads the decider: a reviewer demoted since their session began cannot approve", async () => {
    const proposed = await put("admin", await loosenWindow());
    const actor = await actorFor(db, EMAILS.reviewer2);
    await db.user.update({ where: { email: EMAILS.reviewer2 }, data: { senior: false } });
    try {
      await expect(decidePolicyProposal(actor, String(proposed.body.id), { decision: "APPROVE", comment: "" })).rejects.toMatchObject({ code: "SENIOR_REQUIRED", status: 403 });
    } finally {
      await db.user.update({ where: { email: EMAILS.reviewer2 }, data: { senior: true } });
    }
    expect(await proposalStatus(proposed.body.id)).toBe("PENDING");
    expect((await decide("reviewer2", proposed.body.id, "REJECT", "Not now")).status).toBe(201);
  });

  it("answers 404 for an unknown proposal, whatever the id looks like", async () => {
    for (const id of ["999999", "abc", "0", "99999999999"]) {
      expect((await callRoute(proposalRoute.GET, { path: `/api/v1/policy/proposals/${id}`, token: token.lead, params: { id } })).status, id).toBe(404);
      expect((await decide("reviewer", id, "APPROVE")).status, id).toBe(404);
    }
  });
});

describe("tightening", () => {
  it("applies at once (200), with the differences, and supersedes the proposals pending against the old version", async () => {
    const pending = await put("junior", await loosenWindow(), "Shorter window");
    expect(pending.status).toBe(202);
    const before = (await policyNow()).version as number;

    const tightened = await put("junior", await edit((p) => (p.findings.staleObservationDays = 7)), "Observations go stale sooner", before);
    expect(tightened.status).toBe(200);
    expect(tightened.body).toMatchObject({ version: expect.any(Number), by: EMAILS.junior });
    expect(tightened.body.differences).toEqual([expect.objectContaining({ path: "findings.staleObservationDays", loosens: false })]);
    expect((await policyNow()).version).toBe(tightened.body.version);

    // Approving it now would put the 30-day stale window back.
    expect(await proposalStatus(pending.body.id)).toBe("SUPERSEDED");
    expect(await db.auditEvent.count({ where: { action: "policy.proposal.superseded", entityId: String(pending.body.id) } })).toBe(1);
    const late = await decide("reviewer", pending.body.id, "APPROVE");
    expect([late.status, late.body.error.code]).toEqual([409, "PROPOSAL_NOT_PENDING"]);
    expect((await policyNow()).version).toBe(tightened.body.version);
  });
});

describe("a stale proposal", () => {
  it("is refused (409) and marked superseded when the version it was based on is no longer in force", async () => {
    const proposed = await put("junior", await loosenWindow(), "Shorter window again");
    expect(proposed.status).toBe(202);
    // A version written behind the proposals' back (e.g. restored from a backup): approval must not undo it.
    const current = await policyNow();
    await db.policyVersion.create({ data: { policy: current.policy, note: "restored" } });
    const versions = await db.policyVersion.count();

    const res = await decide("reviewer", proposed.body.id, "APPROVE");
    expect([res.status, res.body.error.code]).toEqual([409, "PROPOSAL_SUPERSEDED"]);
    expect(await proposalStatus(proposed.body.id)).toBe("SUPERSEDED");
    expect(await db.policyVersion.count()).toBe(versions);
  });

  it("cannot be proposed from an older version either (409)", async () => {
    const current = (await policyNow()).version as number;
    const res = await put("junior", await loosenWindow(), "From an old tab", current - 1);
    expect(res.status).toBe(409);
    expect(await db.policyProposal.count({ where: { status: "PENDING" } })).toBe(0);
  });
});

describe("two seniors approving at the same instant", () => {
  it("produce exactly one version; the other is told the proposal is decided", async () => {
    const proposed = await put("admin", await loosenWindow(), "Both seniors will approve");
    expect(proposed.status).toBe(202);
    const versions = await db.policyVersion.count();

    const results = await Promise.all([decide("reviewer", proposed.body.id, "APPROVE"), decide("reviewer2", proposed.body.id, "APPROVE")]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)?.body.error.code).toBe("PROPOSAL_NOT_PENDING");
    expect(await db.policyVersion.count()).toBe(versions + 1);
    expect(await db.auditEvent.count({ where: { action: "policy.proposal.approved", entityId: String(proposed.body.id) } })).toBe(1);
  });
});
