// The two sides of every "incremental equals full" test: what judging the whole register from scratch
// gives at a moment, and what the evaluator keeps, in one canonical shape.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { policyInForce } from "@/lib/data/policy";
import { loadRegisterSnapshot } from "@/lib/data/register-snapshot";
import { allowedAutonomyMatrix, computeFindings } from "@/lib/policy/findings";
import { SEVERITIES } from "@/lib/policy/types";

const canonical = (rows: unknown[]) => rows.map((row) => JSON.stringify(row)).sort();

export interface JudgedRegister {
  findings: string[];
  matrix: string[];
  /** Open findings per severity, LOW to CRITICAL. */
  counts: number[];
  /** Each tool of the matrix with its worst observed gap (null when never observed). */
  tools: string[];
}

export async function fullEvaluation(db: PrismaClient, now: Date): Promise<JudgedRegister> {
  const snapshot = await loadRegisterSnapshot(db);
  const { policy } = await policyInForce(db);
  const findings = computeFindings(snapshot, now, policy);
  const matrix = allowedAutonomyMatrix(snapshot, now, policy);
  const worstGap = new Map<string, number | null>();
  for (const cell of matrix) {
    const worst = worstGap.get(cell.tool) ?? null;
    worstGap.set(cell.tool, cell.actual === null ? worst : Math.max(worst ?? Number.NEGATIVE_INFINITY, cell.gap));
  }
  return {
    tools: canonical([...worstGap].map(([tool, gap]) => ({ tool, gap }))),
    counts: SEVERITIES.map((s) => findings.filter((f) => f.severity === s).length),
    findings: canonical(findings.map(({ rule, severity, tool, environment, explanation }) => ({ rule, severity, tool, environment, explanation }))),
    matrix: canonical(
      matrix.map(({ tool, environment, allowed, actual, gap, ceiling }) => ({ tool, environment, allowed, actual, gap, ceiling: ceiling?.reason ?? null })),
    ),
  };
}

export async function keptRecords(db: PrismaClient): Promise<JudgedRegister> {
  const records = await db.findingRecord.findMany({ where: { resolvedAt: null } });
  const pairs = await db.findingPair.findMany({ where: { allowed: { not: null } } });
  // The per-day sums must add up to the open records: the overview counts from them.
  const daily = await db.findingDaily.groupBy({ by: ["severity"], _sum: { openDelta: true } });
  const tools = await db.findingTool.findMany({ where: { cells: { gt: 0 } } });
  return {
    tools: canonical(tools.map((t) => ({ tool: t.toolSlug, gap: t.worstGap }))),
    counts: SEVERITIES.map((s) => daily.find((d) => d.severity === s)?._sum.openDelta ?? 0),
    findings: canonical(records.map((r) => ({ rule: r.rule, severity: r.severity, tool: r.toolSlug, environment: r.environmentName, explanation: r.explanation }))),
    matrix: canonical(pairs.map((p) => ({ tool: p.toolSlug, environment: p.environmentName, allowed: p.allowed, actual: p.actual, gap: p.gap, ceiling: p.ceilingReason }))),
  };
}
