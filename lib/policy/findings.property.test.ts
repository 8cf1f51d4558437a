import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeFindings, matrixCell, nextTransitionAt, pairFacts, pairFindings } from "./findings";
import { DEFAULT_POLICY } from "./policy";
import { CATALOG, NOW } from "./test-fixtures";
import { addDays } from "./time";
import {
  AUTONOMY_LEVELS,
  autonomyRank,
  DATA_SENSITIVITIES,
  GRANT_STATUSES,
  INCIDENT_SEVERITIES,
  INCIDENT_TOOL_ROLES,
  OBSERVATION_SOURCES,
  severityRank,
  TIERS,
  TOOL_STATUSES,
  type Finding,
  type FindingRule,
  type PolicyGrant,
  type RegisterSnapshot,
} from "./types";

// Small registers: 2 tools × 2 environments, with rows that also name an unknown tool or
// environment. Dates are whole days around NOW so the 30- and 90-day boundaries come up often.
const TOOL_SLUGS = ["tool-a", "tool-b"];
const ENVIRONMENT_NAMES = ["env-1", "env-2"];
const CAPABILITY_KEYS = [...CATALOG.map((c) => c.key), "mystery:do"];

const day = fc.integer({ min: -120, max: 20 }).map((d) => addDays(NOW, d));
const expiry = fc.integer({ min: -30, max: 120 }).map((d) => addDays(NOW, d));
/** Mostly `likely`, sometimes anything from `all`: keeps the interesting cases frequent. */
const mostly = <T,>(likely: fc.Arbitrary<T>, all: fc.Arbitrary<T>) => fc.oneof({ arbitrary: likely, weight: 3 }, { arbitrary: all, weight: 1 });
const toolSlug = mostly(fc.constantFrom(...TOOL_SLUGS), fc.constant("ghost-tool"));
const environmentName = mostly(fc.constantFrom(...ENVIRONMENT_NAMES), fc.constant("ghost-env"));
const autonomy = fc.constantFrom(...AUTONOMY_LEVELS);
const capabilities = fc.subarray(CAPABILITY_KEYS, { maxLength: 4 });

const grantArb = fc.record({
  toolSlug,
  environment: environmentName,
  maxAutonomy: autonomy,
  capabilities,
  status: mostly(fc.constant("APPROVED" as const), fc.constantFrom(...GRANT_STATUSES)),
  expiresAt: fc.option(expiry, { nil: null }),
  decidedAt: fc.option(day, { nil: null }),
  createdAt: day,
  approverIds: fc.subarray(["u1", "u2", "u3"]),
});

const snapshotArb: fc.Arbitrary<RegisterSnapshot> = fc.record({
  tools: fc.tuple(...TOOL_SLUGS.map((slug) => fc.constantFrom(...TOOL_STATUSES).map((status) => ({ slug, name: slug, status })))),
  environments: fc.tuple(
    ...ENVIRONMENT_NAMES.map((name) =>
      fc.record({ name: fc.constant(name), tier: fc.constantFrom(...TIERS), dataSensitivity: fc.constantFrom(...DATA_SENSITIVITIES), criticalPath: fc.boolean() }),
    ),
  ),
  capabilities: fc.constant(CATALOG),
  grants: fc.array(grantArb, { maxLength: 6 }).map((grants) => grants.map((g, i): PolicyGrant => ({ ...g, id: `g${i}` }))),
  observations: fc.array(
    fc.record({ toolSlug, environment: environmentName, autonomy, capabilities, observedAt: day, source: fc.constantFrom(...OBSERVATION_SOURCES) }),
    { maxLength: 6 },
  ),
  incidentLinks: fc.array(
    fc.record({
      toolSlug,
      incidentKey: fc.constantFrom("INC-1", "INC-2"),
      severity: mostly(fc.constantFrom("SEV1" as const, "SEV2" as const), fc.constantFrom(...INCIDENT_SEVERITIES)),
      startedAt: day,
      role: fc.constantFrom(...INCIDENT_TOOL_ROLES),
    }),
    { maxLength: 3 },
  ),
});

