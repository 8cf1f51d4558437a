// Reads of the finding records: indexed SQL, paged and filtered. The records are written by the
// evaluator alone (./finding-evaluator.ts), so nothing here judges the register.
import { authorize, type Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import type { FindingDetailDto, FindingDto, FindingStatsDto, RebuildProgress, ToolPolicyDto } from "@/lib/dto/findings";
import type { Page } from "@/lib/dto/page";
import { notFound } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DAY_MS } from "@/lib/policy/time";
import { SEVERITIES, type Severity } from "@/lib/policy/types";
import { findingFilterSchema, findingIdSchema, type FindingFilter, type FindingPageQuery } from "@/lib/validation/findings.validation";
import { evaluatorStatus } from "./finding-evaluator";
import { pageWindow } from "./page-window";

const recordSelect = {
  id: true,
  rule: true,
  severity: true,
  toolSlug: true,
  environmentName: true,
  explanation: true,
  firstSeenAt: true,
  lastSeenAt: true,
  resolvedAt: true,
} satisfies Prisma.FindingRecordSelect;

type RecordRow = Prisma.FindingRecordGetPayload<{ select: typeof recordSelect }>;

function findingDto({ toolSlug, environmentName, resolvedAt, ...rest }: RecordRow): FindingDto {
  return { ...rest, tool: toolSlug, environment: environmentName, state: resolvedAt ? "RESOLVED" : "OPEN", resolvedAt };
}

function whereOf(input: FindingFilter): Prisma.FindingRecordWhereInput {
  const filter = findingFilterSchema.parse(input);
  return {
    ...(filter.state === "open" ? { resolvedAt: null } : filter.state === "resolved" ? { resolvedAt: { not: null } } : {}),
    ...(filter.tool && { toolSlug: filter.tool }),
    ...(filter.environment && { environmentName: filter.environment }),
    ...(filter.severity && { severity: filter.severity }),
    ...(filter.rule && { rule: filter.rule }),
    ...(filter.since && { changedAt: { gte: new Date(filter.since) } }),
  };
}

// Worst first: severity, then tool, environment and rule (the rule enum's order is the policy's).
const WORST_FIRST: Prisma.FindingRecordOrderByWithRelationInput[] = [{ severity: "desc" }, { toolSlug: "asc" }, { environmentName: "asc" }, { rule: "asc" }];
const SORT_COLUMN: Record<FindingPageQuery["sort"], keyof Prisma.FindingRecordOrderByWithRelationInput> = {
  severity: "severity",
  tool: "toolSlug",
  environment: "environmentName",
  rule: "rule",
  firstSeenAt: "firstSeenAt",
};

/** The table's order: the column asked for, then worst first, then the id, so that pages never overlap. */
function orderOf({ sort, dir }: Pick<FindingPageQuery, "sort" | "dir">): Prisma.FindingRecordOrderByWithRelationInput[] {
  const first = sort === "severity" && dir === "desc" ? [] : [{ [SORT_COLUMN[sort]]: dir }];
  return [...first, ...WORST_FIRST, { id: "asc" }];
}

/** The Findings table, the API's list and the export: filtered, sorted, one page. */
export async function findingsPage(actor: Actor, query: FindingPageQuery): Promise<Page<FindingDto>> {
  authorize(actor, "register:read");
  const db = prisma();
  const where = whereOf(query);
  const total = await db.findingRecord.count({ where });
  const { skip, ...paging } = pageWindow(total, query);
  const rows = await db.findingRecord.findMany({ where, orderBy: orderOf(query), skip, take: paging.pageSize, select: recordSelect });
  return { rows: rows.map(findingDto), total, ...paging };
}

/** Every finding matching the filter, worst first: for lists that are short by nature (one tool's, one incident's). */
export async function listFindings(actor: Actor, filter: FindingFilter = {}): Promise<FindingDto[]> {
  authorize(actor, "register:read");
  const rows = await prisma().findingRecord.findMany({ where: whereOf(filter), orderBy: [...WORST_FIRST, { id: "asc" }], select: recordSelect });
  return rows.map(findingDto);
}

/** How far a pending full rebuild has come (after a policy change), for the pages to say so; null when none is pending. */
export async function findingsRebuildProgress(actor: Actor): Promise<RebuildProgress | null> {
  authorize(actor, "register:read");
  return (await evaluatorStatus()).rebuild;
}

const TOOL_SUGGESTIONS = 200;

/** Slugs of tools with open findings, for the tool filter's suggestions (the first 200: a register may hold 100,000). */
export async function toolsWithFindings(actor: Actor): Promise<string[]> {
  authorize(actor, "register:read");
  const rows = await prisma().$queryRaw<{ slug: string }[]>`
    SELECT DISTINCT "toolSlug" AS slug FROM "FindingRecord" WHERE "resolvedAt" IS NULL ORDER BY 1 LIMIT ${TOOL_SUGGESTIONS}`;
  return rows.map((row) => row.slug);
}

/** One finding with its timeline. */
export async function findingDetail(actor: Actor, id: string): Promise<FindingDetailDto> {
  authorize(actor, "register:read");
  const parsed = findingIdSchema.safeParse(id);
  const record = parsed.success
    ? await prisma().findingRecord.findUnique({
        where: { id: parsed.data },
        select: { ...recordSelect, transitions: { orderBy: { id: "asc" }, select: { kind: true, at: true, severity: true, previousSeverity: true, explanation: true } } },
      })
    : null;
  if (!record) throw notFound(`Finding "${id}"`);
  const { transitions, ...row } = record;
  return { ...findingDto(row), transitions };
}

