import type { Metadata } from "next";
import { AddRecord, CatalogHeader } from "@/components/catalog/catalog-header";
import { CreateEnvironmentForm } from "@/components/catalog/catalog-forms";
import { EnvironmentsTable } from "@/components/catalog/catalog-tables";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listEnvironments } from "@/lib/data/catalog";
import { environmentListQuerySchema } from "@/lib/validation/catalog.validation";
import { lenientQuery } from "@/lib/validation/paging";

export const metadata: Metadata = { title: "Environments · Catalog" };

export default async function EnvironmentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const query = lenientQuery(environmentListQuerySchema, await searchParams, { pageSize: "25" });
  const data = await listEnvironments(user, query);
  const canWrite = can(user.role, "catalog:write");
  return (
    <>
      <CatalogHeader current="environments" role={user.role} canWrite={canWrite} />
      {canWrite && (
        <AddRecord summary="Add an environment" description="Its tier, data sensitivity and critical path decide the approvals a grant there needs.">
          <CreateEnvironmentForm />
        </AddRecord>
      )}
      <EnvironmentsTable data={data} query={query} />
    </>
  );
}