// Enough runs to reach rare corners (e.g. an OFF observation under an old grant) in about a second.
fc.configureGlobal({ numRuns: 500 });

const keyOf = (f: Pick<Finding, "rule" | "tool" | "environment">) => `${f.rule}|${f.tool}|${f.environment}`;
const keys = (snap: RegisterSnapshot) => new Set(computeFindings(snap, NOW).map(keyOf));
const missingFrom = (expected: Set<string>, actual: Set<string>) => [...expected].filter((k) => !actual.has(k));

/** A copy of the snapshot with row `index` of one list replaced. */
function withRow<K extends "grants" | "observations">(snap: RegisterSnapshot, list: K, index: number, row: RegisterSnapshot[K][number]): RegisterSnapshot {
  const rows = [...snap[list]];
  rows[index] = row;
  return { ...snap, [list]: rows };
}

const withObservationIndex = snapshotArb.filter((s) => s.observations.length > 0).chain((snap) => fc.record({ snap: fc.constant(snap), index: fc.nat(snap.observations.length - 1) }));
const withGrantIndex = snapshotArb.filter((s) => s.grants.length > 0).chain((snap) => fc.record({ snap: fc.constant(snap), index: fc.nat(snap.grants.length - 1) }));

describe("findings properties", () => {
  it("raising an observed autonomy never removes a finding", () => {
    fc.assert(
      fc.property(withObservationIndex, autonomy, ({ snap, index }, level) => {
        const o = snap.observations[index];
        const raised = autonomyRank(level) > autonomyRank(o.autonomy) ? level : o.autonomy;
        expect(missingFrom(keys(snap), keys(withRow(snap, "observations", index, { ...o, autonomy: raised })))).toEqual([]);
      }),
    );
  });

  it("adding an observed capability never removes a finding", () => {
    fc.assert(
      fc.property(withObservationIndex, fc.constantFrom(...CAPABILITY_KEYS), ({ snap, index }, key) => {
        const o = snap.observations[index];
        expect(missingFrom(keys(snap), keys(withRow(snap, "observations", index, { ...o, capabilities: [...o.capabilities, key] })))).toEqual([]);
      }),
    );
  });

  it("widening a grant's autonomy or capabilities never adds a finding", () => {
    fc.assert(
      fc.property(withGrantIndex, autonomy, capabilities, ({ snap, index }, level, extra) => {
        const g = snap.grants[index];
        const wider: PolicyGrant = {
          ...g,
          maxAutonomy: autonomyRank(level) > autonomyRank(g.maxAutonomy) ? level : g.maxAutonomy,
          capabilities: [...g.capabilities, ...extra],
        };
        expect(missingFrom(keys(withRow(snap, "grants", index, wider)), keys(snap))).toEqual([]);
      }),
    );
  });

  it("a later expiry never adds a finding, except where it brings an expired grant back in force", () => {
    // One breach, one finding: an expired grant raises GRANT_EXPIRED alone; once valid again, the
    // grant's own rules (exceeds grant, ceiling, two-person, unused) take over for that pair.
    fc.assert(
      fc.property(withGrantIndex, fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }), ({ snap, index }, extraDays) => {
        const g = snap.grants[index];
        const later = extraDays === null || g.expiresAt === null ? null : addDays(g.expiresAt, extraDays);
        const widened = withRow(snap, "grants", index, { ...g, expiresAt: later });

        const stateOf = (s: RegisterSnapshot) => new Map(pairFacts(s, NOW).map((p) => [`${p.tool.slug}|${p.environment.name}`, p.standing.state]));
        const before = stateOf(snap);
        const after = stateOf(widened);
        const revived = new Set([...after].filter(([pair, state]) => state === "VALID" && before.get(pair) === "EXPIRED").map(([pair]) => pair));

        const added = missingFrom(keys(widened), keys(snap));
        expect(added.filter((k) => !revived.has(k.split("|").slice(1).join("|")))).toEqual([]);
        for (const pair of revived) expect(keys(widened).has(`GRANT_EXPIRED|${pair}`)).toBe(false);
      }),
    );
  });

  it("every finding names a tool and an environment of the snapshot", () => {
    fc.assert(
      fc.property(snapshotArb, (snap) => {
        const tools = new Set(snap.tools.map((t) => t.slug));
        const environments = new Set(snap.environments.map((e) => e.name));
        for (const f of computeFindings(snap, NOW)) {
          expect(tools.has(f.tool)).toBe(true);
          expect(environments.has(f.environment)).toBe(true);
        }
      }),
    );
  });

  it("without a valid grant a pair gets no grant-level finding, and never both UNGRANTED_REACH and GRANT_EXPIRED", () => {
    const grantLevel: FindingRule[] = ["AUTONOMY_EXCEEDS_GRANT", "CAPABILITY_EXCEEDS_GRANT", "AUTONOMY_EXCEEDS_CEILING", "DESTRUCTIVE_WITHOUT_TWO_PERSON", "UNUSED_GRANT"];
    fc.assert(
      fc.property(snapshotArb, (snap) => {
        const found = keys(snap);
        for (const pair of pairFacts(snap, NOW)) {
          const at = `${pair.tool.slug}|${pair.environment.name}`;
          if (pair.standing.state !== "VALID") {
            expect(grantLevel.filter((rule) => found.has(`${rule}|${at}`))).toEqual([]);
          }
          expect(found.has(`UNGRANTED_REACH|${at}`) && found.has(`GRANT_EXPIRED|${at}`)).toBe(false);
        }
      }),
    );
  });

  it("findings come worst first, and each rule fires at most once per tool × environment", () => {
    fc.assert(
      fc.property(snapshotArb, (snap) => {
        const findings = computeFindings(snap, NOW);
        for (let i = 1; i < findings.length; i++) {
          expect(severityRank(findings[i - 1].severity)).toBeGreaterThanOrEqual(severityRank(findings[i].severity));
        }
        expect(new Set(findings.map(keyOf)).size).toBe(findings.length);
      }),
    );
  });
});

