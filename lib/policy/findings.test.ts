import { describe, expect, it } from "vitest";
import {
  allowedAutonomyMatrix,
  autonomyExceedsCeiling,
  autonomyExceedsGrant,
  capabilityExceedsGrant,
  computeFindings,
  destructiveWithoutTwoPerson,
  findingSeverity,
  grantExpired,
  nextTransitionAt,
  pairFacts,
  retiredWithAccess,
  staleObservation,
  ungrantedReach,
  unusedGrant,
  type Rule,
} from "./findings";
import { daysAgo, environment, grant, incidentLink, NOW, observation, snapshot, tool } from "./test-fixtures";
import { addDays } from "./time";
import { DEFAULT_POLICY } from "./policy";
import type { Finding, RegisterSnapshot } from "./types";

/** Runs one rule on the single tool × environment pair of a snapshot. */
function judge(rule: Rule, parts: Partial<RegisterSnapshot>): Finding | null {
  const pairs = pairFacts(snapshot(parts), NOW);
  expect(pairs).toHaveLength(1);
  return rule(pairs[0]);
}

type Case = { name: string; parts: Partial<RegisterSnapshot>; raised: boolean };

describe("UNGRANTED_REACH", () => {
  it.each<Case>([
    { name: "observed with no grant at all", parts: { observations: [observation()] }, raised: true },
    { name: "observed with only requested and denied grants", parts: { observations: [observation()], grants: [grant({ status: "REQUESTED", decidedAt: null }), grant({ id: "g2", status: "DENIED" })] }, raised: true },
    { name: "observed with only a revoked grant", parts: { observations: [observation()], grants: [grant({ status: "REVOKED" })] }, raised: true },
    { name: "autonomy OFF but holding a capability", parts: { observations: [observation({ autonomy: "OFF", capabilities: ["repo:read"] })] }, raised: true },
    { name: "autonomy OFF holding nothing is not reach", parts: { observations: [observation({ autonomy: "OFF", capabilities: [] })] }, raised: false },
    { name: "a valid grant", parts: { observations: [observation()], grants: [grant()] }, raised: false },
    { name: "an expired grant (GRANT_EXPIRED instead)", parts: { observations: [observation()], grants: [grant({ expiresAt: daysAgo(1) })] }, raised: false },
    { name: "a grant request but no observation", parts: { grants: [grant({ status: "REQUESTED" })] }, raised: false },
  ])("$name → raised=$raised", ({ parts, raised }) => {
    expect(judge(ungrantedReach, parts)?.rule ?? null).toBe(raised ? "UNGRANTED_REACH" : null);
  });

  it("explains in plain words, since the observation", () => {
    const observedAt = daysAgo(2);
    expect(judge(ungrantedReach, { observations: [observation({ autonomy: "AUTONOMOUS", capabilities: ["env:delete"], observedAt })] })).toEqual({
      rule: "UNGRANTED_REACH",
      severity: "CRITICAL",
      tool: "kiro-agent",
      environment: "prod-us-east",
      explanation: "kiro-agent acts AUTONOMOUSLY in prod-us-east holding env:delete (DESTRUCTIVE) but it has no approved grant there",
      since: observedAt,
    });
    expect(judge(ungrantedReach, { observations: [observation()], grants: [grant({ status: "REVOKED" })] })?.explanation).toBe(
      "kiro-agent acts as an AGENT in prod-us-east holding repo:read (READ) but its grant there was revoked",
    );
  });
});

