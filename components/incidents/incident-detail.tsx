import Link from "next/link";
import { AutonomyBadge, GrantStatusBadge, humanize, IncidentSeverityBadge, ToolStatusBadge } from "@/components/domain-badges";
import { FindingList } from "@/components/findings/finding-list";
import { MitigationForm } from "@/components/mitigations/mitigation-form";
import { MitigationList } from "@/components/mitigations/mitigation-list";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, FoldedForm, PageHeader } from "@/components/ui/card";
import { Fact, Facts } from "@/components/ui/facts";
import { TableHeader } from "@/components/ui/table-header";
import { unlinkIncidentToolAction } from "@/lib/actions/incidents.actions";
import type { IncidentPageData } from "@/lib/data/incidents";
import type { MitigationDto, MitigationFormOptions } from "@/lib/dto/mitigations";
import { AI_LINKED_ROLES, formatDuration } from "@/lib/metrics/incidents";
import { GENAI_QUESTION } from "@/lib/validation/incidents.validation";
import { cn } from "@/lib/cn";
import { formatUtc, Time } from "@/components/ui/time";
import { AiLinkedBadge, GenAiBadge, IncidentStatusBadge, ToolRoleBadge } from "./incident-badges";
import { LinkChangeForm } from "./link-change-form";
import { LinkToolForm } from "./link-tool-form";

interface Props {
  data: IncidentPageData;
  mitigations: MitigationDto[];
  mitigationOptions: MitigationFormOptions;
  tools: { slug: string; name: string }[];
  canWriteIncident: boolean;
  canWriteMitigation: boolean;
  now: Date;
}

const ms = (time: Date | null) => time?.getTime() ?? null;

function Chips({ values, empty = "—" }: { values: string[]; empty?: string }) {
  if (values.length === 0) return <span className="text-slate-600">{empty}</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {values.map((v) => (
        <span key={v} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">
          {v}
        </span>
      ))}
    </span>
  );
}

