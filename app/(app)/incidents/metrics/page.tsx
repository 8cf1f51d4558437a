import type { Metadata } from "next";
import { ReliabilityView } from "@/components/metrics/reliability-view";
import { PageHeader } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { reliabilityMetrics, weeklySevereIncidents } from "@/lib/data/metrics";
import { metricsQuerySchema } from "@/lib/validation/incidents.validation";
import { lenientQuery } from "@/lib/validation/paging";

export const metadata: Metadata = { title: "Reliability metrics" };

export default async function MetricsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const query = lenientQuery(metricsQuerySchema, await searchParams);
  const metrics = await reliabilityMetrics(user, query);
  const weeks = await weeklySevereIncidents(user);
  return (
    <>
      <PageHeader
        breadcrumbs={{ links: [["/incidents", "Incidents"]], here: "reliability metrics" }}
        title="Reliability metrics"
        description="Time to detect, time to resolve and total impact, overall and per linked tool, over a chosen period. Measured the same way whatever the code's origin; split by AI-linkage."
      />
      <ReliabilityView metrics={metrics} query={query} weeks={weeks} />
    </>
  );
}
