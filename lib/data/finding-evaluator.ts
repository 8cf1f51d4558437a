// Keeps the finding records current without ever judging the whole register in a request:
// 1. the audit log says which tool × environment pairs each write touched (read once, by one process
//    at a time, from a shared cursor) and they are queued as work;
// 2. queued pairs, and pairs whose next time-driven transition has come, are judged again with the
//    pure rules of lib/policy, each under its FindingPair row lock (SKIP LOCKED: several processes
//    share the work and never judge one pair at once), and the differences are written as
//    transitions in that same transaction, so each is written once;
// 3. a full rebuild (policy changes, repair) walks the tools in id order,
//    a chunk per transaction, in the background.
import { randomUUID } from "node:crypto";
import { prisma, type Db, type Tx } from "@/lib/db/client";
import { isTransactionConflict } from "@/lib/db/errors";
import type { RebuildProgress } from "@/lib/dto/findings";
import { Prisma } from "@/lib/generated/prisma/client";
import { planFindingRecords, type FindingTransitionPlan, type KeptFinding, type RecordPlan } from "@/lib/policy/finding-records";
import { matrixCell, nextTransitionAt, pairFacts, pairFindings, type PairFacts } from "@/lib/policy/findings";
import type { AutonomyCeiling } from "@/lib/policy/ceiling";
import type { FindingRule, Severity } from "@/lib/policy/types";
import type { RegisterEvent } from "@/lib/notifications/events";
import { emitEvents } from "./outbox";
import { policyInForce } from "./policy";
import { loadRegisterSnapshot } from "./register-snapshot";

/** Pairs judged per transaction: big enough to amortise the reads, small enough to hold locks briefly. */
const PAIRS_PER_CHUNK = 400;
const TOOLS_PER_REBUILD_CHUNK = 200;
const AUDIT_EVENTS_PER_READ = 2_000;
/** The first key of the per-tool advisory locks (the second is the tool id's hash). */
const TOOL_LOCK_CLASS = 72_707_371;

// Writes to these change no finding; the ledger's ingestion (Change) is by far the busiest.
const NO_FINDING_ENTITIES = ["Change", "ApiToken", "Mitigation", "Risk", "Team", "User", "Import", "SignInThrottle", "PolicyProposal", "DiscoveryRun", "FindingException", "WebhookSubscription"];
// Entities whose events name the pairs they change: per tool or grant, and the catalog's environments
// and capabilities (by name and key, which never change). Any other entity (the policy, the seed, one
// this file does not know) may change every pair, so the whole register is rebuilt.
const TARGETED_ENTITIES = ["AiTool", "Grant", "Incident", "Environment", "Capability"];

interface PairRow {
  toolId: string;
  environmentId: string;
  toolSlug: string;
  environmentName: string;
  /** As last judged: a lower one now is an incident.ceiling_applied event. */
  ceilingLevel: string | null;
}

const pairKey = (toolId: string, environmentId: string) => `${toolId}\u0000${environmentId}`;
const iso = (date: Date | null) => (date ? date.toISOString() : null);

// ---- 1. The audit log → queued work ------------------------------------------------------------

interface AuditRow {
  id: bigint;
  entity: string;
  entityId: string;
  beforeTool: string | null;
  afterTool: string | null;
}

/** Reads the audit log past the shared cursor and queues the pairs it names; false when another process holds the cursor or nothing new names a pair. */
async function readAuditLog(db: Db): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const [cursor] = await tx.$queryRaw<{ lastAuditId: bigint }[]>`
      SELECT "lastAuditId" FROM "FindingAuditCursor" WHERE id = 1 FOR UPDATE SKIP LOCKED`;
    if (!cursor) return false;
    // Every writer extends the chain under one lock and commits before the next takes it, so every
    // event up to the head read here is final: none can appear later below it.
    const [{ head }] = await tx.$queryRaw<{ head: bigint | null }[]>`SELECT MAX(id) AS head FROM "AuditEvent"`;
    if (head === null || head <= cursor.lastAuditId) return false;
    const events = await tx.$queryRaw<AuditRow[]>`
      SELECT id, entity, "entityId", before->>'tool' AS "beforeTool", after->>'tool' AS "afterTool"
      FROM "AuditEvent"
      WHERE id > ${cursor.lastAuditId} AND id <= ${head} AND entity <> ALL(${NO_FINDING_ENTITIES}::text[])
      ORDER BY id LIMIT ${AUDIT_EVENTS_PER_READ}`;
    const readTo = events.length === AUDIT_EVENTS_PER_READ ? events[events.length - 1].id : head;
    await queueWork(tx, events);
    await tx.$executeRaw`UPDATE "FindingAuditCursor" SET "lastAuditId" = ${readTo} WHERE id = 1`;
    // Only the ledger's events since last time: nothing to judge, so a busy feed keeps nobody looping.
    return events.length > 0;
  });
}

