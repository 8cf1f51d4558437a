import type { Metadata } from "next";
import { GrantsQueue } from "@/components/grants/grants-queue";
import { PageHeader } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { grantQueue } from "@/lib/data/grants";
import { listFilterOptions, listToolSlugs } from "@/lib/data/tools";
import { grantPageQuerySchema, toListQuery } from "@/lib/validation/grants.validation";
import { lenientQuery } from "@/lib/validation/paging";

export const metadata: Metadata = { title: "Grants" };

export default async function GrantsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const query = lenientQuery(grantPageQuerySchema, await searchParams, { pageSize: "25" });
  const data = await grantQueue(user, toListQuery(query));
  const options = await listFilterOptions(user);
  const tools = await listToolSlugs(user);
  return (
    <>
      <PageHeader
        title="Grants"
        description="The reviewers' queue: each request with its risk, the approvals the matrix requires and those given. A grant is approved only when the matrix is satisfied; a single denial denies it."
      />
      <GrantsQueue data={data} query={query} tools={tools} environments={options.environments} />
    </>
  );
}
