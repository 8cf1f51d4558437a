import type { Metadata } from "next";
import { RecordHistory } from "@/components/audit/record-history";
import { EditTeamForm } from "@/components/catalog/catalog-forms";
import { ToolReferences } from "@/components/catalog/catalog-references";
import { Card, CardLink, PageHeader } from "@/components/ui/card";
import { Success } from "@/components/ui/form";
import { can } from "@/lib/auth/permissions";
import { cn } from "@/lib/cn";
import { requireUser } from "@/lib/auth/session";
import { listAuditEvents } from "@/lib/data/audit";
import { getTeam } from "@/lib/data/catalog";
import { listTools } from "@/lib/data/tools";
import { orNotFound } from "@/lib/errors/or-not-found";
import { addressFromSegment } from "@/lib/validation/catalog.validation";
import { toolListQuerySchema } from "@/lib/validation/tools.validation";

type Props = { params: Promise<{ name: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: addressFromSegment((await params).name) };
}

export default async function TeamPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const name = addressFromSegment((await params).name);
  const team = await orNotFound(getTeam(user, name));
  const tools = await listTools(user, toolListQuerySchema.parse({ team: name, pageSize: "50" }));
  const history = await listAuditEvents(user, { entity: "Team", entityId: name, page: 1, pageSize: 20 });
  const canWrite = can(user.role, "catalog:write");
  const created = (await searchParams).created === "1";
  return (
    <>
      <PageHeader breadcrumbs={{ links: [["/catalog/teams", "Catalog"]], here: team.name }} title={team.name} description={team.description} />
      {created && (
        <Success className="mb-4" testId="catalog-created">
          Added {team.name}.
        </Success>
      )}
      <div className={cn("mb-6 grid gap-6", canWrite && "xl:grid-cols-2")}>
        <Card
          title={`Tools owned (${tools.total})`}
          description="The tools this team answers for in the register."
          actions={
            tools.total > 0 && (
              <span className="shrink-0 whitespace-nowrap">
                <CardLink href={`/tools?team=${encodeURIComponent(team.name)}`}>In the register →</CardLink>
              </span>
            )
          }
        >
          <ToolReferences tools={tools.rows} total={tools.total} empty="This team owns no tool yet" />
        </Card>
        {canWrite && (
          <Card title="Edit team">
            <EditTeamForm team={team} />
          </Card>
        )}
      </div>
      <RecordHistory entity="Team" entityId={team.name} what="team" events={history.rows} total={history.total} />
    </>
  );
}