async function queueWork(tx: Tx, events: AuditRow[]): Promise<void> {
  const slugs = new Set<string>();
  const grantIds: string[] = [];
  const incidentKeys: string[] = [];
  const environmentNames: string[] = [];
  const capabilityKeys: string[] = [];
  let wholeRegister = false;
  for (const event of events) {
    if (!TARGETED_ENTITIES.includes(event.entity)) wholeRegister = true;
    else if (event.entity === "AiTool") slugs.add(event.entityId);
    else if (event.entity === "Grant") grantIds.push(event.entityId);
    else if (event.entity === "Environment") environmentNames.push(event.entityId);
    else if (event.entity === "Capability") capabilityKeys.push(event.entityId);
    else {
      // An incident's own fields move its tools' ceilings; a link or unlink names its tool.
      incidentKeys.push(event.entityId);
      for (const slug of [event.beforeTool, event.afterTool]) if (slug) slugs.add(slug);
    }
  }
  if (wholeRegister) await requestRebuild(tx);
  // Only the sources some event names: each one reads its own rows.
  const sources: Prisma.Sql[] = [];
  if (slugs.size > 0) sources.push(Prisma.sql`SELECT id, NULL FROM "AiTool" WHERE slug = ANY(${[...slugs]}::text[])`);
  if (incidentKeys.length > 0) sources.push(Prisma.sql`SELECT l."toolId", NULL FROM "IncidentTool" l JOIN "Incident" i ON i.id = l."incidentId" WHERE i.key = ANY(${incidentKeys}::text[])`);
  if (grantIds.length > 0) sources.push(Prisma.sql`SELECT "toolId", "environmentId" FROM "Grant" WHERE id = ANY(${grantIds}::text[])`);
  // An environment's pairs: those with a grant, an observation or a kept record there (a new one has none).
  if (environmentNames.length > 0) {
    sources.push(
      Prisma.sql`SELECT g."toolId", g."environmentId" FROM "Grant" g JOIN "Environment" e ON e.id = g."environmentId" WHERE e.name = ANY(${environmentNames}::text[])`,
      Prisma.sql`SELECT o."toolId", o."environmentId" FROM "Observation" o JOIN "Environment" e ON e.id = o."environmentId" WHERE e.name = ANY(${environmentNames}::text[])`,
      Prisma.sql`SELECT "toolId", "environmentId" FROM "FindingPair" WHERE "environmentName" = ANY(${environmentNames}::text[])`,
    );
  }
  // A capability's: those whose grants or observations hold its key.
  if (capabilityKeys.length > 0) {
    sources.push(
      Prisma.sql`SELECT "toolId", "environmentId" FROM "Grant" WHERE capabilities && ${capabilityKeys}::text[]`,
      Prisma.sql`SELECT "toolId", "environmentId" FROM "Observation" WHERE capabilities && ${capabilityKeys}::text[]`,
    );
  }
  if (sources.length === 0) return;
  await tx.$executeRaw`INSERT INTO "FindingWork" ("toolId", "environmentId") ${Prisma.join(sources, " UNION ")}`;
}

