import { describe, expect, it } from "vitest";
import { previewPolicy, type PendingGrantFacts } from "./matrix-preview";
import { DEFAULT_POLICY, type ApprovalRow, type Policy } from "./policy";
import { environment, grant, NOW, observation, snapshot, tool } from "./test-fixtures";
import type { RecordedDecision } from "./approvals";

const ENVIRONMENTS = [
  environment({ name: "sandbox", tier: "SANDBOX" }),
  environment({ name: "staging", tier: "PRE_PRODUCTION", dataSensitivity: "INTERNAL" }),
  environment({ name: "prod", tier: "PRODUCTION" }),
];

const pending = (id: string, parts: Partial<PendingGrantFacts>): PendingGrantFacts => ({
  id,
  toolSlug: "kiro-agent",
  environment: "sandbox",
  maxAutonomy: "SUGGEST",
  capabilities: ["repo:read"],
  requesterId: "lead",
  decisions: [],
  ...parts,
});

// Under DESIGN.md's matrix: 1 reviewer, 1 senior, 1 senior, 2 with a senior, 1 reviewer, 1 senior.
const PENDING: PendingGrantFacts[] = [
  pending("sbx-read", {}),
  pending("sbx-auto", { maxAutonomy: "AUTONOMOUS" }),
  pending("prod-write", { environment: "prod", maxAutonomy: "AGENT", capabilities: ["repo:write"] }),
  pending("prod-delete", { environment: "prod", maxAutonomy: "AGENT", capabilities: ["env:delete"] }),
  pending("staging-deploy", { environment: "staging", maxAutonomy: "AGENT", capabilities: ["deploy:run"] }),
  pending("sbx-delete", { maxAutonomy: "AGENT", capabilities: ["env:delete"] }),
];

// Approved grants in production, each observed holding what it was granted.
const REGISTER = snapshot({
  tools: ["deployer", "wiper", "careful"].map((slug) => tool({ slug, name: slug })),
  environments: ENVIRONMENTS,
  grants: [
    grant({ id: "g-deployer", toolSlug: "deployer", environment: "prod", capabilities: ["deploy:run"], approverIds: ["u1"] }),
    grant({ id: "g-wiper", toolSlug: "wiper", environment: "prod", capabilities: ["env:delete"], approverIds: ["u1"] }),
    grant({ id: "g-careful", toolSlug: "careful", environment: "prod", capabilities: ["env:delete", "deploy:run"], approverIds: ["u1", "u2"] }),
  ],
  observations: [
    observation({ toolSlug: "deployer", environment: "prod", capabilities: ["deploy:run"] }),
    observation({ toolSlug: "wiper", environment: "prod", capabilities: ["env:delete"] }),
    observation({ toolSlug: "careful", environment: "prod", capabilities: ["env:delete", "deploy:run"] }),
  ],
});

const withRows = (rows: (rows: ApprovalRow[]) => ApprovalRow[], policy: Policy = DEFAULT_POLICY): Policy => ({
  ...policy,
  approvals: { ...policy.approvals, rows: rows(structuredClone(policy.approvals.rows)) },
});
const preview = (draft: Policy, pendingGrants = PENDING) => previewPolicy(DEFAULT_POLICY, draft, { snapshot: REGISTER, pending: pendingGrants, now: NOW });
const ids = (list: { grantId: string }[]) => list.map((entry) => entry.grantId).sort();

