import type { Metadata } from "next";
import Link from "next/link";
import { FindingList } from "@/components/findings/finding-list";
import { AutonomyMatrix } from "@/components/overview/autonomy-matrix";
import { SeverityCounts } from "@/components/overview/severity-counts";
import { Card, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { getOverview } from "@/lib/data/overview";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const user = await requireUser();
  const overview = await getOverview(user);
  return (
    <>
      <PageHeader
        title="Overview"
        description={
          overview.toolsExceeding > 0
            ? `${overview.toolsExceeding} tool${overview.toolsExceeding === 1 ? "" : "s"} act beyond the autonomy they were allowed; ${overview.totalFindings} findings in all.`
            : `No tool acts beyond its allowed autonomy; ${overview.totalFindings} findings in all.`
        }
      />
      <div className="space-y-6">
        <SeverityCounts counts={overview.counts} />
        <Card
          title="Exceeding what was allowed"
          description="Findings, worst first. Each is derived from the register: grants, observations and incident history."
          actions={
            <Link href="/findings" className="text-sm text-brand-700 hover:underline">
              All {overview.totalFindings} findings →
            </Link>
          }
        >
          <FindingList findings={overview.findings} />
        </Card>
        <Card title="Autonomy matrix" description="Allowed (grant, capped by incident history) versus actual autonomy, per tool and environment.">
          <AutonomyMatrix matrix={overview.matrix} />
        </Card>
      </div>
    </>
  );
}