/** Starts a full rebuild from the first tool (again, if one was under way). */
export async function requestRebuild(db: Db | Tx = prisma(), now = new Date()): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "FindingRebuild" (id, "requestedAt", "afterToolId", "finishedAt") VALUES (1, ${iso(now)}::timestamptz AT TIME ZONE 'UTC', NULL, NULL)
    ON CONFLICT (id) DO UPDATE SET "requestedAt" = EXCLUDED."requestedAt", "afterToolId" = NULL, "finishedAt" = NULL`;
}

// ---- 2. Judging locked pairs ---------------------------------------------------------------------

/** Every pair of these tools worth judging: those with a grant or an observation, and those kept (which may just have lost theirs). */
async function pairsOfTools(tx: Tx, toolIds: string[]): Promise<{ toolId: string; environmentId: string }[]> {
  if (toolIds.length === 0) return [];
  return tx.$queryRaw`
    SELECT "toolId", "environmentId" FROM "Grant" WHERE "toolId" = ANY(${toolIds}::text[])
    UNION SELECT "toolId", "environmentId" FROM "Observation" WHERE "toolId" = ANY(${toolIds}::text[])
    UNION SELECT "toolId", "environmentId" FROM "FindingPair" WHERE "toolId" = ANY(${toolIds}::text[])`;
}

/**
 * Locks the pairs (creating their rows first), in key order so that two lockers cannot deadlock;
 * with `skipLocked`, pairs another process is judging are left out. Returns the pairs locked.
 */
async function lockPairs(tx: Tx, pairs: { toolId: string; environmentId: string }[], skipLocked: boolean): Promise<PairRow[]> {
  if (pairs.length === 0) return [];
  const toolIds = pairs.map((p) => p.toolId);
  const environmentIds = pairs.map((p) => p.environmentId);
  await tx.$executeRaw`
    INSERT INTO "FindingPair" ("toolId", "environmentId", "toolSlug", "environmentName")
    SELECT v.tool_id, v.environment_id, t.slug, e.name
    FROM unnest(${toolIds}::text[], ${environmentIds}::text[]) AS v(tool_id, environment_id)
    JOIN "AiTool" t ON t.id = v.tool_id JOIN "Environment" e ON e.id = v.environment_id
    ORDER BY v.tool_id, v.environment_id
    ON CONFLICT DO NOTHING`;
  const wait = skipLocked ? Prisma.sql`SKIP LOCKED` : Prisma.empty;
  return tx.$queryRaw<PairRow[]>`
    SELECT p."toolId", p."environmentId", p."toolSlug", p."environmentName", p."ceilingLevel"::text AS "ceilingLevel"
    FROM "FindingPair" p JOIN unnest(${toolIds}::text[], ${environmentIds}::text[]) AS v(tool_id, environment_id)
      ON p."toolId" = v.tool_id AND p."environmentId" = v.environment_id
    ORDER BY p."toolId", p."environmentId"
    FOR UPDATE OF p ${wait}`;
}

interface KeptRow extends KeptFinding {
  toolId: string;
  environmentId: string;
}

/** Judges pairs this transaction has locked and writes what changed. */
async function judgeLockedPairs(tx: Tx, pairs: PairRow[], now: Date): Promise<void> {
  if (pairs.length === 0) return;
  const toolIds = [...new Set(pairs.map((p) => p.toolId))];
  const { policy } = await policyInForce(tx);
  const snapshot = await loadRegisterSnapshot(tx, toolIds);
  const facts = new Map<string, PairFacts>();
  for (const pair of pairFacts(snapshot, now, policy)) facts.set(`${pair.tool.slug}\u0000${pair.environment.name}`, pair);
  const kept = await tx.$queryRaw<KeptRow[]>`
    SELECT id, "toolId", "environmentId", rule::text AS rule, severity::text AS severity, explanation, "openedAt", "resolvedAt"
    FROM "FindingRecord" WHERE "toolId" = ANY(${toolIds}::text[])`;
  const keptByPair = new Map<string, KeptRow[]>();
  for (const record of kept) {
    const key = pairKey(record.toolId, record.environmentId);
    keptByPair.set(key, [...(keptByPair.get(key) ?? []), record]);
  }

  const ruleOf = new Map(kept.map((record) => [record.id, record.rule]));
  const writes = new RecordWrites(now);
  const cells: PairState[] = [];
  for (const pair of pairs) {
    const fact = facts.get(`${pair.toolSlug}\u0000${pair.environmentName}`);
    const plans = planFindingRecords(keptByPair.get(pairKey(pair.toolId, pair.environmentId)) ?? [], fact ? pairFindings(fact) : [], now);
    for (const plan of plans) writes.add(pair, plan, plan.action === "create" ? plan.rule : ruleOf.get(plan.id)!);
    const cell = pairState(pair, fact, snapshot.incidentLinks);
    if (fact?.ceiling && cell.ceilingLevel !== pair.ceilingLevel) writes.ceilingApplied(pair, fact.ceiling);
    cells.push(cell);
  }
  await writes.flush(tx);
  await writePairStates(tx, cells, now);
  await summariseTools(tx, toolIds);
}

/**
 * The tools' matrix rows, summed from all their pairs. Another process may be judging other pairs
 * of the same tool: a per-tool lock (in id order, after every pair lock, so no cycle can form) makes
 * the later sum wait for the earlier commit and read it.
 */
async function summariseTools(tx: Tx, toolIds: string[]): Promise<void> {
  const sorted = [...toolIds].sort();
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${TOOL_LOCK_CLASS}::int, hashtext(id)) FROM unnest(${sorted}::text[]) WITH ORDINALITY AS t(id, n) ORDER BY n`;
  await tx.$executeRaw`
    INSERT INTO "FindingTool" ("toolId", "toolSlug", cells, "worstGap")
    SELECT p."toolId", MIN(p."toolSlug"), COUNT(*) FILTER (WHERE p.allowed IS NOT NULL)::int, MAX(p.gap) FILTER (WHERE p.actual IS NOT NULL)
    FROM "FindingPair" p WHERE p."toolId" = ANY(${sorted}::text[])
    GROUP BY p."toolId"
    ON CONFLICT ("toolId") DO UPDATE SET cells = EXCLUDED.cells, "worstGap" = EXCLUDED."worstGap"`;
}

