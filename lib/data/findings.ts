import { authorize, type Actor } from "@/lib/auth/actor";
import type { FindingDto, ToolPolicyDto } from "@/lib/dto/findings";
import type { Page } from "@/lib/dto/page";
import { SEVERITIES, severityRank, type Finding, type Severity } from "@/lib/policy/types";
import type { FindingFilter, FindingPageQuery } from "@/lib/validation/findings.validation";
import { evaluateRegister } from "./register-snapshot";
import { pageWindow } from "./page-window";

export function findingDto(finding: Finding): FindingDto {
  const { rule, severity, tool, environment, explanation, since } = finding;
  return { rule, severity, tool, environment, explanation, since };
}

function matches(finding: Finding, filter: FindingFilter): boolean {
  return (
    (!filter.tool || finding.tool === filter.tool) &&
    (!filter.environment || finding.environment === filter.environment) &&
    (!filter.severity || finding.severity === filter.severity) &&
    (!filter.rule || finding.rule === filter.rule)
  );
}

// The one entry point to findings, for pages and the API alike; worst first.
export async function listFindings(actor: Actor, filter: FindingFilter = {}, now = new Date()): Promise<FindingDto[]> {
  authorize(actor, "register:read");
  const { findings } = await evaluateRegister(now);
  return findings.filter((finding) => matches(finding, filter)).map(findingDto);
}

const COMPARE: Record<FindingPageQuery["sort"], (a: FindingDto, b: FindingDto) => number> = {
  severity: (a, b) => severityRank(a.severity) - severityRank(b.severity),
  tool: (a, b) => a.tool.localeCompare(b.tool),
  environment: (a, b) => a.environment.localeCompare(b.environment),
  rule: (a, b) => a.rule.localeCompare(b.rule),
  since: (a, b) => a.since.getTime() - b.since.getTime(),
};

/** The findings table's order; the page and its CSV export share it. */
export function sortFindings(findings: FindingDto[], { sort, dir }: Pick<FindingPageQuery, "sort" | "dir">): FindingDto[] {
  const direction = dir === "asc" ? 1 : -1;
  // Array.sort is stable, so ties keep the worst-first order of the policy.
  return [...findings].sort((a, b) => direction * COMPARE[sort](a, b));
}

export async function findingsPage(actor: Actor, query: FindingPageQuery): Promise<Page<FindingDto>> {
  const sorted = sortFindings(await listFindings(actor, query), query);
  const { skip, ...paging } = pageWindow(sorted.length, query);
  return { rows: sorted.slice(skip, skip + paging.pageSize), total: sorted.length, ...paging };
}

export function countBySeverity(findings: { severity: Severity }[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

// What the tool page shows of the policy: its findings and, per environment, what it may do now.
export async function toolPolicyView(actor: Actor, slug: string, now = new Date()): Promise<ToolPolicyDto> {
  authorize(actor, "register:read");
  const { findings, matrix } = await evaluateRegister(now);
  return {
    findings: findings.filter((f) => f.tool === slug).map(findingDto),
    allowed: matrix
      .filter((cell) => cell.tool === slug)
      .map((cell) => ({
        environment: cell.environment,
        allowed: cell.allowed,
        actual: cell.actual,
        gap: cell.gap,
        ceiling: cell.ceiling && { level: cell.ceiling.level, until: cell.ceiling.until, reason: cell.ceiling.reason },
      })),
  };
}