describe("nextTransitionAt", () => {
  // Windows of different lengths, so that no moment of one rule hides a missing moment of another.
  const policy = {
    ...DEFAULT_POLICY,
    findings: { ...DEFAULT_POLICY.findings, staleObservationDays: 30, unusedGrantDays: 45 },
    ceiling: { ...DEFAULT_POLICY.ceiling, windowDays: 60 },
  };
  // What a pair's records and matrix cell hold: everything the rules say but when each breach began.
  const judged = (snap: RegisterSnapshot, at: Date) =>
    pairFacts(snap, at, policy).map((pair) => ({
      pair: `${pair.tool.slug}|${pair.environment.name}`,
      findings: pairFindings(pair).map(({ rule, severity, explanation }) => ({ rule, severity, explanation })),
      cell: { ...matrixCell(pair), ceiling: matrixCell(pair).ceiling?.reason ?? null },
    }));
  // Moments strictly between NOW and the pair's next transition, and the transition itself.
  const fractions = fc.array(fc.integer({ min: 0, max: 999 }).map((n) => n / 1000), { minLength: 1, maxLength: 4 });

  it("nothing a pair is judged by changes before its next transition: the evaluator may sleep until then", () => {
    fc.assert(
      fc.property(snapshotArb, fractions, (snap, moments) => {
        const pairs = pairFacts(snap, NOW, policy);
        const now = judged(snap, NOW);
        for (const [i, pair] of pairs.entries()) {
          const next = nextTransitionAt(pair, snap.incidentLinks);
          expect(next === null || next.getTime() > NOW.getTime()).toBe(true);
          // Any moment before the next transition (or any at all, when there is none): the same judgement.
          const horizon = next ? next.getTime() - NOW.getTime() : 400 * 86_400_000;
          for (const f of moments) {
            const later = new Date(NOW.getTime() + Math.floor(f * horizon));
            expect(judged(snap, later).find((j) => j.pair === now[i].pair)).toEqual(now[i]);
          }
        }
      }),
    );
  });
});