interface PairState {
  toolId: string;
  environmentId: string;
  dueAt: Date | null;
  allowed: string | null;
  actual: string | null;
  gap: number | null;
  ceilingLevel: string | null;
  ceilingUntil: Date | null;
  ceilingReason: string | null;
}

function pairState(pair: PairRow, fact: PairFacts | undefined, links: Parameters<typeof nextTransitionAt>[1]): PairState {
  const { toolId, environmentId } = pair;
  if (!fact) return { toolId, environmentId, dueAt: null, allowed: null, actual: null, gap: null, ceilingLevel: null, ceilingUntil: null, ceilingReason: null };
  const cell = matrixCell(fact);
  return {
    toolId,
    environmentId,
    dueAt: nextTransitionAt(fact, links),
    allowed: cell.allowed,
    actual: cell.actual,
    gap: cell.gap,
    ceilingLevel: cell.ceiling?.level ?? null,
    ceilingUntil: cell.ceiling?.until ?? null,
    ceilingReason: cell.ceiling?.reason ?? null,
  };
}

async function writePairStates(tx: Tx, states: PairState[], now: Date): Promise<void> {
  const column = <T>(pick: (state: PairState) => T) => states.map(pick);
  await tx.$executeRaw`
    UPDATE "FindingPair" p SET
      "dueAt" = v.due_at::timestamptz AT TIME ZONE 'UTC', "evaluatedAt" = ${iso(now)}::timestamptz AT TIME ZONE 'UTC',
      allowed = v.allowed::"Autonomy", actual = v.actual::"Autonomy", gap = v.gap,
      "ceilingLevel" = v.ceiling_level::"Autonomy", "ceilingUntil" = v.ceiling_until::timestamptz AT TIME ZONE 'UTC', "ceilingReason" = v.ceiling_reason
    FROM unnest(
      ${column((s) => s.toolId)}::text[], ${column((s) => s.environmentId)}::text[], ${column((s) => iso(s.dueAt))}::text[],
      ${column((s) => s.allowed)}::text[], ${column((s) => s.actual)}::text[], ${column((s) => s.gap)}::int[],
      ${column((s) => s.ceilingLevel)}::text[], ${column((s) => iso(s.ceilingUntil))}::text[], ${column((s) => s.ceilingReason)}::text[]
    ) AS v(tool_id, environment_id, due_at, allowed, actual, gap, ceiling_level, ceiling_until, ceiling_reason)
    WHERE p."toolId" = v.tool_id AND p."environmentId" = v.environment_id`;
}

const FINDING_EVENT_TYPES = { OPENED: "finding.opened", RESOLVED: "finding.resolved", SEVERITY_CHANGED: "finding.severity_changed", REOPENED: "finding.reopened" } as const;
const FINDING_EVENT_WORDS = { OPENED: "opened", RESOLVED: "resolved", REOPENED: "came back" } as const;

const dayOf = (at: Date) => at.toISOString().slice(0, 10);
const HOUR_MS = 3_600_000;

/** The records and transitions of one chunk, and their sums per day, written with one statement each. */
class RecordWrites {
  private creates: { id: string; pair: PairRow; rule: FindingRule; severity: Severity; explanation: string; firstSeenAt: Date }[] = [];
  private updates: { id: string; severity: Severity; explanation: string; openedAt: Date; resolvedAt: Date | null; changedAt: Date | null }[] = [];
  private transitions: { findingId: string; kind: string; at: Date; severity: Severity; previousSeverity: Severity | null; explanation: string }[] = [];
  /** day|severity → what the chunk's transitions add to FindingDaily. */
  private daily = new Map<string, { day: string; severity: Severity; openDelta: number; resolved: number; resolvedHours: number }>();

  /** What the outbox tells subscribers, in the same transaction. */
  private events: RegisterEvent[] = [];

  constructor(private readonly now: Date) {}

  private addEvent(pair: PairRow, rule: FindingRule, findingId: string, transition: FindingTransitionPlan): void {
    const { kind, severity, previousSeverity, explanation, at } = transition;
    const type = FINDING_EVENT_TYPES[kind];
    const change = kind === "SEVERITY_CHANGED" ? `went from ${previousSeverity} to ${severity}` : FINDING_EVENT_WORDS[kind];
    this.events.push({
      type,
      at: this.now,
      summary: `${rule} ${change} for ${pair.toolSlug} in ${pair.environmentName}: ${explanation}`,
      subject: { tool: pair.toolSlug, environment: pair.environmentName, severity },
      links: { finding: `/findings/${findingId}`, tool: `/tools/${pair.toolSlug}` },
      details: { finding: findingId, rule, transition: kind, since: at, previousSeverity, explanation },
    });
  }