describe("AUTONOMY_EXCEEDS_GRANT", () => {
  it.each<Case>([
    { name: "AUTONOMOUS over an AGENT grant", parts: { observations: [observation({ autonomy: "AUTONOMOUS" })], grants: [grant()] }, raised: true },
    { name: "AGENT over a SUGGEST grant", parts: { observations: [observation()], grants: [grant({ maxAutonomy: "SUGGEST" })] }, raised: true },
    { name: "equal to the grant", parts: { observations: [observation()], grants: [grant()] }, raised: false },
    { name: "below the grant", parts: { observations: [observation({ autonomy: "SUGGEST" })], grants: [grant()] }, raised: false },
    { name: "over an expired grant (GRANT_EXPIRED instead)", parts: { observations: [observation({ autonomy: "AUTONOMOUS" })], grants: [grant({ expiresAt: daysAgo(1) })] }, raised: false },
    { name: "no observation", parts: { grants: [grant()] }, raised: false },
  ])("$name → raised=$raised", ({ parts, raised }) => {
    expect(judge(autonomyExceedsGrant, parts)?.rule ?? null).toBe(raised ? "AUTONOMY_EXCEEDS_GRANT" : null);
  });

  it("names tool, environment and the gap", () => {
    expect(judge(autonomyExceedsGrant, { observations: [observation({ autonomy: "AUTONOMOUS" })], grants: [grant()] })?.explanation).toBe(
      "kiro-agent acts AUTONOMOUSLY in prod-us-east but its grant allows AGENT",
    );
  });
});

describe("CAPABILITY_EXCEEDS_GRANT", () => {
  it.each<Case>([
    { name: "one capability outside the grant", parts: { observations: [observation({ capabilities: ["repo:read", "deploy:run"] })], grants: [grant()] }, raised: true },
    { name: "a capability missing from the catalog", parts: { observations: [observation({ capabilities: ["mystery:do"] })], grants: [grant()] }, raised: true },
    { name: "capabilities within the grant", parts: { observations: [observation({ capabilities: ["repo:write", "repo:read"] })], grants: [grant()] }, raised: false },
    { name: "nothing held", parts: { observations: [observation({ capabilities: [] })], grants: [grant()] }, raised: false },
    { name: "extra capability without a valid grant (UNGRANTED_REACH instead)", parts: { observations: [observation({ capabilities: ["env:delete"] })], grants: [grant({ status: "REVOKED" })] }, raised: false },
  ])("$name → raised=$raised", ({ parts, raised }) => {
    expect(judge(capabilityExceedsGrant, parts)?.rule ?? null).toBe(raised ? "CAPABILITY_EXCEEDS_GRANT" : null);
  });

  it("one finding lists every extra capability", () => {
    const found = judge(capabilityExceedsGrant, {
      observations: [observation({ capabilities: ["repo:read", "env:delete", "db:migrate", "env:delete"] })],
      grants: [grant()],
    });
    expect(found?.explanation).toBe("kiro-agent holds env:delete (DESTRUCTIVE), db:migrate (SCHEMA) in prod-us-east, which its grant does not allow");
    expect(found?.severity).toBe("HIGH");
  });
});

