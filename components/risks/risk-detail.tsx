import Link from "next/link";
import { humanize } from "@/components/domain-badges";
import { MitigationForm } from "@/components/mitigations/mitigation-form";
import { MitigationList } from "@/components/mitigations/mitigation-list";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import type { MitigationDto, MitigationFormOptions } from "@/lib/dto/mitigations";
import type { RiskDto } from "@/lib/dto/risks";
import { RiskScoreBadge } from "./risk-score";

export function RiskDetailView({
  risk,
  mitigations,
  options,
  canWriteRisk,
  canWriteMitigation,
}: {
  risk: RiskDto;
  mitigations: MitigationDto[];
  options: MitigationFormOptions;
  canWriteRisk: boolean;
  canWriteMitigation: boolean;
}) {
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-xs text-slate-500">
        <Link href="/risks" className="hover:underline">
          Risks
        </Link>{" "}
        / {risk.toolName}
      </nav>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            Risk: {risk.toolName} <RiskScoreBadge score={risk.score} />
          </span>
        }
        description={risk.statement}
        actions={
          canWriteRisk && (
            <ButtonLink href={`/risks/${risk.id}/edit`} variant="secondary">
              Edit risk
            </ButtonLink>
          )
        }
      />
      <dl className="mb-6 grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm md:grid-cols-6">
        <div>
          <dt className="text-xs text-slate-500">Tool</dt>
          <dd className="font-medium">
            <Link href={`/tools/${risk.tool}`} className="text-brand-700 hover:underline">
              {risk.toolName}
            </Link>
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Likelihood</dt>
          <dd className="font-medium tabular-nums">{risk.likelihood} / 5</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Impact</dt>
          <dd className="font-medium tabular-nums">{risk.impact} / 5</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Treatment</dt>
          <dd className="font-medium">{humanize(risk.treatment)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Owner</dt>
          <dd className="font-medium">{[risk.ownerTeam, risk.ownerUser?.name].filter(Boolean).join(" · ") || "—"}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Next review</dt>
          <dd className="flex flex-wrap items-center gap-1 font-medium">
            {risk.nextReview.toISOString().slice(0, 10)} {risk.reviewOverdue && <Badge tone="red">Review overdue</Badge>}
          </dd>
        </div>
      </dl>
      <Card title={`Mitigations (${mitigations.length})`} description="Actions that reduce this risk.">
        <MitigationList mitigations={mitigations} canWrite={canWriteMitigation} options={options} />
        {canWriteMitigation && (
          <details className="mt-4 border-t border-slate-100 pt-3">
            <summary className="cursor-pointer text-sm font-medium text-brand-700">Add a mitigation</summary>
            <div className="mt-3 max-w-3xl">
              <MitigationForm riskId={risk.id} options={options} />
            </div>
          </details>
        )}
      </Card>
    </>
  );
}