  ceilingApplied(pair: PairRow, ceiling: AutonomyCeiling): void {
    this.events.push({
      type: "incident.ceiling_applied",
      at: this.now,
      summary: `${pair.toolSlug} in ${pair.environmentName} is ${ceiling.reason}.`,
      subject: { tool: pair.toolSlug, environment: pair.environmentName },
      links: { incident: `/incidents/${ceiling.incidentKey}`, tool: `/tools/${pair.toolSlug}` },
      details: { incident: ceiling.incidentKey, ceiling: ceiling.level, until: ceiling.until, reason: ceiling.reason },
    });
  }

  private addDaily(at: Date, severity: Severity, change: { openDelta?: number; resolved?: number; resolvedHours?: number }): void {
    const key = `${dayOf(at)}|${severity}`;
    const sums = this.daily.get(key) ?? { day: dayOf(at), severity, openDelta: 0, resolved: 0, resolvedHours: 0 };
    sums.openDelta += change.openDelta ?? 0;
    sums.resolved += change.resolved ?? 0;
    sums.resolvedHours += change.resolvedHours ?? 0;
    this.daily.set(key, sums);
  }

  private addTransition(findingId: string, transition: FindingTransitionPlan, openedAt: Date): void {
    this.transitions.push({ findingId, ...transition });
    const { kind, at, severity, previousSeverity } = transition;
    if (kind === "RESOLVED") this.addDaily(at, severity, { openDelta: -1, resolved: 1, resolvedHours: (at.getTime() - openedAt.getTime()) / HOUR_MS });
    else this.addDaily(at, severity, { openDelta: 1 });
    if (kind === "SEVERITY_CHANGED" && previousSeverity) this.addDaily(at, previousSeverity, { openDelta: -1 });
  }

  add(pair: PairRow, plan: RecordPlan, rule: FindingRule): void {
    if (plan.action === "create") {
      const id = randomUUID();
      this.creates.push({ id, pair, rule: plan.rule, severity: plan.severity, explanation: plan.explanation, firstSeenAt: plan.firstSeenAt });
      this.addTransition(id, plan.transition, plan.firstSeenAt);
      this.addEvent(pair, rule, id, plan.transition);
      return;
    }
    this.updates.push({ id: plan.id, severity: plan.severity, explanation: plan.explanation, openedAt: plan.openedAt, resolvedAt: plan.resolvedAt, changedAt: plan.transition?.at ?? null });
    if (plan.transition) {
      this.addTransition(plan.id, plan.transition, plan.openedAt);
      this.addEvent(pair, rule, plan.id, plan.transition);
    }
  }

