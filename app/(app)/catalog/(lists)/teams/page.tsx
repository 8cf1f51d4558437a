import type { Metadata } from "next";
import { AddRecord, CatalogHeader } from "@/components/catalog/catalog-header";
import { CreateTeamForm } from "@/components/catalog/catalog-forms";
import { TeamsTable } from "@/components/catalog/catalog-tables";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listTeams } from "@/lib/data/catalog";
import { teamListQuerySchema } from "@/lib/validation/catalog.validation";
import { lenientQuery } from "@/lib/validation/paging";

export const metadata: Metadata = { title: "Teams · Catalog" };

export default async function TeamsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const query = lenientQuery(teamListQuerySchema, await searchParams, { pageSize: "25" });
  const data = await listTeams(user, query);
  const canWrite = can(user.role, "catalog:write");
  return (
    <>
      <CatalogHeader current="teams" role={user.role} canWrite={canWrite} />
      {canWrite && (
        <AddRecord summary="Add a team" description="Teams own tools, risks and mitigations.">
          <CreateTeamForm />
        </AddRecord>
      )}
      <TeamsTable data={data} query={query} />
    </>
  );
}