describe("previewPolicy: pending grants under a draft approval matrix", () => {
  it("finds nothing to report for the policy in force, and says it loosens nothing", () => {
    const result = preview(DEFAULT_POLICY);
    expect(result).toMatchObject({ pendingGrants: 6, loosens: false, differences: [], moreApprovals: [], fewerApprovals: [], newTwoPersonFindings: [], clearedTwoPersonFindings: [] });
  });

  it("a removed row: the grants only it covered need fewer approvals, and the save would be a proposal", () => {
    const result = preview(withRows((rows) => [rows[0]]));
    expect(ids(result.fewerApprovals)).toEqual(["prod-delete"]);
    expect(result.fewerApprovals[0]).toMatchObject({ tool: "kiro-agent", environment: "prod", before: { count: 2, seniorRequired: true }, after: { count: 1, seniorRequired: true } });
    expect(result.moreApprovals).toEqual([]);
    expect(result.loosens).toBe(true);
  });

  it("a row added above the others captures nothing first: every matching row applies, so only a stricter one changes a grant", () => {
    const laxAbove = preview(withRows((rows) => [{ count: 1, seniorRequired: false, when: [{ tierAtLeast: "SANDBOX" }] }, ...rows]));
    expect(laxAbove.moreApprovals).toEqual([]);
    expect(laxAbove.fewerApprovals).toEqual([]);
    expect(laxAbove.loosens).toBe(false);

    const strictAbove = preview(withRows((rows) => [{ count: 2, seniorRequired: true, when: [{ autonomyAtLeast: "AUTONOMOUS" }] }, ...rows]));
    expect(ids(strictAbove.moreApprovals)).toEqual(["sbx-auto"]);
    expect(strictAbove.moreApprovals[0]).toMatchObject({ before: { count: 1, seniorRequired: true }, after: { count: 2, seniorRequired: true }, missingAfter: ["2 more approvals", "a senior approval"] });
    expect(strictAbove.fewerApprovals).toEqual([]);
  });

  it("reordering rows changes no grant's approvals", () => {
    const result = preview(withRows((rows) => [...rows].reverse()));
    expect(result.moreApprovals).toEqual([]);
    expect(result.fewerApprovals).toEqual([]);
    expect(result.differences).toEqual([]);
  });

  it("a row's approvals raised: the grants it matches that needed fewer now need two", () => {
    const result = preview(withRows((rows) => [{ ...rows[0], count: 2 }, rows[1]]));
    // prod-delete needed two already; staging-deploy and sbx-read match no row.
    expect(ids(result.moreApprovals)).toEqual(["prod-write", "sbx-auto", "sbx-delete"]);
    expect(result.fewerApprovals).toEqual([]);
  });

  it("a row's approvals lowered: the grants it alone asked two of need one", () => {
    const result = preview(withRows((rows) => [rows[0], { ...rows[1], count: 1 }]));
    expect(ids(result.fewerApprovals)).toEqual(["prod-delete"]);
    expect(result.fewerApprovals[0].after).toMatchObject({ count: 1, seniorRequired: true });
    expect(result.loosens).toBe(true);
  });

  it("a senior requirement added to any grant: the grants that needed any reviewer now need a senior, counting the approvals on record", () => {
    const seniorApproval: RecordedDecision = { reviewerId: "r1", senior: true, decision: "APPROVE" };
    const ownApproval: RecordedDecision = { reviewerId: "lead", senior: true, decision: "APPROVE" };
    const withDecisions = PENDING.map((p) => (p.id === "staging-deploy" ? { ...p, decisions: [seniorApproval] } : p.id === "sbx-read" ? { ...p, decisions: [ownApproval] } : p));
    const result = preview({ ...DEFAULT_POLICY, approvals: { ...DEFAULT_POLICY.approvals, base: { count: 1, seniorRequired: true } } }, withDecisions);
    expect(ids(result.moreApprovals)).toEqual(["sbx-read", "staging-deploy"]);
    const byId = Object.fromEntries(result.moreApprovals.map((change) => [change.grantId, change]));
    expect(byId["staging-deploy"].missingAfter).toEqual([]);
    // The requester's own approval never counts.
    expect(byId["sbx-read"].missingAfter).toEqual(["1 more approval", "a senior approval"]);
  });

  it("a grant asked for more people but no senior is listed under both", () => {
    const draft: Policy = withRows((rows) => [{ ...rows[0], count: 2, seniorRequired: false }, rows[1]]);
    const result = preview(draft);
    expect(ids(result.moreApprovals)).toEqual(["prod-write", "sbx-auto", "sbx-delete"]);
    expect(ids(result.fewerApprovals)).toEqual(["prod-write", "sbx-auto", "sbx-delete"]);
  });

  it("a destructive capability row: grants holding a DESTRUCTIVE capability at any tier need two people", () => {
    const result = preview(withRows((rows) => [...rows, { count: 2, seniorRequired: true, when: [{ capabilityClassIn: ["DESTRUCTIVE"] }] }]));
    expect(ids(result.moreApprovals)).toEqual(["sbx-delete"]);
    expect(result.moreApprovals[0].after.reasons).toContain("capability class DESTRUCTIVE");
  });

  it("ignores pending grants in environments the register does not know", () => {
    const result = preview(withRows((rows) => [{ ...rows[0], count: 2 }, rows[1]]), [pending("ghost", { environment: "nowhere", maxAutonomy: "AUTONOMOUS" })]);
    expect(result.moreApprovals).toEqual([]);
  });
});

describe("previewPolicy: approved grants and DESTRUCTIVE_WITHOUT_TWO_PERSON", () => {
  it("a class made high-impact raises the finding for the approved grants one person approved that hold it", () => {
    const result = preview({ ...DEFAULT_POLICY, highImpactClasses: [...DEFAULT_POLICY.highImpactClasses, "DEPLOY"] });
    // wiper's finding stands under both policies; careful had two approvers.
    expect(result.newTwoPersonFindings).toEqual([
      { grantId: "g-deployer", tool: "deployer", environment: "prod", severity: "MEDIUM", explanation: expect.stringContaining("deploy:run (DEPLOY)") },
    ]);
    expect(result.clearedTwoPersonFindings).toEqual([]);
    expect(result.loosens).toBe(false);
  });

  it("a class no longer high-impact clears the findings it raised, and loosens", () => {
    const result = preview({ ...DEFAULT_POLICY, highImpactClasses: ["SCHEMA", "INFRA", "ADMIN"] });
    expect(ids(result.clearedTwoPersonFindings)).toEqual(["g-wiper"]);
    expect(result.newTwoPersonFindings).toEqual([]);
    expect(result.loosens).toBe(true);
  });

  it("the two-person tier raised above production clears the production findings", () => {
    const result = preview({ ...DEFAULT_POLICY, findings: { ...DEFAULT_POLICY.findings, twoPersonFromTier: "SHARED_PLATFORM" } });
    expect(ids(result.clearedTwoPersonFindings)).toEqual(["g-wiper"]);
  });

  it("matrix rows alone raise no finding: the rule reads who approved, not what the matrix asks", () => {
    const result = preview(withRows((rows) => [...rows, { count: 2, seniorRequired: true, when: [{ capabilityClassIn: ["DEPLOY"] }] }]));
    expect(result.newTwoPersonFindings).toEqual([]);
    expect(result.clearedTwoPersonFindings).toEqual([]);
  });
});
