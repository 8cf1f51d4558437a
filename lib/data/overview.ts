import { authorize, type Actor } from "@/lib/auth/actor";
import type { MatrixCell } from "@/lib/policy/findings";
import { tierRank, type Autonomy, type Severity, type Tier } from "@/lib/policy/types";
import type { FindingDto } from "@/lib/dto/findings";
import { countBySeverity, findingDto } from "./findings";
import { evaluateRegister } from "./register-snapshot";

export interface MatrixView {
  environments: { name: string; tier: Tier }[];
  rows: { tool: string; name: string; worstGap: number; cells: Record<string, { allowed: Autonomy; actual: Autonomy | null; gap: number; ceiling: string | null } | undefined> }[];
  totalTools: number;
}

export interface Overview {
  counts: Record<Severity, number>;
  findings: FindingDto[];
  totalFindings: number;
  toolsExceeding: number;
  matrix: MatrixView;
}

const FINDINGS_SHOWN = 12;

// Tools whose actual autonomy most exceeds what they are allowed come first; the page shows the
// worst rows and links to the full findings table for the rest.
function matrixView(cells: MatrixCell[], environments: { name: string; tier: Tier }[], names: Map<string, string>, limit: number): MatrixView {
  const byTool = new Map<string, MatrixView["rows"][number]>();
  for (const cell of cells) {
    let row = byTool.get(cell.tool);
    if (!row) {
      row = { tool: cell.tool, name: names.get(cell.tool) ?? cell.tool, worstGap: Number.NEGATIVE_INFINITY, cells: {} };
      byTool.set(cell.tool, row);
    }
    row.cells[cell.environment] = { allowed: cell.allowed, actual: cell.actual, gap: cell.gap, ceiling: cell.ceiling?.reason ?? null };
    row.worstGap = Math.max(row.worstGap, cell.actual === null ? Number.NEGATIVE_INFINITY : cell.gap);
  }
  const rows = [...byTool.values()].sort((a, b) => b.worstGap - a.worstGap || a.name.localeCompare(b.name));
  return { environments: [...environments].sort((a, b) => tierRank(a.tier) - tierRank(b.tier) || a.name.localeCompare(b.name)), rows: rows.slice(0, limit), totalTools: rows.length };
}

export async function getOverview(actor: Actor, options: { matrixRows?: number; now?: Date } = {}): Promise<Overview> {
  authorize(actor, "register:read");
  const { findings, matrix, snapshot } = await evaluateRegister(options.now ?? new Date());
  const names = new Map(snapshot.tools.map((t) => [t.slug, t.name]));
  return {
    counts: countBySeverity(findings),
    findings: findings.slice(0, FINDINGS_SHOWN).map(findingDto),
    totalFindings: findings.length,
    toolsExceeding: new Set(matrix.filter((c) => c.gap > 0 && c.actual !== null).map((c) => c.tool)).size,
    matrix: matrixView(matrix, snapshot.environments, names, options.matrixRows ?? 25),
  };
}