describe("AUTONOMY_EXCEEDS_CEILING", () => {
  const fullGrant = grant({ maxAutonomy: "AUTONOMOUS" });
  it.each<Case>([
    { name: "AGENT after a recent SEV1", parts: { observations: [observation()], grants: [fullGrant], incidentLinks: [incidentLink()] }, raised: true },
    { name: "AUTONOMOUS after a recent SEV2", parts: { observations: [observation({ autonomy: "AUTONOMOUS" })], grants: [fullGrant], incidentLinks: [incidentLink({ severity: "SEV2" })] }, raised: true },
    { name: "AGENT after a recent SEV2 (at the ceiling)", parts: { observations: [observation()], grants: [fullGrant], incidentLinks: [incidentLink({ severity: "SEV2" })] }, raised: false },
    { name: "SUGGEST after a SEV1 (at the ceiling)", parts: { observations: [observation({ autonomy: "SUGGEST" })], grants: [fullGrant], incidentLinks: [incidentLink()] }, raised: false },
    { name: "SEV1 exactly 90 days ago", parts: { observations: [observation()], grants: [fullGrant], incidentLinks: [incidentLink({ startedAt: daysAgo(90) })] }, raised: false },
    { name: "tool only INVOLVED", parts: { observations: [observation()], grants: [fullGrant], incidentLinks: [incidentLink({ role: "INVOLVED" })] }, raised: false },
    { name: "pre-production is below the ceiling tier", parts: { environments: [environment({ tier: "PRE_PRODUCTION" })], observations: [observation()], grants: [fullGrant], incidentLinks: [incidentLink()] }, raised: false },
    { name: "no valid grant (UNGRANTED_REACH instead)", parts: { observations: [observation()], incidentLinks: [incidentLink()] }, raised: false },
  ])("$name → raised=$raised", ({ parts, raised }) => {
    expect(judge(autonomyExceedsCeiling, parts)?.rule ?? null).toBe(raised ? "AUTONOMY_EXCEEDS_CEILING" : null);
  });

  it("is dated from the binding incident's start and explains the cap", () => {
    const startedAt = new Date("2025-05-22T12:00:00Z");
    const found = judge(autonomyExceedsCeiling, { observations: [observation()], grants: [fullGrant], incidentLinks: [incidentLink({ incidentKey: "INC-9", startedAt })] });
    expect(found?.since).toEqual(startedAt);
    expect(found?.explanation).toBe(
      "kiro-agent acts as an AGENT in prod-us-east but is capped at SUGGEST until 2025-08-20 because it triggered SEV1 incident INC-9 on 2025-05-22",
    );
  });
});

describe("GRANT_EXPIRED", () => {
  it.each<Case>([
    { name: "observed after the latest approved grant expired", parts: { observations: [observation()], grants: [grant({ expiresAt: daysAgo(3) })] }, raised: true },
    { name: "grant stored with status EXPIRED", parts: { observations: [observation()], grants: [grant({ status: "EXPIRED", expiresAt: daysAgo(3) })] }, raised: true },
    { name: "expires exactly now", parts: { observations: [observation()], grants: [grant({ expiresAt: NOW })] }, raised: true },
    { name: "grant still valid", parts: { observations: [observation()], grants: [grant({ expiresAt: addDays(NOW, 3) })] }, raised: false },
    { name: "expired but not observed", parts: { grants: [grant({ expiresAt: daysAgo(3) })] }, raised: false },
    { name: "expired and observed OFF holding nothing", parts: { observations: [observation({ autonomy: "OFF", capabilities: [] })], grants: [grant({ expiresAt: daysAgo(3) })] }, raised: false },
    { name: "expired, then revoked grant later (UNGRANTED_REACH instead)", parts: { observations: [observation()], grants: [grant({ expiresAt: daysAgo(3) }), grant({ id: "g2", status: "REVOKED", decidedAt: daysAgo(2) })] }, raised: false },
  ])("$name → raised=$raised", ({ parts, raised }) => {
    expect(judge(grantExpired, parts)?.rule ?? null).toBe(raised ? "GRANT_EXPIRED" : null);
  });

  it("is dated from the expiry", () => {
    const expiresAt = new Date("2025-05-29T00:00:00Z");
    const found = judge(grantExpired, { observations: [observation()], grants: [grant({ expiresAt })] });
    expect(found?.since).toEqual(expiresAt);
    expect(found?.explanation).toBe("kiro-agent acts as an AGENT in prod-us-east holding repo:read (READ) but its grant there expired on 2025-05-29");
  });
});

