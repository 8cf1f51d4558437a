import { describe, expect, it } from "vitest";
import { durationStats, formatDuration, inPeriod, isAiLinked, reliabilityByTool, weekStart, weeklySevereCounts, type MetricIncident } from "./incidents";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// A Wednesday.
const NOW = new Date("2026-03-18T12:00:00Z");

function incident(overrides: Partial<MetricIncident> = {}): MetricIncident {
  return {
    key: "INC-1",
    severity: "SEV1",
    startedAt: new Date(NOW.getTime() - 2 * DAY),
    detectedAt: null,
    resolvedAt: null,
    genAiContributed: "NO",
    tools: [],
    ...overrides,
  };
}

describe("isAiLinked", () => {
  it.each([
    { name: "answered YES", genAiContributed: "YES", tools: [], linked: true },
    { name: "a TRIGGERED tool", genAiContributed: "UNKNOWN", tools: [{ slug: "a", role: "TRIGGERED" }], linked: true },
    { name: "a CONTRIBUTED tool, even when answered NO", genAiContributed: "NO", tools: [{ slug: "a", role: "CONTRIBUTED" }], linked: true },
    { name: "only an INVOLVED tool", genAiContributed: "NO", tools: [{ slug: "a", role: "INVOLVED" }], linked: false },
    { name: "UNKNOWN and no tool", genAiContributed: "UNKNOWN", tools: [], linked: false },
  ] as const)("$name → $linked", ({ genAiContributed, tools, linked }) => {
    expect(isAiLinked({ genAiContributed, tools: [...tools] })).toBe(linked);
  });
});

describe("weekStart", () => {
  it("is Monday 00:00 UTC", () => {
    expect(weekStart(NOW).toISOString()).toBe("2026-03-16T00:00:00.000Z");
    expect(weekStart(new Date("2026-03-16T00:00:00Z")).toISOString()).toBe("2026-03-16T00:00:00.000Z");
    expect(weekStart(new Date("2026-03-15T23:59:59Z")).toISOString()).toBe("2026-03-09T00:00:00.000Z");
    expect(weekStart(new Date("2026-03-22T23:59:59Z")).toISOString()).toBe("2026-03-16T00:00:00.000Z");
  });
});

describe("weeklySevereCounts", () => {
  it("has 12 weeks, oldest first, ending with the current week", () => {
    const weeks = weeklySevereCounts([], NOW);
    expect(weeks).toHaveLength(12);
    expect(weeks.at(-1)!.week).toBe("2026-03-16");
    expect(weeks[0].week).toBe("2025-12-29");
  });

  it("splits SEV1 and SEV2 by AI-linkage, ignores SEV3/SEV4 and incidents outside the weeks", () => {
    const weeks = weeklySevereCounts(
      [
        incident({ severity: "SEV1", genAiContributed: "YES" }),
        incident({ severity: "SEV1", tools: [{ slug: "kiro-agent", role: "TRIGGERED" }] }),
        incident({ severity: "SEV1" }),
        incident({ severity: "SEV2", startedAt: new Date("2026-03-10T08:00:00Z"), tools: [{ slug: "x", role: "CONTRIBUTED" }] }),
        incident({ severity: "SEV2", startedAt: new Date("2026-03-10T08:00:00Z"), tools: [{ slug: "x", role: "INVOLVED" }] }),
        incident({ severity: "SEV3", genAiContributed: "YES" }),
        incident({ severity: "SEV1", startedAt: new Date("2025-12-28T23:00:00Z"), genAiContributed: "YES" }),
      ],
      NOW,
    );
    expect(weeks.at(-1)).toEqual({ week: "2026-03-16", sev1AiLinked: 2, sev1Other: 1, sev2AiLinked: 0, sev2Other: 0 });
    expect(weeks.at(-2)).toEqual({ week: "2026-03-09", sev1AiLinked: 0, sev1Other: 0, sev2AiLinked: 1, sev2Other: 1 });
    const total = weeks.reduce((n, w) => n + w.sev1AiLinked + w.sev1Other + w.sev2AiLinked + w.sev2Other, 0);
    expect(total).toBe(5);
  });
});

describe("durationStats", () => {
  it("averages detection and resolution, sums impact and counts unresolved ones until now", () => {
    const started = new Date(NOW.getTime() - 10 * HOUR);
    const stats = durationStats(
      [
        incident({ startedAt: started, detectedAt: new Date(started.getTime() + HOUR), resolvedAt: new Date(started.getTime() + 4 * HOUR), genAiContributed: "YES" }),
        incident({ startedAt: started, detectedAt: new Date(started.getTime() + 3 * HOUR), resolvedAt: new Date(started.getTime() + 4 * HOUR) }),
        // Unresolved: impact counts until now (10 h); its detection still counts.
        incident({ startedAt: started, detectedAt: new Date(started.getTime() + 2 * HOUR) }),
        // No detection time: impact only.
        incident({ startedAt: started, resolvedAt: new Date(started.getTime() + 5 * HOUR) }),
      ],
      NOW,
    );
    expect(stats).toEqual({ incidents: 4, aiLinked: 1, mttdMs: 2 * HOUR, mttrMs: 2 * HOUR, totalImpactMs: 23 * HOUR, ongoing: 1 });
  });

  it("has no means without data", () => {
    expect(durationStats([], NOW)).toEqual({ incidents: 0, aiLinked: 0, mttdMs: null, mttrMs: null, totalImpactMs: 0, ongoing: 0 });
  });
});

describe("reliabilityByTool", () => {
  it("groups by linked tool, whatever the role, largest impact first", () => {
    const started = new Date(NOW.getTime() - 10 * HOUR);
    const rows = reliabilityByTool(
      [
        incident({ key: "A", startedAt: started, resolvedAt: new Date(started.getTime() + HOUR), tools: [{ slug: "a", role: "TRIGGERED" }, { slug: "b", role: "INVOLVED" }] }),
        incident({ key: "B", startedAt: started, resolvedAt: new Date(started.getTime() + 3 * HOUR), tools: [{ slug: "b", role: "CONTRIBUTED" }] }),
        incident({ key: "C", startedAt: started, resolvedAt: new Date(started.getTime() + HOUR) }),
      ],
      NOW,
    );
    expect(rows.map((r) => [r.tool, r.incidents, r.totalImpactMs, r.aiLinked])).toEqual([
      ["b", 2, 4 * HOUR, 2],
      ["a", 1, HOUR, 1],
    ]);
  });
});

describe("inPeriod", () => {
  it("keeps incidents started strictly less than N days ago and not in the future", () => {
    const list = [
      incident({ key: "in", startedAt: new Date(NOW.getTime() - 89 * DAY) }),
      incident({ key: "edge", startedAt: new Date(NOW.getTime() - 90 * DAY) }),
      incident({ key: "future", startedAt: new Date(NOW.getTime() + DAY) }),
    ];
    expect(inPeriod(list, NOW, 90).map((i) => i.key)).toEqual(["in"]);
  });
});

describe("formatDuration", () => {
  it.each([
    [null, "—"],
    [12 * 60_000, "12 min"],
    [3 * HOUR + 5 * 60_000, "3 h 05 min"],
    [52 * HOUR, "2 d 4 h"],
  ] as const)("%s → %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