  async flush(tx: Tx): Promise<void> {
    const now = iso(this.now);
    const { creates, updates, transitions } = this;
    if (creates.length) {
      await tx.$executeRaw`
        INSERT INTO "FindingRecord" (id, rule, "toolId", "environmentId", "toolSlug", "environmentName", severity, explanation, "firstSeenAt", "openedAt", "lastSeenAt", "changedAt")
        SELECT v.id, v.rule::"FindingRule", v.tool_id, v.environment_id, v.tool_slug, v.environment_name, v.severity::"Severity", v.explanation,
               v.first_seen::timestamptz AT TIME ZONE 'UTC', v.first_seen::timestamptz AT TIME ZONE 'UTC', ${now}::timestamptz AT TIME ZONE 'UTC', v.first_seen::timestamptz AT TIME ZONE 'UTC'
        FROM unnest(
          ${creates.map((c) => c.id)}::text[], ${creates.map((c) => c.rule)}::text[], ${creates.map((c) => c.pair.toolId)}::text[],
          ${creates.map((c) => c.pair.environmentId)}::text[], ${creates.map((c) => c.pair.toolSlug)}::text[], ${creates.map((c) => c.pair.environmentName)}::text[],
          ${creates.map((c) => c.severity)}::text[], ${creates.map((c) => c.explanation)}::text[], ${creates.map((c) => iso(c.firstSeenAt))}::text[]
        ) AS v(id, rule, tool_id, environment_id, tool_slug, environment_name, severity, explanation, first_seen)`;
    }
    if (updates.length) {
      // A record still found is seen now; a resolved one keeps when it was last seen.
      await tx.$executeRaw`
        UPDATE "FindingRecord" r SET
          severity = v.severity::"Severity", explanation = v.explanation,
          "openedAt" = v.opened_at::timestamptz AT TIME ZONE 'UTC',
          "resolvedAt" = v.resolved_at::timestamptz AT TIME ZONE 'UTC',
          "lastSeenAt" = CASE WHEN v.resolved_at IS NULL THEN ${now}::timestamptz AT TIME ZONE 'UTC' ELSE r."lastSeenAt" END,
          "changedAt" = COALESCE(v.changed_at::timestamptz AT TIME ZONE 'UTC', r."changedAt")
        FROM unnest(
          ${updates.map((u) => u.id)}::text[], ${updates.map((u) => u.severity)}::text[], ${updates.map((u) => u.explanation)}::text[],
          ${updates.map((u) => iso(u.openedAt))}::text[], ${updates.map((u) => iso(u.resolvedAt))}::text[], ${updates.map((u) => iso(u.changedAt))}::text[]
        ) AS v(id, severity, explanation, opened_at, resolved_at, changed_at)
        WHERE r.id = v.id`;
    }
    if (transitions.length) {
      await tx.$executeRaw`
        INSERT INTO "FindingTransition" ("findingId", kind, at, severity, "previousSeverity", explanation)
        SELECT v.finding_id, v.kind::"FindingTransitionKind", v.at::timestamptz AT TIME ZONE 'UTC', v.severity::"Severity", v.previous::"Severity", v.explanation
        FROM unnest(
          ${transitions.map((t) => t.findingId)}::text[], ${transitions.map((t) => t.kind)}::text[], ${transitions.map((t) => iso(t.at))}::text[],
          ${transitions.map((t) => t.severity)}::text[], ${transitions.map((t) => t.previousSeverity)}::text[], ${transitions.map((t) => t.explanation)}::text[]
        ) WITH ORDINALITY AS v(finding_id, kind, at, severity, previous, explanation, n)
        ORDER BY v.n`;
    }
    // In key order, so that two processes adding to the same days cannot deadlock.
    const daily = [...this.daily.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.severity < b.severity ? -1 : 1));
    if (daily.length) {
      await tx.$executeRaw`
        INSERT INTO "FindingDaily" (day, severity, "openDelta", resolved, "resolvedHours")
        SELECT v.day::date, v.severity::"Severity", v.open_delta, v.resolved, v.resolved_hours
        FROM unnest(
          ${daily.map((d) => d.day)}::text[], ${daily.map((d) => d.severity)}::text[], ${daily.map((d) => d.openDelta)}::int[],
          ${daily.map((d) => d.resolved)}::int[], ${daily.map((d) => d.resolvedHours)}::float8[]
        ) WITH ORDINALITY AS v(day, severity, open_delta, resolved, resolved_hours, n)
        ORDER BY v.n
        ON CONFLICT (day, severity) DO UPDATE SET
          "openDelta" = "FindingDaily"."openDelta" + EXCLUDED."openDelta",
          resolved = "FindingDaily".resolved + EXCLUDED.resolved,
          "resolvedHours" = "FindingDaily"."resolvedHours" + EXCLUDED."resolvedHours"`;
    }
    await emitEvents(tx, this.events);
  }
}

/** Judges a chunk of the queued work; false when there was none this process could take. */
async function judgeQueuedWork(db: Db, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const work = await tx.$queryRaw<{ id: bigint; toolId: string; environmentId: string | null }[]>`
      SELECT id, "toolId", "environmentId" FROM "FindingWork" ORDER BY id LIMIT ${PAIRS_PER_CHUNK} FOR UPDATE SKIP LOCKED`;
    if (work.length === 0) return false;
    const wanted = new Map<string, { toolId: string; environmentId: string }>();
    const add = (pair: { toolId: string; environmentId: string }) => wanted.set(pairKey(pair.toolId, pair.environmentId), pair);
    for (const item of work) if (item.environmentId) add({ toolId: item.toolId, environmentId: item.environmentId });
    for (const pair of await pairsOfTools(tx, [...new Set(work.filter((w) => !w.environmentId).map((w) => w.toolId))])) add(pair);
    const locked = await lockPairs(tx, [...wanted.values()], true);
    await judgeLockedPairs(tx, locked, now);
    // What another process was judging stays queued, pair by pair: its judgement may predate the write.
    for (const pair of locked) wanted.delete(pairKey(pair.toolId, pair.environmentId));
    await tx.$executeRaw`DELETE FROM "FindingWork" WHERE id = ANY(${work.map((w) => w.id)}::bigint[])`;
    if (wanted.size) {
      const left = [...wanted.values()];
      await tx.$executeRaw`
        INSERT INTO "FindingWork" ("toolId", "environmentId")
        SELECT * FROM unnest(${left.map((p) => p.toolId)}::text[], ${left.map((p) => p.environmentId)}::text[])`;
    }
    // When every pair was another process's, looping again would only spin: the background retries.
    return locked.length > 0 || wanted.size === 0;
  });
}

