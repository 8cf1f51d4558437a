import Link from "next/link";
import { humanize } from "@/components/domain-badges";
import { MitigationForm } from "@/components/mitigations/mitigation-form";
import { MitigationList } from "@/components/mitigations/mitigation-list";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import type { MitigationDto, MitigationFormOptions } from "@/lib/dto/mitigations";
import type { RiskDto } from "@/lib/dto/risks";
import { Card, FoldedForm, PageHeader } from "@/components/ui/card";
import { Fact, Facts } from "@/components/ui/facts";
import { formatTime } from "@/components/ui/time";
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
      <PageHeader
        breadcrumbs={{ links: [["/risks", "Risks"]], here: risk.toolName }}
        title={`Risk: ${risk.toolName}`}
        badges={<RiskScoreBadge score={risk.score} />}
        description={risk.statement}
        actions={canWriteRisk && <ButtonLink href={`/risks/${risk.id}/edit`}>Edit risk</ButtonLink>}
      />
      <Facts columns="md:grid-cols-6">
        <Fact label="Tool">
          <Link href={`/tools/${risk.tool}`} className="text-brand-700 hover:underline">
            {risk.toolName}
          </Link>
        </Fact>
        <Fact label="Likelihood" className="tabular-nums">
          {risk.likelihood} / 5
        </Fact>
        <Fact label="Impact" className="tabular-nums">
          {risk.impact} / 5
        </Fact>
        <Fact label="Treatment">{humanize(risk.treatment)}</Fact>
        <Fact label="Owner">{[risk.ownerTeam, risk.ownerUser?.name].filter(Boolean).join(" · ") || "—"}</Fact>
        <Fact label="Next review" className="flex flex-wrap items-center gap-1">
          {formatTime(risk.nextReview)} {risk.reviewOverdue && <Badge tone="red">Review overdue</Badge>}
        </Fact>
      </Facts>
      <Card title={`Mitigations (${mitigations.length})`} description="Actions that reduce this risk.">
        <MitigationList mitigations={mitigations} canWrite={canWriteMitigation} options={options} />
        {canWriteMitigation && (
          <FoldedForm summary="Add a mitigation" className="max-w-3xl">
            <MitigationForm riskId={risk.id} options={options} />
          </FoldedForm>
        )}
      </Card>
    </>
  );
}