describe("DESTRUCTIVE_WITHOUT_TWO_PERSON", () => {
  const destructive = observation({ capabilities: ["env:delete"] });
  it.each<Case>([
    { name: "DESTRUCTIVE in production, one approver", parts: { observations: [destructive], grants: [grant({ approverIds: ["u1"] })] }, raised: true },
    { name: "imported grant with no approvers", parts: { observations: [destructive], grants: [grant({ approverIds: [] })] }, raised: true },
    { name: "same person recorded twice", parts: { observations: [destructive], grants: [grant({ approverIds: ["u1", "u1"] })] }, raised: true },
    { name: "SCHEMA on the control plane", parts: { environments: [environment({ tier: "CONTROL_PLANE" })], observations: [observation({ capabilities: ["db:migrate"] })], grants: [grant({ approverIds: ["u1"] })] }, raised: true },
    { name: "two distinct approvers", parts: { observations: [destructive], grants: [grant({ approverIds: ["u1", "u2"] })] }, raised: false },
    { name: "pre-production", parts: { environments: [environment({ tier: "PRE_PRODUCTION" })], observations: [destructive], grants: [grant({ approverIds: ["u1"] })] }, raised: false },
    { name: "no high-impact capability", parts: { observations: [observation({ capabilities: ["repo:write", "deploy:run"] })], grants: [grant({ approverIds: ["u1"] })] }, raised: false },
    { name: "no valid grant (UNGRANTED_REACH instead)", parts: { observations: [destructive] }, raised: false },
  ])("$name → raised=$raised", ({ parts, raised }) => {
    expect(judge(destructiveWithoutTwoPerson, parts)?.rule ?? null).toBe(raised ? "DESTRUCTIVE_WITHOUT_TWO_PERSON" : null);
  });

  it("explains who approved and what is needed", () => {
    expect(judge(destructiveWithoutTwoPerson, { observations: [destructive], grants: [grant({ approverIds: ["u1"] })] })?.explanation).toBe(
      "kiro-agent holds env:delete (DESTRUCTIVE) in prod-us-east (tier PRODUCTION) under a grant approved by only 1 person; " +
        "high-impact capabilities at tier ≥ PRODUCTION need two",
    );
  });
});

describe("STALE_OBSERVATION", () => {
  const at = (days: number, status: ReturnType<typeof tool>["status"] = "APPROVED"): Partial<RegisterSnapshot> => ({
    tools: [tool({ status })],
    observations: [observation({ observedAt: daysAgo(days) })],
    grants: [grant()],
  });
  it.each<Case>([
    { name: "APPROVED tool observed 31 days ago", parts: at(31), raised: true },
    { name: "APPROVED tool observed exactly 30 days ago", parts: at(30), raised: true },
    { name: "RESTRICTED tool observed 45 days ago", parts: at(45, "RESTRICTED"), raised: true },
    { name: "APPROVED tool observed 29 days ago", parts: at(29), raised: false },
    { name: "PROPOSED tool (not active)", parts: at(45, "PROPOSED"), raised: false },
    { name: "SUSPENDED tool (not active)", parts: at(45, "SUSPENDED"), raised: false },
    { name: "RETIRED tool (not active)", parts: at(45, "RETIRED"), raised: false },
    { name: "never observed", parts: { grants: [grant()] }, raised: false },
  ])("$name → raised=$raised", ({ parts, raised }) => {
    expect(judge(staleObservation, parts)?.rule ?? null).toBe(raised ? "STALE_OBSERVATION" : null);
  });

  it("is dated from when the pair's oldest source went stale", () => {
    const parts = { observations: [observation({ observedAt: daysAgo(40) }), observation({ observedAt: daysAgo(60) })] };
    expect(judge(staleObservation, parts)?.since).toEqual(addDays(daysAgo(60), 30));
    expect(judge(staleObservation, { observations: [observation({ observedAt: daysAgo(40) })] })?.since).toEqual(addDays(daysAgo(40), 30));
    expect(judge(staleObservation, { observations: [observation({ observedAt: daysAgo(3) })] })).toBeNull();
  });
});

