import Link from "next/link";
import { humanize } from "@/components/domain-badges";
import { MitigationList } from "@/components/mitigations/mitigation-list";
import { Badge } from "@/components/ui/badge";
import { Card, CardLink, EmptyState } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listMitigations } from "@/lib/data/mitigations";
import { listToolRisks } from "@/lib/data/risks";
import { RiskScoreBadge } from "./risk-score";

// The tool page's risks and mitigations (from its incidents, its risks or changing its grants).
// Fetches its own data so the tool page needs no new props.
export async function ToolRisksAndMitigations({ slug }: { slug: string }) {
  const user = await requireUser();
  const risks = await listToolRisks(user, slug);
  const mitigations = await listMitigations(user, { tool: slug });
  return (
    <>
      <Card
        title={`Risks (${risks.length})`}
        description="This tool's entries in the risk register."
        actions={can(user.role, "risk:write") && <CardLink href={`/risks/new?tool=${slug}`}>New risk</CardLink>}
      >
        {risks.length === 0 ? (
          <EmptyState title="No risk recorded" />
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="tool-risks">
            {risks.map((risk) => (
              <li key={risk.id} className="flex flex-wrap items-center gap-2 py-2 text-sm">
                <RiskScoreBadge score={risk.score} />
                <Link href={`/risks/${risk.id}`} className="min-w-0 flex-1 text-slate-800 hover:underline">
                  {risk.statement}
                </Link>
                <span className="text-xs text-slate-500">{humanize(risk.treatment)}</span>
                {risk.reviewOverdue && <Badge tone="red">Review overdue</Badge>}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={`Mitigations (${mitigations.length})`} description="From its incidents and risks, or changing its grants.">
        <MitigationList mitigations={mitigations} canWrite={false} showSource emptyText="No mitigation concerns this tool." />
      </Card>
    </>
  );
}
