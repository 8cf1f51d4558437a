import Link from "next/link";
import type { ReactNode } from "react";
import { AutonomyBadge, GrantStatusBadge, humanize, IncidentSeverityBadge, TierBadge, ToolStatusBadge } from "@/components/domain-badges";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState, FoldedForm, PageHeader } from "@/components/ui/card";
import { Fact, Facts } from "@/components/ui/facts";
import { TableHeader } from "@/components/ui/table-header";
import { Time } from "@/components/ui/time";
import { FindingList } from "@/components/findings/finding-list";
import type { ToolPolicyDto } from "@/lib/dto/findings";
import type { ToolDetailDto } from "@/lib/dto/tools";
import { displayedGrantStatus } from "@/lib/policy/approvals";
import { AUTONOMY_LEVELS } from "@/lib/policy/types";
import { cn } from "@/lib/cn";
import { ObservationForm } from "./observation-form";
import { ToolIncidentLink } from "@/components/incidents/tool-incident-link";
import { ToolRisksAndMitigations } from "@/components/risks/tool-risks";

interface Catalog {
  environments: { name: string }[];
  capabilities: { key: string; class: string }[];
}

function formatDate(date: Date | null | undefined): string {
  return date ? date.toISOString().slice(0, 10) : "—";
}

export function ToolDetailView({
  tool,
  policy,
  catalog,
  canDeclare,
  grantRequest,
}: {
  tool: ToolDetailDto;
  policy: ToolPolicyDto;
  catalog: Catalog;
  canDeclare: boolean;
  /** The request form, for those who may request grants. */
  grantRequest?: ReactNode;
}) {
  return (
    <>
      <PageHeader breadcrumbs={{ links: [["/tools", "Register"]], here: tool.slug }} title={tool.name} badges={<ToolStatusBadge value={tool.status} />} description={tool.description} />
      <Facts columns="md:grid-cols-4">
        <Fact label="Vendor">{tool.vendor}</Fact>
        <Fact label="Kind">{humanize(tool.kind)}</Fact>
        <Fact label="Owner team">{tool.ownerTeam}</Fact>
        <Fact label="Modes it supports" className="flex flex-wrap gap-1">
          {AUTONOMY_LEVELS.filter((mode) => tool.modes.includes(mode)).map((mode) => (
            <AutonomyBadge key={mode} value={mode} />
          ))}
        </Fact>
      </Facts>

      <div className="mb-6 grid gap-6 xl:grid-cols-2">
        <Card title={`Findings (${policy.findings.length})`} description="Where this tool reaches further than it was allowed.">
          <FindingList findings={policy.findings} showTool={false} emptyTitle="No findings for this tool" />
        </Card>
        <Card title="Effective allowed autonomy" description="Per environment: the valid grant's maximum, capped by incident history.">
          {policy.allowed.length === 0 ? (
            <EmptyState title="No grant and no observation">This tool is allowed nothing anywhere yet.</EmptyState>
          ) : (
            <table className="w-full text-sm" data-testid="effective-autonomy">
              <caption className="sr-only">Effective allowed autonomy per environment</caption>
              <TableHeader columns={["Environment", "Allowed", "Actual", "Ceiling from incidents"]} />
              <tbody className="divide-y divide-slate-100">
                {policy.allowed.map((row) => (
                  <tr key={row.environment} className={cn(row.actual && row.gap > 0 && "bg-red-50/60")}>
                    <td className="py-2 font-medium">{row.environment}</td>
                    <td className="py-2">
                      <AutonomyBadge value={row.allowed} />
                    </td>
                    <td className="py-2">{row.actual ? <AutonomyBadge value={row.actual} /> : <span className="text-xs text-slate-500">not observed</span>}</td>
                    <td className="py-2 text-xs text-slate-600">{row.ceiling ? <span className="first-letter:uppercase">{row.ceiling.reason}</span> : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {tool.deniedAttempts.length > 0 && (
            <div className="mt-4 border-t border-slate-100 pt-3 text-sm" data-testid="denied-attempts">
              <h3 className="text-xs font-medium text-slate-600">Denied attempts (asked before acting, refused)</h3>
              <ul className="mt-1 space-y-0.5">
                {tool.deniedAttempts.map((d) => (
                  <li key={d.environment}>
                    <span className="font-medium">{d.environment}</span>: <span className="tabular-nums">{d.count}</span>, last <Time value={d.lastAt} format="utc" />
                  </li>
                ))}
              </ul>
            </div>
          )}
        </Card>
      </div>

      <div className="grid gap-6 xl:grid-cols-2">
        <Card
          title="Observed access"
          description="What is actually enabled, per source: declared by the owners, reported by an inventory sync, or discovered in configuration. Where sources disagree, the register judges the riskier."
        >
          {tool.observations.length === 0 ? (
            <EmptyState title="Not observed anywhere">No discovery run, inventory sync or declaration has reported this tool yet.</EmptyState>
          ) : (
            <table className="w-full text-sm">
              <caption className="sr-only">Observations</caption>
              <TableHeader columns={["Environment", "Autonomy", "Capabilities", "Source"]} />
              {tool.observations.map((o) => (
                <tbody key={`${o.environment} ${o.connector ?? ""} ${o.scope ?? ""}`} className="border-t border-slate-100" data-testid="observation">
                  <tr className="align-top">
                    <td className="py-2">
                      <div className="font-medium">{o.environment}</div>
                      <TierBadge value={o.tier} />
                    </td>
                    <td className="py-2">
                      <AutonomyBadge value={o.autonomy} />
                    </td>
                    <td className="py-2 text-xs">{o.capabilities.join(", ") || "—"}</td>
                    <td className="py-2 text-xs text-slate-600">
                      <div>{o.connector ? `${o.connector} in ${o.scope}` : humanize(o.source)}</div>
                      <div>{formatDate(o.observedAt)}</div>
                    </td>
                  </tr>
                  {o.evidence.length > 0 && (
                    <tr>
                      <td colSpan={4} className="pb-2">
                        <ul className="space-y-0.5 border-l-2 border-slate-200 pl-2 text-xs text-slate-600" aria-label={`Evidence for ${o.environment}`}>
                          {o.evidence.map((e) => (
                            <li key={`${e.file}:${e.line}:${e.detail}`} className="break-words">
                              from <span className="font-mono text-slate-800">{e.file}:{e.line}</span> — {e.detail}
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  )}
                </tbody>
              ))}
            </table>
          )}
          {canDeclare && (
            <FoldedForm summary="Declare observed access">
              <ObservationForm
                slug={tool.slug}
                environments={catalog.environments.map((e) => e.name)}
                capabilities={catalog.capabilities}
                current={Object.fromEntries(tool.observations.filter((o) => o.connector === null).map((o) => [o.environment, { autonomy: o.autonomy, capabilities: o.capabilities }]))}
              />
            </FoldedForm>
          )}
        </Card>

        <Card title="Grants" description="What the tool is allowed to do, per environment, and who approved it.">
          {tool.grants.length === 0 ? (
            <EmptyState title="No grants">This tool has never been granted access to any environment.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100">
              {tool.grants.map((grant) => (
                <li key={grant.id} className="py-2 text-sm">
                  <div className="flex flex-wrap items-center gap-2">
                    <Link href={`/grants/${grant.id}`} className="font-medium text-brand-700 hover:underline">
                      {grant.environment}
                    </Link>
                    <GrantStatusBadge value={displayedGrantStatus(grant)} />
                    <span className="text-xs text-slate-500">max</span>
                    <AutonomyBadge value={grant.maxAutonomy} />
                    <span className="ml-auto text-xs text-slate-500">expires {formatDate(grant.expiresAt)}</span>
                  </div>
                  <p className="mt-1 text-xs text-slate-600">{grant.capabilities.join(", ") || "no capabilities"}</p>
                  <p className="mt-1 text-xs text-slate-500">
                    Requested by {grant.requesterName}
                    {grant.decisions.length > 0 && ` · ${grant.decisions.map((d) => `${d.decision === "APPROVE" ? "approved" : "denied"} by ${d.reviewerName}`).join(", ")}`}
                  </p>
                </li>
              ))}
            </ul>
          )}
          {grantRequest && (
            <FoldedForm summary="Request a grant">{grantRequest}</FoldedForm>
          )}
        </Card>

        <Card title="Incidents" description="Incidents this tool triggered, contributed to or was involved in.">
          {tool.incidents.length === 0 ? (
            <EmptyState title="No linked incidents" />
          ) : (
            <ul className="divide-y divide-slate-100">
              {tool.incidents.map((incident) => (
                <li key={incident.key} className="flex flex-wrap items-center gap-2 py-2 text-sm">
                  <IncidentSeverityBadge value={incident.severity} />
                  <Link href={`/incidents/${incident.key}`} className="font-medium text-brand-700 hover:underline">
                    {incident.key}
                  </Link>
                  <span className="text-slate-700">{incident.title}</span>
                  <Badge tone={incident.role === "INVOLVED" ? "neutral" : "red"}>{humanize(incident.role)}</Badge>
                  <span className="ml-auto text-xs text-slate-500">{formatDate(incident.startedAt)}</span>
                </li>
              ))}
            </ul>
          )}
          <ToolIncidentLink slug={tool.slug} linked={tool.incidents.map((incident) => incident.key)} />
        </Card>
        <ToolRisksAndMitigations slug={tool.slug} />
      </div>
    </>
  );
}