describe("RETIRED_WITH_ACCESS", () => {
  it.each<Case>([
    { name: "RETIRED tool holding a capability", parts: { tools: [tool({ status: "RETIRED" })], observations: [observation({ autonomy: "OFF", capabilities: ["repo:read"] })] }, raised: true },
    { name: "SUSPENDED tool with autonomy but no capability", parts: { tools: [tool({ status: "SUSPENDED" })], observations: [observation({ autonomy: "SUGGEST", capabilities: [] })] }, raised: true },
    { name: "RETIRED tool under a still-valid grant", parts: { tools: [tool({ status: "RETIRED" })], observations: [observation()], grants: [grant()] }, raised: true },
    { name: "RETIRED tool observed OFF holding nothing", parts: { tools: [tool({ status: "RETIRED" })], observations: [observation({ autonomy: "OFF", capabilities: [] })] }, raised: false },
    { name: "APPROVED tool", parts: { observations: [observation()], grants: [grant()] }, raised: false },
    { name: "RESTRICTED tool", parts: { tools: [tool({ status: "RESTRICTED" })], observations: [observation()], grants: [grant()] }, raised: false },
  ])("$name → raised=$raised", ({ parts, raised }) => {
    expect(judge(retiredWithAccess, parts)?.rule ?? null).toBe(raised ? "RETIRED_WITH_ACCESS" : null);
  });

  it("explains the dormant privilege", () => {
    const parts = { tools: [tool({ status: "RETIRED" })], observations: [observation({ autonomy: "OFF", capabilities: ["iam:admin"] })] };
    expect(judge(retiredWithAccess, parts)?.explanation).toBe("kiro-agent is RETIRED but still holds iam:admin (ADMIN) in prod-us-east");
  });
});

describe("UNUSED_GRANT", () => {
  const oldGrant = grant({ decidedAt: daysAgo(40), createdAt: daysAgo(41) });
  it.each<Case>([
    { name: "valid 40 days, never observed", parts: { grants: [oldGrant] }, raised: true },
    { name: "valid 40 days, last observed 31 days ago", parts: { grants: [oldGrant], observations: [observation({ observedAt: daysAgo(31) })] }, raised: true },
    { name: "valid 40 days, last observed exactly 30 days ago", parts: { grants: [oldGrant], observations: [observation({ observedAt: daysAgo(30) })] }, raised: true },
    { name: "valid 40 days, observed OFF 31 days ago", parts: { grants: [oldGrant], observations: [observation({ autonomy: "OFF", capabilities: [], observedAt: daysAgo(31) })] }, raised: true },
    { name: "valid 40 days, observed 29 days ago", parts: { grants: [oldGrant], observations: [observation({ observedAt: daysAgo(29) })] }, raised: false },
    { name: "valid exactly 30 days, never observed", parts: { grants: [grant({ decidedAt: daysAgo(30) })] }, raised: true },
    { name: "valid only 20 days", parts: { grants: [grant({ decidedAt: daysAgo(20) })] }, raised: false },
    { name: "expired grant", parts: { grants: [{ ...oldGrant, expiresAt: daysAgo(1) }] }, raised: false },
    { name: "revoked grant", parts: { grants: [{ ...oldGrant, status: "REVOKED" }] }, raised: false },
    { name: "requested grant", parts: { grants: [{ ...oldGrant, status: "REQUESTED", decidedAt: null }] }, raised: false },
  ])("$name → raised=$raised", ({ parts, raised }) => {
    expect(judge(unusedGrant, parts)?.rule ?? null).toBe(raised ? "UNUSED_GRANT" : null);
  });

  it("is dated from the later of grant + 30 days and last observation + 30 days", () => {
    expect(judge(unusedGrant, { grants: [grant({ decidedAt: daysAgo(100) })], observations: [observation({ observedAt: daysAgo(50) })] })?.since).toEqual(daysAgo(20));
    expect(judge(unusedGrant, { grants: [grant({ decidedAt: daysAgo(45) })], observations: [observation({ observedAt: daysAgo(60) })] })?.since).toEqual(daysAgo(15));
    expect(judge(unusedGrant, { grants: [grant({ decidedAt: daysAgo(45) })] })?.explanation).toBe(
      "kiro-agent's grant in prod-us-east (up to AGENT) has been valid since 2025-04-17 but the tool has never been observed there: least privilege says revoke it",
    );
  });
});

