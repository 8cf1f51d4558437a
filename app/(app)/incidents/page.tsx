import type { Metadata } from "next";
import { IncidentsTable } from "@/components/incidents/incidents-table";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { incidentLinkOptions, listIncidents } from "@/lib/data/incidents";
import { incidentListQuerySchema } from "@/lib/validation/incidents.validation";
import { lenientQuery } from "@/lib/validation/paging";

export const metadata: Metadata = { title: "Incidents" };

export default async function IncidentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const query = lenientQuery(incidentListQuerySchema, await searchParams, { pageSize: "25" });
  const data = await listIncidents(user, query);
  const options = await incidentLinkOptions(user);
  return (
    <>
      <PageHeader
        title="Incidents"
        description="Every incident, with GenAI's role at a glance. A tool that triggered or contributed to a recent SEV1/SEV2 has its autonomy capped in production and above."
        actions={
          <>
            <ButtonLink href="/incidents/metrics">Reliability metrics</ButtonLink>
            {can(user.role, "incident:write") && (
              <ButtonLink href="/incidents/new" variant="primary">
                New incident
              </ButtonLink>
            )}
          </>
        }
      />
      <IncidentsTable data={data} query={query} tools={options.tools} />
    </>
  );
}
