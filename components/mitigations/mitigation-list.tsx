import Link from "next/link";
import { AutonomyBadge, humanize } from "@/components/domain-badges";
import { MitigationStatusBadge } from "@/components/incidents/incident-badges";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/card";
import type { MitigationDto, MitigationFormOptions } from "@/lib/dto/mitigations";
import { cn } from "@/lib/cn";
import { MitigationForm, MitigationStatusForm } from "./mitigation-form";

function owner(m: MitigationDto): string {
  return [m.ownerTeam, m.ownerUser?.name].filter(Boolean).join(" · ") || "no owner";
}

// The mitigations of an incident, a risk or a tool; writers can move the status and edit.
export function MitigationList({
  mitigations,
  canWrite,
  options,
  showSource = false,
  emptyText = "No mitigation recorded yet.",
}: {
  mitigations: MitigationDto[];
  canWrite: boolean;
  options?: MitigationFormOptions;
  showSource?: boolean;
  emptyText?: string;
}) {
  if (mitigations.length === 0) return <EmptyState title="No mitigations">{emptyText}</EmptyState>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="mitigation-list">
      {mitigations.map((m) => (
        <li key={m.id} className={cn("py-2.5 text-sm", m.overdue && "bg-red-50/60")} data-testid="mitigation" data-overdue={m.overdue || undefined}>
          <div className="flex flex-wrap items-start gap-2">
            <div className="min-w-0 flex-1">
              <p className="font-medium text-slate-900">{m.title}</p>
              <p className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600">
                <span>{humanize(m.kind)}</span>
                <span aria-hidden>·</span>
                <span>{owner(m)}</span>
                <span aria-hidden>·</span>
                <span className={cn(m.overdue && "font-semibold text-red-700")}>
                  {m.dueDate ? `due ${m.dueDate.toISOString().slice(0, 10)}` : "no due date"}
                  {m.overdue && " — overdue"}
                </span>
                {m.grant && (
                  <>
                    <span aria-hidden>·</span>
                    <span>
                      changes grant{" "}
                      <Link href={`/tools/${m.grant.tool}`} className="text-brand-700 underline underline-offset-2">
                        {m.grant.tool}
                      </Link>{" "}
                      in {m.grant.environment} <AutonomyBadge value={m.grant.maxAutonomy} />
                    </span>
                  </>
                )}
                {showSource && m.incident && (
                  <>
                    <span aria-hidden>·</span>
                    <Link href={`/incidents/${m.incident.key}`} className="text-brand-700 underline underline-offset-2">
                      {`from ${m.incident.key}`}
                    </Link>
                  </>
                )}
                {showSource && m.risk && (
                  <>
                    <span aria-hidden>·</span>
                    <Link href={`/risks/${m.risk.id}`} className="text-brand-700 underline underline-offset-2">
                      from risk: {m.risk.statement.length > 50 ? `${m.risk.statement.slice(0, 50)}…` : m.risk.statement}
                    </Link>
                  </>
                )}
              </p>
            </div>
            <div className="flex items-center gap-2">
              {m.overdue && <Badge tone="red">Overdue</Badge>}
              {canWrite ? <MitigationStatusForm mitigation={m} /> : <MitigationStatusBadge value={m.status} />}
            </div>
          </div>
          {canWrite && options && (
            <details className="mt-1">
              <summary className="cursor-pointer text-xs text-brand-700">Edit</summary>
              <div className="mt-2 rounded-md border border-slate-200 p-3">
                <MitigationForm mitigation={m} options={options} />
              </div>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}
