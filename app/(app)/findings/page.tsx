import type { Metadata } from "next";
import { FindingsTable } from "@/components/findings/findings-table";
import { PageHeader } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { findingsPage, findingsRebuildProgress, toolsWithFindings } from "@/lib/data/findings";
import { RebuildNotice } from "@/components/findings/rebuild-notice";
import { listFilterOptions } from "@/lib/data/tools";
import { findingPageQuerySchema } from "@/lib/validation/findings.validation";
import { lenientQuery } from "@/lib/validation/paging";

export const metadata: Metadata = { title: "Findings" };

export default async function FindingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const query = lenientQuery(findingPageQuerySchema, await searchParams);
  const data = await findingsPage(user, query);
  const options = await listFilterOptions(user);
  const toolSuggestions = await toolsWithFindings(user);
  const rebuild = await findingsRebuildProgress(user);
  return (
    <>
      <PageHeader
        title="Findings"
        description="Where a tool reaches further than it was allowed, judged from grants, observations and incident history whenever they change. Fix the access or the grant, and the finding resolves by itself; its history stays."
      />
      <RebuildNotice rebuild={rebuild} />
      <FindingsTable data={data} query={query} toolSuggestions={toolSuggestions} environments={options.environments} />
    </>
  );
}