export function IncidentDetailView({ data, mitigations, mitigationOptions, tools, canWriteIncident, canWriteMitigation, now }: Props) {
  const { incident } = data;
  const started = ms(incident.startedAt)!;
  const detected = ms(incident.detectedAt);
  const resolved = ms(incident.resolvedAt);
  const linkedSlugs = new Set(incident.tools.map((t) => t.tool));
  return (
    <>
      <PageHeader
        breadcrumbs={{ links: [["/incidents", "Incidents"]], here: incident.key }}
        title={incident.key}
        badges={
          <>
            <IncidentSeverityBadge value={incident.severity} />
            <IncidentStatusBadge value={incident.status} />
            {incident.aiLinked && <AiLinkedBadge />}
          </>
        }
        description={incident.title}
        actions={canWriteIncident && <ButtonLink href={`/incidents/${incident.key}/edit`}>Edit incident</ButtonLink>}
      />

      <Facts columns="md:grid-cols-3 xl:grid-cols-6">
        <Fact label="Started">{formatUtc(incident.startedAt)}</Fact>
        <Fact label="Detected">{formatUtc(incident.detectedAt)}</Fact>
        <Fact label="Resolved">{incident.resolvedAt ? formatUtc(incident.resolvedAt) : <span className="text-red-700">not yet</span>}</Fact>
        <Fact label="Time to detect" testId="ttd">
          {formatDuration(detected === null ? null : detected - started)}
        </Fact>
        <Fact label="Time to resolve (from detection)" testId="ttr">
          {formatDuration(detected !== null && resolved !== null ? resolved - detected : null)}
        </Fact>
        <Fact label="Impact duration" testId="impact">
          {formatDuration((resolved ?? now.getTime()) - started)}
          {resolved === null && <span className="ml-1 text-xs font-normal text-red-700">so far</span>}
        </Fact>
      </Facts>

      <div className="mb-6 grid gap-6 xl:grid-cols-3">
        <Card title="The standing question" description={GENAI_QUESTION}>
          <div className="flex flex-wrap items-center gap-2" data-testid="genai-answer">
            <GenAiBadge value={incident.genAiContributed} />
            {incident.aiLinked && <AiLinkedBadge />}
          </div>
          <p className="mt-2 text-xs text-slate-600">
            {incident.aiLinked
              ? `Counted as AI-linked: ${incident.genAiContributed === "YES" ? "answered yes" : "a tool is linked as triggered or contributed"}.`
              : incident.genAiContributed === "UNKNOWN"
                ? "Not established yet. It must be answered before the incident can be closed."
                : `Not AI-linked: no tool is linked as ${AI_LINKED_ROLES.map((r) => r.toLowerCase()).join(" or ")}.`}
          </p>
        </Card>
        <Card title="Blast radius">
          <dl className="space-y-2 text-sm">
            {(
              [
                ["Environments", incident.environments],
                ["Services", incident.services],
                ["Regions", incident.regions],
              ] as const
            ).map(([label, values]) => (
              <div key={label} className="flex gap-2">
                <dt className="w-24 shrink-0 text-xs text-slate-500">{label}</dt>
                <dd>
                  <Chips values={values} />
                </dd>
              </div>
            ))}
            <div className="flex gap-2">
              <dt className="w-24 shrink-0 text-xs text-slate-500">Customers</dt>
              <dd className="text-slate-800">{incident.customerImpact || "—"}</dd>
            </div>
          </dl>
        </Card>
        <Card title="Postmortem and summary">
          <p className="text-sm">
            {incident.postmortemUrl ? (
              <a href={incident.postmortemUrl} className="font-medium text-brand-700 hover:underline" rel="noopener noreferrer" target="_blank">
                Read the postmortem ↗
              </a>
            ) : (
              <span className="text-slate-500">No postmortem linked yet.</span>
            )}
          </p>
          {incident.summary && <p className="mt-2 whitespace-pre-line text-sm text-slate-700">{incident.summary}</p>}
        </Card>
      </div>

      <Card
        title={`Linked tools (${data.tools.length})`}
        description="Each tool's grants, what it may do now (incident ceiling included) and its findings, at a glance."
        className="mb-6"
      >
        {data.tools.length === 0 ? (
          <EmptyState title="No tool linked">Link the AI tools that triggered, contributed to or were involved in this incident.</EmptyState>
        ) : (
          <ul className="space-y-4" data-testid="linked-tools">
            {data.tools.map((tool) => (
              <li key={tool.slug} className="rounded-md border border-slate-200 p-3" data-testid="linked-tool" data-tool={tool.slug}>
                <div className="flex flex-wrap items-center gap-2">
                  <Link href={`/tools/${tool.slug}`} className="font-semibold text-brand-700 hover:underline">
                    {tool.name}
                  </Link>
                  <span className="text-xs text-slate-500">{tool.slug}</span>
                  <ToolRoleBadge value={tool.role} />
                  <ToolStatusBadge value={tool.status} />
                  <span className="text-xs text-slate-600">
                    {tool.findings.length} finding{tool.findings.length === 1 ? "" : "s"}
                  </span>
                  {canWriteIncident && (
                    <form action={unlinkIncidentToolAction.bind(null, incident.key, tool.slug)} className="ml-auto">
                      <Button type="submit" variant="ghost" className="px-2 py-1 text-xs" aria-label={`Unlink ${tool.slug}`}>
                        Unlink
                      </Button>
                    </form>
                  )}
                </div>
                <div className="mt-3 grid gap-4 xl:grid-cols-2">
                  <ToolGrantsTable tool={tool} />
                  <div>
                    <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Findings</h3>
                    <FindingList findings={tool.findings.slice(0, 5)} showTool={false} emptyTitle="No findings for this tool" />
                    {tool.findings.length > 5 && (
                      <Link href={`/findings?tool=${tool.slug}`} className="text-xs text-brand-700 hover:underline">
                        All {tool.findings.length} findings →
                      </Link>
                    )}
                  </div>
                </div>
              </li>
            ))}
          </ul>
        )}
        {canWriteIncident && (
          <div className="mt-4 border-t border-slate-100 pt-4">
            <LinkToolForm incident={incident.key} tools={tools.filter((t) => !linkedSlugs.has(t.slug))} />
          </div>
        )}
      </Card>

      <div className="grid gap-6 xl:grid-cols-2">
        <Card title={`Mitigations (${mitigations.length})`} description="Actions that follow from this incident; overdue ones are flagged on the overview.">
          <MitigationList mitigations={mitigations} canWrite={canWriteMitigation} options={mitigationOptions} />
          {canWriteMitigation && (
            <FoldedForm summary="Add a mitigation">
              <MitigationForm incident={incident.key} options={mitigationOptions} />
            </FoldedForm>
          )}
        </Card>
        <Card title={`Linked changes (${data.changes.length})`} description="Entries of the AI-origin ledger tied to this incident.">
          {data.changes.length === 0 ? (
            <EmptyState title="No change linked" />
          ) : (
            <ul className="divide-y divide-slate-100">
              {data.changes.map((c) => (
                <li key={c.externalId} className="flex flex-wrap items-center gap-2 py-2 text-sm">
                  <span className="font-mono text-xs">{c.externalId}</span>
                  <span className="font-medium">{c.service}</span>
                  <span className="text-xs text-slate-600">
                    {humanize(c.changeType)} in {c.environment} · {humanize(c.aiOrigin)}
                    {c.tool && ` by ${c.tool}`}
                  </span>
                  {c.mode && <AutonomyBadge value={c.mode} />}
                  <Time value={c.deployedAt} format="utc" className="ml-auto text-xs text-slate-500" />
                </li>
              ))}
            </ul>
          )}
          {canWriteIncident && (
            <div className="mt-4 border-t border-slate-100 pt-3">
              <LinkChangeForm incident={incident.key} />
            </div>
          )}
        </Card>
      </div>
    </>
  );
}

