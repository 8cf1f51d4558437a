import { describe, expect, it } from "vitest";
import { autonomyCeiling, effectiveAllowedAutonomy } from "./ceiling";
import { DEFAULT_POLICY, type Policy } from "./policy";
import { daysAgo, incidentLink, NOW } from "./test-fixtures";
import { addDays } from "./time";
import type { Autonomy } from "./types";

const ceilingOf = (...links: ReturnType<typeof incidentLink>[]) => autonomyCeiling("kiro-agent", "PRODUCTION", links, NOW);

describe("autonomyCeiling: window boundaries (incident in the last 90 days: startedAt > now − 90d)", () => {
  it.each([
    { name: "89 days ago", startedAt: daysAgo(89), capped: true },
    { name: "90 days minus one millisecond ago", startedAt: new Date(daysAgo(90).getTime() + 1), capped: true },
    { name: "exactly 90 days ago", startedAt: daysAgo(90), capped: false },
    { name: "91 days ago", startedAt: daysAgo(91), capped: false },
    { name: "just now", startedAt: NOW, capped: true },
    { name: "after now (not started yet at the moment judged)", startedAt: addDays(NOW, 1), capped: false },
  ])("SEV1 started $name → capped=$capped", ({ startedAt, capped }) => {
    const ceiling = ceilingOf(incidentLink({ startedAt }));
    expect(ceiling?.level ?? null).toBe(capped ? "SUGGEST" : null);
    if (ceiling) expect(ceiling.until).toEqual(addDays(startedAt, 90));
  });

  it("lifts by itself: the same incident caps at until − 1 ms and not at until", () => {
    const link = incidentLink({ startedAt: daysAgo(10) });
    const until = addDays(link.startedAt, 90);
    expect(autonomyCeiling("kiro-agent", "PRODUCTION", [link], new Date(until.getTime() - 1))?.level).toBe("SUGGEST");
    expect(autonomyCeiling("kiro-agent", "PRODUCTION", [link], until)).toBeNull();
  });
});

describe("autonomyCeiling: which incidents count", () => {
  it.each([
    { severity: "SEV1", role: "TRIGGERED", level: "SUGGEST" },
    { severity: "SEV1", role: "CONTRIBUTED", level: "SUGGEST" },
    { severity: "SEV2", role: "TRIGGERED", level: "AGENT" },
    { severity: "SEV2", role: "CONTRIBUTED", level: "AGENT" },
    { severity: "SEV3", role: "TRIGGERED", level: null },
    { severity: "SEV4", role: "TRIGGERED", level: null },
    { severity: "SEV1", role: "INVOLVED", level: null },
    { severity: "SEV2", role: "INVOLVED", level: null },
  ] as const)("$severity $role → $level", ({ severity, role, level }) => {
    expect(ceilingOf(incidentLink({ severity, role }))?.level ?? null).toBe(level);
  });

  it.each([
    { tier: "SANDBOX", capped: false },
    { tier: "PRE_PRODUCTION", capped: false },
    { tier: "PRODUCTION", capped: true },
    { tier: "SHARED_PLATFORM", capped: true },
    { tier: "CONTROL_PLANE", capped: true },
  ] as const)("tier $tier → capped=$capped", ({ tier, capped }) => {
    expect(autonomyCeiling("kiro-agent", tier, [incidentLink()], NOW) !== null).toBe(capped);
  });

  it("ignores another tool's incidents", () => {
    expect(ceilingOf(incidentLink({ toolSlug: "copilot" }))).toBeNull();
  });

  it("names the binding incident and explains the cap", () => {
    const ceiling = ceilingOf(incidentLink({ incidentKey: "INC-42", role: "CONTRIBUTED", startedAt: new Date("2025-05-22T12:00:00Z") }));
    expect(ceiling).toEqual({
      level: "SUGGEST",
      until: new Date("2025-08-20T12:00:00Z"),
      incidentKey: "INC-42",
      reason: "capped at SUGGEST until 2025-08-20 because it contributed to SEV1 incident INC-42 on 2025-05-22",
    });
  });
});

describe("autonomyCeiling: several incidents", () => {
  it("the lowest cap wins even when a SEV2 is more recent", () => {
    const ceiling = ceilingOf(
      incidentLink({ incidentKey: "SEV2-new", severity: "SEV2", startedAt: daysAgo(2) }),
      incidentLink({ incidentKey: "SEV1-old", severity: "SEV1", startedAt: daysAgo(80) }),
    );
    expect(ceiling).toMatchObject({ level: "SUGGEST", incidentKey: "SEV1-old", until: addDays(daysAgo(80), 90) });
  });

  it("among incidents with the lowest cap, the latest-expiring sets until", () => {
    const ceiling = ceilingOf(
      incidentLink({ incidentKey: "A", startedAt: daysAgo(60) }),
      incidentLink({ incidentKey: "B", startedAt: daysAgo(5) }),
      incidentLink({ incidentKey: "C", startedAt: daysAgo(30) }),
    );
    expect(ceiling).toMatchObject({ level: "SUGGEST", incidentKey: "B", until: addDays(daysAgo(5), 90) });
  });

  it("an expired SEV1 no longer binds; a live SEV2 does", () => {
    const ceiling = ceilingOf(
      incidentLink({ incidentKey: "old-sev1", severity: "SEV1", startedAt: daysAgo(95) }),
      incidentLink({ incidentKey: "sev2", severity: "SEV2", startedAt: daysAgo(20) }),
    );
    expect(ceiling).toMatchObject({ level: "AGENT", incidentKey: "sev2" });
  });

  it("follows an edited policy (window, tier, roles, caps)", () => {
    const policy: Policy = {
      ...DEFAULT_POLICY,
      ceiling: { windowDays: 30, fromTier: "PRE_PRODUCTION", roles: ["TRIGGERED", "CONTRIBUTED", "INVOLVED"], caps: { SEV3: "AGENT" } },
    };
    const links = [incidentLink({ severity: "SEV3", role: "INVOLVED", startedAt: daysAgo(29) })];
    expect(autonomyCeiling("kiro-agent", "PRE_PRODUCTION", links, NOW, policy)?.level).toBe("AGENT");
    expect(autonomyCeiling("kiro-agent", "PRE_PRODUCTION", [{ ...links[0], startedAt: daysAgo(30) }], NOW, policy)).toBeNull();
    expect(autonomyCeiling("kiro-agent", "PRE_PRODUCTION", [{ ...links[0], severity: "SEV1" }], NOW, policy)).toBeNull();
  });
});

describe("effectiveAllowedAutonomy = min(grant, ceiling)", () => {
  const cap = (level: Autonomy) => ({ level, until: NOW, reason: "", incidentKey: "INC" });
  it.each([
    { grant: null, ceiling: null, allowed: "OFF" },
    { grant: null, ceiling: cap("AGENT"), allowed: "OFF" },
    { grant: "AUTONOMOUS", ceiling: null, allowed: "AUTONOMOUS" },
    { grant: "AUTONOMOUS", ceiling: cap("SUGGEST"), allowed: "SUGGEST" },
    { grant: "SUGGEST", ceiling: cap("AGENT"), allowed: "SUGGEST" },
    { grant: "AGENT", ceiling: cap("AGENT"), allowed: "AGENT" },
  ] as const)("grant $grant, ceiling $ceiling.level → $allowed", ({ grant, ceiling, allowed }) => {
    expect(effectiveAllowedAutonomy(grant, ceiling)).toBe(allowed);
  });
});
