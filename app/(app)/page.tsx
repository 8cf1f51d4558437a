import type { Metadata } from "next";
import Link from "next/link";
import { FindingList } from "@/components/findings/finding-list";
import { AutonomyMatrix } from "@/components/overview/autonomy-matrix";
import { SeverityCounts } from "@/components/overview/severity-counts";
import { Card, CardLink, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { getOverview } from "@/lib/data/overview";
import { findingStats, findingsRebuildProgress } from "@/lib/data/findings";
import { RebuildNotice } from "@/components/findings/rebuild-notice";
import { FindingTrend } from "@/components/findings/finding-trend";
import { weeklySevereIncidents } from "@/lib/data/metrics";
import { listOverdueMitigations } from "@/lib/data/mitigations";
import { WeeklyIncidentsChart } from "@/components/metrics/weekly-incidents-chart";
import { MitigationList } from "@/components/mitigations/mitigation-list";
import { aiChangesWithoutSeniorThisWeek } from "@/lib/data/changes";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const user = await requireUser();
  const overview = await getOverview(user);
  const stats = await findingStats(user);
  const rebuild = await findingsRebuildProgress(user);
  const weeks = await weeklySevereIncidents(user);
  const overdueMitigations = await listOverdueMitigations(user);
  const unapprovedAiChanges = await aiChangesWithoutSeniorThisWeek(user);
  return (
    <>
      <PageHeader
        title="Overview"
        description={`${
          overview.toolsExceeding > 0
            ? `${overview.toolsExceeding} tool${overview.toolsExceeding === 1 ? "" : "s"} act beyond the autonomy they were allowed; ${overview.totalFindings} findings in all`
            : `No tool acts beyond its allowed autonomy; ${overview.totalFindings} findings in all`
        }${overview.accepted > 0 ? `, besides ${overview.accepted} accepted for a while` : ""}.`}
      />
      <RebuildNotice rebuild={rebuild} />
      <div className="space-y-6">
        <SeverityCounts counts={overview.counts} />
        <Link
          href="/changes?violating=1&aiOrigin=AI_GENERATED,AI_ASSISTED"
          data-testid="ai-changes-without-senior"
          className="flex items-center justify-between rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm shadow-sm hover:shadow"
        >
          <span>AI-made production changes shipped without a senior approver in the last 7 days</span>
          <span className={`text-2xl font-semibold tabular-nums ${unapprovedAiChanges > 0 ? "text-red-700" : "text-emerald-700"}`}>{unapprovedAiChanges}</span>
        </Link>
        <Card
          title="Exceeding what was allowed"
          description="Open findings, worst first. Each is judged from the register (grants, observations and incident history) whenever one of them changes, and kept with its history."
          actions={<CardLink href="/findings">All {overview.totalFindings} findings →</CardLink>}
        >
          <FindingList findings={overview.findings} />
        </Card>
        <Card title="Open findings, last 90 days" description="Open at the end of each day, by severity, from every finding's history; and how long each severity took to resolve.">
          <FindingTrend stats={stats} />
        </Card>
        <Card title="Autonomy matrix" description="Allowed (grant, capped by incident history) versus actual autonomy, per tool and environment.">
          <AutonomyMatrix matrix={overview.matrix} />
        </Card>
        <Card
          title="SEV1 and SEV2 per week"
          description="The last 12 weeks, AI-linked (answered YES, or a tool triggered or contributed) versus not."
          actions={<CardLink href="/incidents/metrics">MTTD, MTTR and impact →</CardLink>}
        >
          <WeeklyIncidentsChart weeks={weeks} />
        </Card>
        <Card title={`Open mitigations overdue (${overdueMitigations.length})`} description="Still open or in progress after their due date, most overdue first.">
          <MitigationList mitigations={overdueMitigations} canWrite={false} showSource emptyText="Every open mitigation is within its due date." />
        </Card>
      </div>
    </>
  );
}
