// The evaluator (./finding-evaluator.ts) on a database of its own: after every kind of write, and as
// the injected clock moves, the kept records equal a full evaluation of the same register; two
// processes evaluating at once write each transition once.
import { describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DEFAULT_POLICY } from "@/lib/policy/policy";
import { DAY_MS } from "@/lib/policy/time";
import { fullEvaluation, keptRecords } from "@/lib/test/finding-equivalence";
import { actorsFor, withSeededDatabase } from "@/lib/test/seeded-database";
import { capabilityCreateSchema, capabilityUpdateSchema, environmentCreateSchema, environmentUpdateSchema } from "@/lib/validation/catalog.validation";
import { grantRequestSchema } from "@/lib/validation/grants.validation";
import { incidentPatchSchema } from "@/lib/validation/incidents.validation";
import { createCapability, createEnvironment, updateCapability, updateEnvironment, updateTool } from "./catalog";
import { rebuildFindings, requestRebuild, settleFindings } from "./finding-evaluator";
import { decideGrant, requestGrant, revokeGrant } from "./grants";
import { linkIncidentTool, unlinkIncidentTool, updateIncident } from "./incidents";
import { replaceObservations } from "./observations";
import { updatePolicy } from "./policy";

const seeded = withSeededDatabase("evaluator_test");

/** Each finding's transitions alternate between open and resolved: none is written twice. */
async function transitionsWrittenOnce(db: PrismaClient): Promise<string[]> {
  const transitions = await db.findingTransition.findMany({ orderBy: { id: "asc" }, select: { findingId: true, kind: true } });
  const last = new Map<string, string>();
  const twice: string[] = [];
  for (const { findingId, kind } of transitions) {
    const previous = last.get(findingId);
    const opens = kind === "OPENED" || kind === "REOPENED";
    if ((kind === "OPENED" && previous) || (opens && previous && previous !== "RESOLVED") || (kind === "RESOLVED" && (!previous || previous === "RESOLVED"))) twice.push(`${findingId} ${previous} → ${kind}`);
    last.set(findingId, kind === "SEVERITY_CHANGED" ? (previous ?? kind) : kind);
  }
  return twice;
}

describe("the kept records after writes", () => {
  it("equal a full evaluation from the seed on, and after every kind of write, judging only what each touched", async () => {
    const { db } = seeded;
    const { lead, reviewer, admin, incidents } = await actorsFor(db, ["lead", "reviewer", "admin", "incidents"]);
    expect(await keptRecords(db)).toEqual(await fullEvaluation(db, new Date()));
    const grantRequest = (tool: string, environment: string) =>
      grantRequestSchema.parse({ tool, environment, maxAutonomy: "AGENT", capabilities: ["repo:read"], justification: "Equivalence test", expiresAt: "2027-12-31" });
    let requested = "";
    const writes: [string, () => Promise<unknown>][] = [
      ["observations replaced", () => replaceObservations(lead, "tabline", [{ environment: "prod-us-east", autonomy: "AGENT", capabilities: ["repo:read", "env:delete"], source: "SYNC" }])],
      ["tool suspended", () => updateTool(lead, "askbase", { status: "SUSPENDED" })],
      ["grant requested", async () => (requested = (await requestGrant(lead, grantRequest("query-pilot", "analytics"))).id)],
      ["grant approved", () => decideGrant(reviewer, requested, { decision: "APPROVE", comment: "" })],
      ["grant revoked", () => revokeGrant(reviewer, requested, "Equivalence test")],
      ["grant denied", async () => decideGrant(reviewer, (await requestGrant(lead, grantRequest("tabline", "staging"))).id, { decision: "DENY", comment: "no" })],
      ["incident linked", () => linkIncidentTool(incidents, "INC-2017", { tool: "tabline", role: "TRIGGERED" })],
      [
        "incident moved in time",
        async () => {
          const { startedAt } = await db.incident.findUniqueOrThrow({ where: { key: "INC-2017" } });
          await updateIncident(incidents, "INC-2017", incidentPatchSchema.parse({ startedAt: new Date(startedAt.getTime() - 60 * DAY_MS).toISOString() }));
        },
      ],
      ["incident unlinked", () => unlinkIncidentTool(incidents, "INC-2017", "tabline")],
      ["environment created", () => createEnvironment(lead, environmentCreateSchema.parse({ name: "prod-apac", tier: "PRODUCTION", dataSensitivity: "PII", criticalPath: true }))],
      ["capability created", () => createCapability(admin, capabilityCreateSchema.parse({ key: "cache:flush", class: "DESTRUCTIVE", description: "" }))],
      ["environment's tier raised", () => updateEnvironment(lead, "staging", environmentUpdateSchema.parse({ tier: "SHARED_PLATFORM", criticalPath: true }))],
      ["capability's class changed", () => updateCapability(admin, "repo:write", capabilityUpdateSchema.parse({ class: "DESTRUCTIVE" }))],
      ["policy tightened", () => updatePolicy(admin, { policy: { ...DEFAULT_POLICY, findings: { ...DEFAULT_POLICY.findings, staleObservationDays: 10 } }, note: "Equivalence test" })],
    ];
    for (const [what, write] of writes) {
      await write();
      const now = new Date();
      await settleFindings(db, { now, rebuild: true });
      expect({ what, ...(await keptRecords(db)) }).toEqual({ what, ...(await fullEvaluation(db, now)) });
    }
    expect(await transitionsWrittenOnce(db)).toEqual([]);
    // The writes did change the records: tabline's new reach opened a finding, and the revoked grant
    // left query-pilot's reach in analytics ungranted again.
    const tabline = await db.findingRecord.findFirst({ where: { toolSlug: "tabline", environmentName: "prod-us-east", resolvedAt: null } });
    expect(tabline).not.toBeNull();
    const queryPilot = await db.findingRecord.findUnique({
      where: { toolId_environmentId_rule: { toolId: (await db.aiTool.findUniqueOrThrow({ where: { slug: "query-pilot" } })).id, environmentId: (await db.environment.findUniqueOrThrow({ where: { name: "analytics" } })).id, rule: "UNGRANTED_REACH" } },
      include: { transitions: { orderBy: { id: "asc" } } },
    });
    expect(queryPilot?.transitions.map((t) => t.kind)).toEqual(["OPENED", "RESOLVED", "REOPENED"]);
  });

  it("a write the evaluator has not read yet is picked up by the next settle, and a write that changes no pair queues nothing", async () => {
    const { db } = seeded;
    const { lead } = await actorsFor(db, ["lead"]);
    await settleFindings(db);
    await replaceObservations(lead, "askbase", [{ environment: "staging", autonomy: "AUTONOMOUS", capabilities: ["repo:write"], source: "SYNC" }]);
    expect(await db.findingRecord.count({ where: { toolSlug: "askbase", environmentName: "staging", rule: "RETIRED_WITH_ACCESS", resolvedAt: null } })).toBe(0);
    await settleFindings(db);
    expect(await db.findingRecord.count({ where: { toolSlug: "askbase", environmentName: "staging", rule: "RETIRED_WITH_ACCESS", resolvedAt: null } })).toBe(1);
    expect(await db.findingWork.count()).toBe(0);
  });
});