function ToolGrantsTable({ tool }: { tool: IncidentPageData["tools"][number] }) {
  const environments = [...new Set([...tool.grants.map((g) => g.environment), ...tool.allowed.map((a) => a.environment)])];
  if (environments.length === 0) return <p className="text-xs text-slate-500">No grant and no observation anywhere.</p>;
  return (
    <table className="w-full text-sm">
      <caption className="mb-1 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">Grants and what it may do now</caption>
      <TableHeader columns={["Environment", "Grant", "Allowed now", "Actual"]} />
      <tbody className="divide-y divide-slate-100">
        {environments.map((env) => {
          const grants = tool.grants.filter((g) => g.environment === env);
          const allowed = tool.allowed.find((a) => a.environment === env);
          return (
            <tr key={env} className={cn(allowed?.actual && allowed.gap > 0 && "bg-red-50/60")}>
              <td className="py-1.5 font-medium">{env}</td>
              <td className="py-1.5">
                {grants.length === 0 ? (
                  <span className="text-xs text-slate-600">none</span>
                ) : (
                  <span className="flex flex-wrap items-center gap-1">
                    {grants.map((g) => (
                      <span key={g.id} className="inline-flex items-center gap-1">
                        <GrantStatusBadge value={g.status} />
                        <AutonomyBadge value={g.maxAutonomy} />
                      </span>
                    ))}
                  </span>
                )}
              </td>
              <td className="py-1.5">
                {allowed ? <AutonomyBadge value={allowed.allowed} /> : <span className="text-xs text-slate-600">—</span>}
                {allowed?.ceiling && <p className="mt-0.5 text-xs text-slate-600 first-letter:uppercase">{allowed.ceiling}</p>}
              </td>
              <td className="py-1.5">{allowed?.actual ? <AutonomyBadge value={allowed.actual} /> : <span className="text-xs text-slate-600">not observed</span>}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