/** Judges a chunk of the pairs whose next time-driven transition has come. */
async function judgeDuePairs(db: Db, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const due = await tx.$queryRaw<PairRow[]>`
      SELECT "toolId", "environmentId", "toolSlug", "environmentName", "ceilingLevel"::text AS "ceilingLevel" FROM "FindingPair"
      WHERE "dueAt" <= ${iso(now)}::timestamptz AT TIME ZONE 'UTC'
      ORDER BY "dueAt" LIMIT ${PAIRS_PER_CHUNK} FOR UPDATE SKIP LOCKED`;
    await judgeLockedPairs(tx, due, now);
    return due.length > 0;
  });
}

// ---- 3. The full rebuild ------------------------------------------------------------------------

/** Judges the next chunk of tools of a pending rebuild; false when none is pending or another process holds it. */
async function rebuildChunk(db: Db, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const [rebuild] = await tx.$queryRaw<{ afterToolId: string | null }[]>`
      SELECT "afterToolId" FROM "FindingRebuild" WHERE id = 1 AND "requestedAt" IS NOT NULL FOR UPDATE SKIP LOCKED`;
    if (!rebuild) return false;
    const after = rebuild.afterToolId === null ? Prisma.sql`TRUE` : Prisma.sql`id > ${rebuild.afterToolId}`;
    const tools = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "AiTool" WHERE ${after} ORDER BY id LIMIT ${TOOLS_PER_REBUILD_CHUNK}`;
    if (tools.length === 0) {
      await tx.$executeRaw`UPDATE "FindingRebuild" SET "requestedAt" = NULL, "finishedAt" = ${iso(now)}::timestamptz AT TIME ZONE 'UTC' WHERE id = 1`;
      return true;
    }
    const toolIds = tools.map((t) => t.id);
    // Waits for a pair another process is judging: a rebuild must judge every pair under the policy it started for.
    await judgeLockedPairs(tx, await lockPairs(tx, await pairsOfTools(tx, toolIds), false), now);
    await tx.$executeRaw`UPDATE "FindingRebuild" SET "afterToolId" = ${toolIds[toolIds.length - 1]} WHERE id = 1`;
    return true;
  });
}

// ---- Entry points -------------------------------------------------------------------------------

/** A deadlock or serialisation failure between evaluators is retried; the step's transaction rolled back whole. */
async function withRetry(step: () => Promise<boolean>): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (attempt >= 3 || !isTransactionConflict(error)) throw error;
    }
  }
}

export interface SettleOptions {
  now?: Date;
  /** Stop starting new chunks after this long; what is left is the background's. */
  budgetMs?: number;
  /** Also work through a pending full rebuild. */
  rebuild?: boolean;
}

/**
 * Brings the records up to date with every committed write and with the time `now`: what a write
 * awaits after committing (so its own findings are current when it answers) and what the background
 * runs. Returns whether anything was left undone within the budget.
 */
export async function settleFindings(db: Db = prisma(), { now, budgetMs = Number.POSITIVE_INFINITY, rebuild = false }: SettleOptions = {}): Promise<boolean> {
  const started = Date.now();
  const at = () => now ?? new Date();
  for (;;) {
    if (Date.now() - started > budgetMs) return true;
    const moved =
      (await withRetry(() => readAuditLog(db))) ||
      (await withRetry(() => judgeQueuedWork(db, at()))) ||
      (await withRetry(() => judgeDuePairs(db, at()))) ||
      (rebuild && (await withRetry(() => rebuildChunk(db, at()))));
    if (!moved) return false;
  }
}

/** Judges every pair again now, to completion (the seed, tests, repair from a script). */
export async function rebuildFindings(db: Db = prisma(), now?: Date): Promise<void> {
  await requestRebuild(db, now);
  await settleFindings(db, { now, rebuild: true });
}

export interface EvaluatorStatus {
  /** Null when no rebuild is pending. */
  rebuild: RebuildProgress | null;
  queuedWork: number;
}

export async function evaluatorStatus(db: Db | Tx = prisma()): Promise<EvaluatorStatus> {
  const [row] = await db.$queryRaw<{ pending: boolean; afterToolId: string | null; queuedWork: number }[]>`
    SELECT r."requestedAt" IS NOT NULL AS pending, r."afterToolId", (SELECT COUNT(*)::int FROM "FindingWork") AS "queuedWork"
    FROM "FindingRebuild" r WHERE r.id = 1`;
  if (!row?.pending) return { rebuild: null, queuedWork: row?.queuedWork ?? 0 };
  // Counted only while a rebuild is under way: every page that can show one asks.
  const [progress] = await db.$queryRaw<RebuildProgress[]>`
    SELECT (SELECT COUNT(*)::int FROM "AiTool" WHERE id <= ${row.afterToolId ?? ""}) AS "judgedTools", (SELECT COUNT(*)::int FROM "AiTool") AS "totalTools"`;
  return { rebuild: progress, queuedWork: row.queuedWork };
}

/**
 * Whether the findings reflect every write up to audit event `auditId` for these tools: the log has
 * been read that far, none of their pairs waits to be judged, and no full rebuild is under way. What
 * a client polls before it judges by the findings (a large write outlasts a request's own wait).
 */
export async function findingsCurrentAfter(auditId: bigint, toolSlugs: string[], db: Db | Tx = prisma()): Promise<boolean> {
  const [row] = await db.$queryRaw<{ current: boolean }[]>`
    SELECT (SELECT "lastAuditId" >= ${auditId} FROM "FindingAuditCursor" WHERE id = 1)
      AND NOT EXISTS (SELECT 1 FROM "FindingRebuild" WHERE id = 1 AND "requestedAt" IS NOT NULL)
      AND NOT EXISTS (SELECT 1 FROM "FindingWork" w JOIN "AiTool" t ON t.id = w."toolId" WHERE t.slug = ANY(${toolSlugs}::text[])) AS current`;
  return row?.current === true;
}

const BACKGROUND_INTERVAL_MS = 250;
const globalEvaluator = globalThis as unknown as { findingEvaluator?: NodeJS.Timeout };

/**
 * The server's evaluator: every quarter second, whatever other processes wrote, pairs whose time has
 * come, and a pending rebuild, chunk by chunk between requests. One per process; each process's
 * share of the work is decided by row locks, so any number of them may run.
 */
export function scheduleFindingEvaluation(): void {
  if (globalEvaluator.findingEvaluator) return;
  const tick = async () => {
    try {
      await settleFindings(prisma(), { budgetMs: 1_000, rebuild: true });
    } catch (error) {
      console.error("Finding evaluation failed; it will be tried again:", error);
    }
    globalEvaluator.findingEvaluator = setTimeout(tick, BACKGROUND_INTERVAL_MS).unref();
  };
  globalEvaluator.findingEvaluator = setTimeout(tick, BACKGROUND_INTERVAL_MS).unref();
}

const CAUGHT_UP_BUDGET_MS = 2_000;
const CAUGHT_UP_POLL_MS = 20;

/**
 * Whether the pairs of every write up to audit event `head` are judged: the cursor has passed it, and
 * the work it queued (at most `workMark`, fixed once the cursor passed) is done, by whichever process.
 */
async function judgedUpTo(db: Db, head: bigint, workMark: { id?: bigint }): Promise<boolean> {
  const [row] = await db.$queryRaw<{ cursor: bigint; maxWork: bigint | null }[]>`
    SELECT (SELECT "lastAuditId" FROM "FindingAuditCursor" WHERE id = 1) AS cursor, (SELECT MAX(id) FROM "FindingWork") AS "maxWork"`;
  if (!row || row.cursor < head) return false;
  workMark.id ??= row.maxWork ?? 0n;
  const [pending] = await db.$queryRaw<{ pending: boolean }[]>`SELECT EXISTS (SELECT 1 FROM "FindingWork" WHERE id <= ${workMark.id}) AS pending`;
  return !pending.pending;
}

/**
 * What a write awaits after it commits: the pairs it touched are judged before it answers, so its
 * author reads their own findings. Another process (the background, another app instance) may hold
 * the cursor or that work at the moment: then this waits for it, up to the budget, rather than answer
 * from before the write. A failure here is the background's to retry, not the write's.
 */
export async function findingsCaughtUp(): Promise<void> {
  const db = prisma();
  const deadline = Date.now() + CAUGHT_UP_BUDGET_MS;
  try {
    const [{ head }] = await db.$queryRaw<{ head: bigint | null }[]>`SELECT MAX(id) AS head FROM "AuditEvent"`;
    const workMark: { id?: bigint } = {};
    for (;;) {
      await settleFindings(db, { budgetMs: Math.max(0, deadline - Date.now()) });
      if (head === null || (await judgedUpTo(db, head, workMark)) || Date.now() >= deadline) return;
      await new Promise((resolve) => setTimeout(resolve, CAUGHT_UP_POLL_MS));
    }
  } catch (error) {
    console.error("Finding evaluation after a write failed; the background will retry:", error);
  }
}