describe("two processes evaluating at once", () => {
  it("share the work and write each transition once", async () => {
    const { db, url } = seeded;
    const { lead } = await actorsFor(db, ["lead"]);
    const other = createPrismaClient(url);
    try {
      const slugs = (await db.aiTool.findMany({ select: { slug: true }, orderBy: { slug: "asc" } })).map((t) => t.slug);
      for (const slug of slugs) {
        await replaceObservations(lead, slug, [{ environment: "prod-us-east", autonomy: "AUTONOMOUS", capabilities: ["repo:write", "env:delete"], source: "SYNC" }]);
      }
      const transitionsBefore = await db.findingTransition.count();
      await requestRebuild(db);
      const now = new Date();
      await Promise.all([settleFindings(db, { now, rebuild: true }), settleFindings(other, { now, rebuild: true })]);
      expect(await keptRecords(db)).toEqual(await fullEvaluation(db, now));
      expect(await transitionsWrittenOnce(db)).toEqual([]);
      expect(await db.findingTransition.count()).toBeGreaterThan(transitionsBefore);
      // A second rebuild of an unchanged register, both processes at once, changes nothing.
      const transitionsAfter = await db.findingTransition.count();
      await requestRebuild(db);
      await Promise.all([settleFindings(db, { now, rebuild: true }), settleFindings(other, { now, rebuild: true })]);
      expect(await db.findingTransition.count()).toBe(transitionsAfter);
    } finally {
      await other.$disconnect();
    }
  });
});

describe("the kept records as time passes", () => {
  it("follow the injected clock through every time-driven rule, judging only the pairs whose moment came", async () => {
    const { db } = seeded;
    // From the seed's own register: grants expire, observations go stale, grants go unused, ceilings lift.
    await rebuildFindings(db);
    const start = Date.now();
    const resolvedBefore = await db.findingTransition.count({ where: { kind: "RESOLVED" } });
    const openedBefore = await db.findingTransition.count({ where: { kind: { in: ["OPENED", "REOPENED"] } } });
    for (const days of [1, 7, 15, 31, 45, 61, 91, 120, 200, 400]) {
      const now = new Date(start + days * DAY_MS);
      await settleFindings(db, { now });
      expect({ days, ...(await keptRecords(db)) }).toEqual({ days, ...(await fullEvaluation(db, now)) });
    }
    expect(await db.findingTransition.count({ where: { kind: "RESOLVED" } })).toBeGreaterThan(resolvedBefore);
    expect(await db.findingTransition.count({ where: { kind: { in: ["OPENED", "REOPENED"] } } })).toBeGreaterThan(openedBefore);
    for (const rule of ["GRANT_EXPIRED", "STALE_OBSERVATION", "UNUSED_GRANT"] as const) {
      expect({ rule, opened: await db.findingRecord.count({ where: { rule } }) > 0 }).toEqual({ rule, opened: true });
    }
    expect(await db.findingRecord.count({ where: { rule: "AUTONOMY_EXCEEDS_CEILING", resolvedAt: { not: null } } })).toBeGreaterThan(0);
    expect(await transitionsWrittenOnce(db)).toEqual([]);
  });
});