describe("one breach, one finding", () => {
  const rulesOf = (parts: Partial<RegisterSnapshot>) => computeFindings(snapshot(parts), NOW).map((f) => f.rule);
  const heavy = observation({ autonomy: "AUTONOMOUS", capabilities: ["repo:read", "env:delete", "iam:admin"] });

  it("no grant: only UNGRANTED_REACH, even above a ceiling and holding destructive capability", () => {
    expect(rulesOf({ observations: [heavy], incidentLinks: [incidentLink()] })).toEqual(["UNGRANTED_REACH"]);
  });

  it("revoked grant: only UNGRANTED_REACH", () => {
    expect(rulesOf({ observations: [heavy], grants: [grant({ status: "REVOKED", maxAutonomy: "SUGGEST", approverIds: ["u1"] })] })).toEqual(["UNGRANTED_REACH"]);
  });

  it("expired grant: only GRANT_EXPIRED", () => {
    const expired = grant({ maxAutonomy: "SUGGEST", approverIds: ["u1"], expiresAt: daysAgo(1) });
    expect(rulesOf({ observations: [heavy], grants: [expired], incidentLinks: [incidentLink()] })).toEqual(["GRANT_EXPIRED"]);
  });

  it("valid grant: each distinct breach once", () => {
    const narrow = grant({ maxAutonomy: "AGENT", approverIds: ["u1"] });
    expect(rulesOf({ observations: [heavy], grants: [narrow], incidentLinks: [incidentLink()] }).sort()).toEqual(
      ["AUTONOMY_EXCEEDS_CEILING", "AUTONOMY_EXCEEDS_GRANT", "CAPABILITY_EXCEEDS_GRANT", "DESTRUCTIVE_WITHOUT_TWO_PERSON"].sort(),
    );
  });
});

describe("severity", () => {
  it("DESIGN: an AUTONOMOUS tool holding env:delete in production without a grant is CRITICAL", () => {
    const [found] = computeFindings(snapshot({ observations: [observation({ autonomy: "AUTONOMOUS", capabilities: ["env:delete"] })] }), NOW);
    expect(found).toMatchObject({ rule: "UNGRANTED_REACH", severity: "CRITICAL" });
  });

  it("DESIGN: an extra READ capability in a sandbox is LOW", () => {
    const parts = {
      environments: [environment({ name: "sbx", tier: "SANDBOX" })],
      grants: [grant({ environment: "sbx", maxAutonomy: "SUGGEST", capabilities: [] })],
      observations: [observation({ environment: "sbx", autonomy: "SUGGEST", capabilities: ["repo:read"] })],
    };
    expect(computeFindings(snapshot(parts), NOW)).toEqual([expect.objectContaining({ rule: "CAPABILITY_EXCEEDS_GRANT", severity: "LOW" })]);
  });

  it.each([
    { tier: "SANDBOX", autonomyGap: 0, capabilityClasses: ["READ"], severity: "LOW" },
    { tier: "SANDBOX", autonomyGap: 1, capabilityClasses: ["WRITE"], severity: "MEDIUM" },
    { tier: "PRE_PRODUCTION", autonomyGap: 0, capabilityClasses: [], severity: "LOW" },
    { tier: "PRODUCTION", autonomyGap: 0, capabilityClasses: [], severity: "MEDIUM" },
    { tier: "PRODUCTION", autonomyGap: 1, capabilityClasses: ["WRITE"], severity: "HIGH" },
    { tier: "PRODUCTION", autonomyGap: 2, capabilityClasses: ["DESTRUCTIVE"], severity: "CRITICAL" },
    { tier: "SANDBOX", autonomyGap: 3, capabilityClasses: ["DESTRUCTIVE"], severity: "HIGH" },
    { tier: "CONTROL_PLANE", autonomyGap: 0, capabilityClasses: ["READ"], severity: "HIGH" },
    { tier: "CONTROL_PLANE", autonomyGap: 0, capabilityClasses: ["ADMIN"], severity: "CRITICAL" },
  ] as const)("$tier, gap $autonomyGap, $capabilityClasses → $severity", ({ tier, autonomyGap, capabilityClasses, severity }) => {
    expect(findingSeverity({ tier, autonomyGap, capabilityClasses: [...capabilityClasses] })).toBe(severity);
  });

  it("never decreases as tier, gap or capability class grows", () => {
    const tiers = ["SANDBOX", "PRE_PRODUCTION", "PRODUCTION", "SHARED_PLATFORM", "CONTROL_PLANE"] as const;
    const rank = (s: string) => ["LOW", "MEDIUM", "HIGH", "CRITICAL"].indexOf(s);
    for (let t = 1; t < tiers.length; t++) {
      for (let gap = 0; gap <= 3; gap++) {
        const lower = findingSeverity({ tier: tiers[t - 1], autonomyGap: gap, capabilityClasses: ["WRITE"] });
        const higher = findingSeverity({ tier: tiers[t], autonomyGap: gap, capabilityClasses: ["WRITE"] });
        const wider = findingSeverity({ tier: tiers[t], autonomyGap: gap, capabilityClasses: ["WRITE", "DESTRUCTIVE"] });
        const bigger = findingSeverity({ tier: tiers[t], autonomyGap: gap + 1, capabilityClasses: ["WRITE"] });
        expect(rank(higher)).toBeGreaterThanOrEqual(rank(lower));
        expect(rank(wider)).toBeGreaterThanOrEqual(rank(higher));
        expect(rank(bigger)).toBeGreaterThanOrEqual(rank(higher));
      }
    }
  });
});

