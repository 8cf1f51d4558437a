// The overview's headline figures, its worst findings and the autonomy matrix's worst rows, read
// from what the evaluator keeps (./finding-evaluator.ts) with indexed SQL.
import { authorize, type Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import type { FindingDto } from "@/lib/dto/findings";
import { SEVERITIES, tierRank, type Autonomy, type Severity, type Tier } from "@/lib/policy/types";
import { exceptionsInForce, type InForce } from "./exceptions";
import { findingsPage, openFindingCounts } from "./findings";

export interface MatrixView {
  environments: { name: string; tier: Tier }[];
  rows: { tool: string; name: string; worstGap: number; cells: Record<string, { allowed: Autonomy; actual: Autonomy | null; gap: number; ceiling: string | null; acceptedUntil: Date | null } | undefined> }[];
  totalTools: number;
}

export interface Overview {
  counts: Record<Severity, number>;
  findings: FindingDto[];
  totalFindings: number;
  toolsExceeding: number;
  matrix: MatrixView;
  /** Open findings accepted by an exception in force: not in `counts`. */
  accepted: number;
}

const FINDINGS_SHOWN = 12;

// The tools whose actual autonomy most exceeds what they are allowed come first (then by slug), then
// those granted somewhere but never observed; the page shows the worst rows and links to the full
// findings table for the rest.
// The rules about autonomy: accepting one of them takes the colour off the matrix cell.
const AUTONOMY_RULES: readonly string[] = ["UNGRANTED_REACH", "AUTONOMY_EXCEEDS_GRANT", "AUTONOMY_EXCEEDS_CEILING"];

async function matrixView(limit: number, held: Map<string, InForce>): Promise<MatrixView> {
  const db = prisma();
  const environments = await db.environment.findMany({ select: { name: true, tier: true } });
  const worst = await db.findingTool.findMany({
    where: { cells: { gt: 0 } },
    orderBy: [{ worstGap: { sort: "desc", nulls: "last" } }, { toolSlug: "asc" }],
    take: limit,
    select: { toolSlug: true, worstGap: true },
  });
  const slugs = worst.map((tool) => tool.toolSlug);
  const cells = await db.findingPair.findMany({
    where: { toolSlug: { in: slugs }, allowed: { not: null } },
    select: { toolSlug: true, environmentName: true, allowed: true, actual: true, gap: true, ceilingReason: true },
  });
  const names = new Map((await db.aiTool.findMany({ where: { slug: { in: slugs } }, select: { slug: true, name: true } })).map((t) => [t.slug, t.name]));
  const rows = new Map<string, MatrixView["rows"][number]>(
    worst.map(({ toolSlug, worstGap }) => [toolSlug, { tool: toolSlug, name: names.get(toolSlug) ?? toolSlug, worstGap: worstGap ?? Number.NEGATIVE_INFINITY, cells: {} }]),
  );
  const acceptedUntil = new Map<string, Date>();
  for (const { finding, acceptance } of held.values()) {
    if (AUTONOMY_RULES.includes(finding.rule)) acceptedUntil.set(`${finding.tool}\u0000${finding.environment}`, acceptance.until);
  }
  for (const cell of cells) {
    rows.get(cell.toolSlug)!.cells[cell.environmentName] = {
      allowed: cell.allowed!,
      actual: cell.actual,
      gap: cell.gap!,
      ceiling: cell.ceilingReason,
      acceptedUntil: acceptedUntil.get(`${cell.toolSlug}\u0000${cell.environmentName}`) ?? null,
    };
  }
  return {
    environments: environments.sort((a, b) => tierRank(a.tier) - tierRank(b.tier) || a.name.localeCompare(b.name)),
    rows: [...rows.values()],
    totalTools: await db.findingTool.count({ where: { cells: { gt: 0 } } }),
  };
}

export async function getOverview(actor: Actor, options: { matrixRows?: number } = {}): Promise<Overview> {
  authorize(actor, "register:read");
  const held = await exceptionsInForce();
  // An accepted finding leaves the headline counts while its exception holds.
  const counts = await openFindingCounts(actor);
  for (const { finding } of held.values()) counts[finding.severity] -= 1;
  const worst = await findingsPage(actor, { page: 1, pageSize: FINDINGS_SHOWN, state: "open", sort: "severity", dir: "desc" });
  const exceeding = await prisma().findingTool.count({ where: { worstGap: { gt: 0 } } });
  return {
    counts,
    findings: worst.rows,
    totalFindings: SEVERITIES.reduce((sum, severity) => sum + counts[severity], 0),
    toolsExceeding: exceeding,
    matrix: await matrixView(options.matrixRows ?? 25, held),
    accepted: held.size,
  };
}