export function countBySeverity(findings: { severity: Severity }[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

/** Open findings per severity, from the open-findings index. */
export async function openFindingCounts(actor: Actor): Promise<Record<Severity, number>> {
  authorize(actor, "register:read");
  const groups = await prisma().findingRecord.groupBy({ by: ["severity"], where: { resolvedAt: null }, _count: { _all: true } });
  const counts = countBySeverity([]);
  for (const group of groups) counts[group.severity] = group._count._all;
  return counts;
}

const STATS_DAYS = 90;

interface DayDelta {
  day: Date;
  kind: "OPENED" | "SEVERITY_CHANGED" | "RESOLVED" | "REOPENED";
  severity: Severity;
  previousSeverity: Severity | null;
  count: number;
}

/**
 * The trend and the pace. Open findings at the end of each of the last 90 days, per severity, are
 * worked back from the open counts now, undoing each day's transitions (an opening adds one at its
 * severity, a resolution takes one away, a severity change moves one), so only the window's
 * transitions are read. The mean time to resolve pairs each resolution with the opening before it.
 */
export async function findingStats(actor: Actor, now = new Date()): Promise<FindingStatsDto> {
  authorize(actor, "register:read");
  const db = prisma();
  const open = await openFindingCounts(actor);
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const firstDay = today - (STATS_DAYS - 1) * DAY_MS;
  const nowIso = now.toISOString();
  const deltas = await db.$queryRaw<DayDelta[]>`
    SELECT date_trunc('day', at) AS day, kind::text AS kind, severity::text AS severity, "previousSeverity"::text AS "previousSeverity", COUNT(*)::int AS count
    FROM "FindingTransition"
    WHERE at >= ${new Date(firstDay + DAY_MS).toISOString()}::timestamptz AT TIME ZONE 'UTC' AND at <= ${nowIso}::timestamptz AT TIME ZONE 'UTC'
    GROUP BY 1, 2, 3, 4`;
  const byDay = new Map<number, DayDelta[]>();
  for (const delta of deltas) byDay.set(delta.day.getTime(), [...(byDay.get(delta.day.getTime()) ?? []), delta]);
  const running = { ...open };
  const openPerDay: FindingStatsDto["openPerDay"] = [];
  for (let day = today; day >= firstDay; day -= DAY_MS) {
    openPerDay.push({ day: new Date(day).toISOString().slice(0, 10), ...running });
    // Undo this day's transitions: what remains is the count at the end of the day before.
    for (const { kind, severity, previousSeverity, count } of byDay.get(day) ?? []) {
      if (kind === "RESOLVED") running[severity] += count;
      else running[severity] -= count;
      if (kind === "SEVERITY_CHANGED" && previousSeverity) running[previousSeverity] += count;
    }
  }
  openPerDay.reverse();
  const resolved = await db.$queryRaw<{ severity: Severity; resolved: number; meanHours: number | null }[]>`
    SELECT r.severity::text AS severity, COUNT(*)::int AS resolved, AVG(EXTRACT(EPOCH FROM r.at - o.at) / 3600)::float8 AS "meanHours"
    FROM "FindingTransition" r
    JOIN LATERAL (
      SELECT o.at FROM "FindingTransition" o
      WHERE o."findingId" = r."findingId" AND o.id < r.id AND o.kind IN ('OPENED', 'REOPENED')
      ORDER BY o.id DESC LIMIT 1
    ) o ON TRUE
    WHERE r.kind = 'RESOLVED' AND r.at > ${nowIso}::timestamptz AT TIME ZONE 'UTC' - interval '90 days' AND r.at <= ${nowIso}::timestamptz AT TIME ZONE 'UTC'
    GROUP BY r.severity`;
  const bySeverity = new Map(resolved.map((row) => [row.severity, row]));
  return {
    open,
    openPerDay,
    meanTimeToResolve: SEVERITIES.map((severity) => ({
      severity,
      resolved: bySeverity.get(severity)?.resolved ?? 0,
      meanHours: bySeverity.get(severity)?.meanHours ?? null,
    })),
  };
}

// What the tool page shows of the policy: its open findings and, per environment, what it may do now.
export async function toolPolicyView(actor: Actor, slug: string): Promise<ToolPolicyDto> {
  authorize(actor, "register:read");
  const findings = await listFindings(actor, { tool: slug });
  const cells = await prisma().findingPair.findMany({
    where: { toolSlug: slug, allowed: { not: null } },
    orderBy: { environmentName: "asc" },
    select: { environmentName: true, allowed: true, actual: true, gap: true, ceilingLevel: true, ceilingUntil: true, ceilingReason: true },
  });
  return {
    findings,
    allowed: cells.map((cell) => ({
      environment: cell.environmentName,
      allowed: cell.allowed!,
      actual: cell.actual,
      gap: cell.gap!,
      ceiling: cell.ceilingLevel && cell.ceilingUntil && cell.ceilingReason ? { level: cell.ceilingLevel, until: cell.ceilingUntil, reason: cell.ceilingReason } : null,
    })),
  };
}
