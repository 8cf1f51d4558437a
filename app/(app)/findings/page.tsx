import type { Metadata } from "next";
import { FindingsTable } from "@/components/findings/findings-table";
import { PageHeader } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { findingsPage } from "@/lib/data/findings";
import { listFilterOptions, listToolSlugs } from "@/lib/data/tools";
import { findingPageQuerySchema } from "@/lib/validation/findings.validation";
import { lenientQuery } from "@/lib/validation/paging";

export const metadata: Metadata = { title: "Findings" };

export default async function FindingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const query = lenientQuery(findingPageQuerySchema, await searchParams);
  const data = await findingsPage(user, query);
  const options = await listFilterOptions(user);
  const tools = await listToolSlugs(user);
  return (
    <>
      <PageHeader
        title="Findings"
        description="Where a tool reaches further than it was allowed, computed from grants, observations and incident history. Fix the access or the grant, and the finding goes away by itself."
      />
      <FindingsTable data={data} query={query} tools={tools} environments={options.environments} />
    </>
  );
}