describe("computeFindings", () => {
  it("sorts worst first, then by tool, environment and rule", () => {
    const snap = snapshot({
      tools: [tool({ slug: "b-tool" }), tool({ slug: "a-tool" })],
      environments: [environment({ name: "prod" }), environment({ name: "sbx", tier: "SANDBOX" })],
      observations: [
        observation({ toolSlug: "b-tool", environment: "prod", autonomy: "AUTONOMOUS", capabilities: ["env:delete"] }),
        observation({ toolSlug: "a-tool", environment: "sbx", autonomy: "SUGGEST", capabilities: [] }),
        observation({ toolSlug: "b-tool", environment: "sbx", autonomy: "SUGGEST", capabilities: [] }),
        observation({ toolSlug: "a-tool", environment: "prod", autonomy: "SUGGEST", capabilities: [], observedAt: daysAgo(40) }),
      ],
    });
    expect(computeFindings(snap, NOW).map((f) => [f.severity, f.tool, f.environment, f.rule])).toEqual([
      ["CRITICAL", "b-tool", "prod", "UNGRANTED_REACH"],
      ["MEDIUM", "a-tool", "prod", "UNGRANTED_REACH"],
      ["MEDIUM", "a-tool", "prod", "STALE_OBSERVATION"],
      ["LOW", "a-tool", "sbx", "UNGRANTED_REACH"],
      ["LOW", "b-tool", "sbx", "UNGRANTED_REACH"],
    ]);
  });

  it("ignores rows naming an unknown tool or environment", () => {
    const snap = snapshot({
      observations: [observation({ toolSlug: "ghost" }), observation({ environment: "nowhere" })],
      grants: [grant({ toolSlug: "ghost" })],
    });
    expect(computeFindings(snap, NOW)).toEqual([]);
    expect(allowedAutonomyMatrix(snap, NOW)).toEqual([]);
  });

  it("judges every source of a pair as one, the riskier winning: the highest autonomy and every capability", () => {
    const declaredAgent = observation({ autonomy: "AGENT", capabilities: ["repo:read"], observedAt: daysAgo(3), source: "DECLARED" });
    const discoveredSuggest = observation({ autonomy: "SUGGEST", capabilities: ["env:delete"], observedAt: daysAgo(1), source: "DISCOVERED" });
    for (const observations of [[declaredAgent, discoveredSuggest], [discoveredSuggest, declaredAgent]]) {
      const findings = computeFindings(snapshot({ observations, grants: [grant({ maxAutonomy: "AGENT", capabilities: ["repo:read"] })] }), NOW);
      expect(findings.map((f) => f.rule)).toEqual(["CAPABILITY_EXCEEDS_GRANT"]);
      expect(findings[0].explanation).toContain("env:delete");
    }
    const discoveredAutonomous = { ...discoveredSuggest, autonomy: "AUTONOMOUS" as const, capabilities: [] };
    expect(computeFindings(snapshot({ observations: [declaredAgent, discoveredAutonomous], grants: [grant({ maxAutonomy: "AGENT", capabilities: ["repo:read"] })] }), NOW).map((f) => f.rule)).toEqual([
      "AUTONOMY_EXCEEDS_GRANT",
    ]);
  });

  it("holds each source of a pair to staleness on its own: an old one raises the finding though another is fresh", () => {
    const days = DEFAULT_POLICY.findings.staleObservationDays;
    const old = observation({ observedAt: daysAgo(days + 5), source: "DECLARED" });
    const fresh = observation({ observedAt: daysAgo(1), source: "DISCOVERED" });
    const alone = computeFindings(snapshot({ observations: [old], grants: [grant()] }), NOW).find((f) => f.rule === "STALE_OBSERVATION");
    expect(alone?.explanation).toContain("was last observed in prod-us-east");
    for (const observations of [[old, fresh], [fresh, old]]) {
      const stale = computeFindings(snapshot({ observations, grants: [grant()] }), NOW).find((f) => f.rule === "STALE_OBSERVATION");
      expect(stale?.explanation).toContain("kiro-agent's declared observation in prod-us-east is from");
      expect(stale?.since).toEqual(addDays(old.observedAt, days));
    }
    const bothFresh = [fresh, { ...old, observedAt: daysAgo(days - 1) }];
    expect(computeFindings(snapshot({ observations: bothFresh, grants: [grant()] }), NOW).map((f) => f.rule)).not.toContain("STALE_OBSERVATION");
    expect(nextTransitionAt(pairFacts(snapshot({ observations: bothFresh, grants: [grant()] }), NOW)[0], [])).toEqual(addDays(daysAgo(days - 1), days));
  });
});

