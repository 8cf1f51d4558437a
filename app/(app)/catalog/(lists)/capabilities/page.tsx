import type { Metadata } from "next";
import { AddRecord, CatalogHeader } from "@/components/catalog/catalog-header";
import { CreateCapabilityForm } from "@/components/catalog/catalog-forms";
import { CapabilitiesTable } from "@/components/catalog/catalog-tables";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listCapabilities } from "@/lib/data/catalog";
import { capabilityListQuerySchema } from "@/lib/validation/catalog.validation";
import { lenientQuery } from "@/lib/validation/paging";

export const metadata: Metadata = { title: "Capabilities · Catalog" };

export default async function CapabilitiesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const query = lenientQuery(capabilityListQuerySchema, await searchParams, { pageSize: "25" });
  const data = await listCapabilities(user, query);
  const canWrite = can(user.role, "catalog:write");
  return (
    <>
      <CatalogHeader current="capabilities" role={user.role} canWrite={canWrite} />
      {canWrite && (
        <AddRecord summary="Add a capability" description="A permission grants and observations can list; its class decides how much a grant holding it needs.">
          <CreateCapabilityForm />
        </AddRecord>
      )}
      <CapabilitiesTable data={data} query={query} />
    </>
  );
}
