import { describe, expect, it } from "vitest";
import { planFindingRecords, type KeptFinding } from "./finding-records";
import { daysAgo, NOW } from "./test-fixtures";
import { addDays } from "./time";
import type { Finding } from "./types";

const found = (overrides: Partial<Finding> = {}): Finding => ({
  rule: "UNGRANTED_REACH",
  severity: "HIGH",
  tool: "kiro-agent",
  environment: "prod-us-east",
  explanation: "kiro-agent acts as an AGENT in prod-us-east but it has no approved grant there",
  since: daysAgo(3),
  ...overrides,
});

const kept = (overrides: Partial<KeptFinding> = {}): KeptFinding => ({
  id: "f-1",
  rule: "UNGRANTED_REACH",
  severity: "HIGH",
  explanation: "kiro-agent acts as an AGENT in prod-us-east but it has no approved grant there",
  openedAt: daysAgo(5),
  resolvedAt: null,
  ...overrides,
});

describe("planFindingRecords", () => {
  it("opens a breach found for the first time at the moment the rules say it began", () => {
    expect(planFindingRecords([], [found()], NOW)).toEqual([
      {
        action: "create",
        rule: "UNGRANTED_REACH",
        severity: "HIGH",
        explanation: found().explanation,
        firstSeenAt: daysAgo(3),
        transition: { kind: "OPENED", at: daysAgo(3), severity: "HIGH", previousSeverity: null, explanation: found().explanation },
      },
    ]);
  });

  it("never opens a breach after now, whatever the rows say (an observation dated in the future)", () => {
    const [plan] = planFindingRecords([], [found({ since: addDays(NOW, 2) })], NOW);
    expect(plan).toMatchObject({ action: "create", firstSeenAt: NOW, transition: { at: NOW } });
  });

  it("keeps an unchanged open record with no transition, only seen again", () => {
    expect(planFindingRecords([kept()], [found()], NOW)).toEqual([
      { action: "update", id: "f-1", severity: "HIGH", explanation: found().explanation, openedAt: daysAgo(5), resolvedAt: null, transition: null },
    ]);
  });

  it("takes new wording without a transition, and a new severity with one naming the old", () => {
    const reworded = planFindingRecords([kept()], [found({ explanation: "now holding env:delete" })], NOW);
    expect(reworded).toEqual([expect.objectContaining({ explanation: "now holding env:delete", transition: null })]);
    const worse = planFindingRecords([kept()], [found({ severity: "CRITICAL" })], NOW);
    expect(worse).toEqual([
      expect.objectContaining({ action: "update", severity: "CRITICAL", transition: { kind: "SEVERITY_CHANGED", at: NOW, severity: "CRITICAL", previousSeverity: "HIGH", explanation: found().explanation } }),
    ]);
  });

  it("resolves an open record no longer found, at now, keeping its last severity; a resolved one stays as it is", () => {
    expect(planFindingRecords([kept()], [], NOW)).toEqual([
      { action: "update", id: "f-1", severity: "HIGH", explanation: kept().explanation, openedAt: daysAgo(5), resolvedAt: NOW, transition: { kind: "RESOLVED", at: NOW, severity: "HIGH", previousSeverity: null, explanation: kept().explanation } },
    ]);
    expect(planFindingRecords([kept({ resolvedAt: daysAgo(1) })], [], NOW)).toEqual([]);
  });

  it("reopens a resolved record when the breach comes back: when it began again, but never before it was resolved", () => {
    const resolved = kept({ resolvedAt: daysAgo(1), severity: "LOW" });
    const [older] = planFindingRecords([resolved], [found({ since: daysAgo(10) })], NOW);
    expect(older).toMatchObject({ action: "update", id: "f-1", openedAt: daysAgo(1), resolvedAt: null, severity: "HIGH", transition: { kind: "REOPENED", at: daysAgo(1), previousSeverity: "LOW" } });
    const [newer] = planFindingRecords([resolved], [found({ since: addDays(NOW, -0.5) })], NOW);
    expect(newer).toMatchObject({ transition: { kind: "REOPENED", at: addDays(NOW, -0.5) } });
  });

  it("plans each rule of the pair on its own", () => {
    const plans = planFindingRecords(
      [kept(), kept({ id: "f-2", rule: "STALE_OBSERVATION", severity: "MEDIUM" })],
      [found(), found({ rule: "CAPABILITY_EXCEEDS_GRANT", severity: "CRITICAL" })],
      NOW,
    );
    expect(plans.map((p) => [p.action, p.action === "create" ? p.rule : p.id, p.transition?.kind ?? null])).toEqual([
      ["update", "f-1", null],
      ["create", "CAPABILITY_EXCEEDS_GRANT", "OPENED"],
      ["update", "f-2", "RESOLVED"],
    ]);
  });
});