describe("allowedAutonomyMatrix", () => {
  it("reports allowed = min(valid grant, ceiling), actual and gap per pair", () => {
    const snap = snapshot({
      tools: [tool(), tool({ slug: "copilot" })],
      environments: [environment(), environment({ name: "sbx", tier: "SANDBOX" })],
      grants: [
        grant({ maxAutonomy: "AUTONOMOUS" }),
        grant({ id: "g2", environment: "sbx", maxAutonomy: "AGENT" }),
        grant({ id: "g3", toolSlug: "copilot", maxAutonomy: "SUGGEST", expiresAt: daysAgo(1) }),
      ],
      observations: [observation({ autonomy: "AUTONOMOUS" }), observation({ toolSlug: "copilot", environment: "sbx", autonomy: "SUGGEST" })],
      incidentLinks: [incidentLink({ severity: "SEV2", incidentKey: "INC-2" })],
    });
    const matrix = allowedAutonomyMatrix(snap, NOW);
    expect(matrix.map(({ tool, environment, allowed, actual, gap }) => ({ tool, environment, allowed, actual, gap }))).toEqual([
      { tool: "copilot", environment: "prod-us-east", allowed: "OFF", actual: null, gap: 0 },
      { tool: "copilot", environment: "sbx", allowed: "OFF", actual: "SUGGEST", gap: 1 },
      { tool: "kiro-agent", environment: "prod-us-east", allowed: "AGENT", actual: "AUTONOMOUS", gap: 1 },
      { tool: "kiro-agent", environment: "sbx", allowed: "AGENT", actual: null, gap: -2 },
    ]);
    expect(matrix[2].ceiling).toMatchObject({ level: "AGENT", incidentKey: "INC-2" });
    expect(matrix[3].ceiling).toBeNull();
  });
});
