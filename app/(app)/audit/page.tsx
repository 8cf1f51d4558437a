import type { Metadata } from "next";
import { AuditTable } from "@/components/audit/audit-table";
import { ChainStatus } from "@/components/audit/chain-status";
import { PageHeader } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { checkAuditChain } from "@/lib/data/audit-chain";
import { auditFacets, listAuditEvents } from "@/lib/data/audit";
import { auditQuerySchema } from "@/lib/validation/audit.validation";
import { lenientQuery } from "@/lib/validation/paging";

export const metadata: Metadata = { title: "Audit" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const query = lenientQuery(auditQuerySchema, await searchParams);
  const chain = await checkAuditChain(user);
  const data = await listAuditEvents(user, query);
  const facets = await auditFacets(user);
  return (
    <>
      <PageHeader
        title="Audit"
        description="Every change to the register: who, what, before and after, when. Append-only in the database, hash-chained and checkpointed with a signature, so an edit, a removal or a reordering shows below."
      />
      <div className="mb-4">
        <ChainStatus report={chain} />
      </div>
      <AuditTable data={data} query={query} facets={facets} />
    </>
  );
}
