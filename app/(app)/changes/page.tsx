import type { Metadata } from "next";
import { ChangesTable } from "@/components/changes/changes-table";
import { PageHeader } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { listChanges } from "@/lib/data/changes";
import { listFilterOptions, listToolSlugs } from "@/lib/data/tools";
import { changeListQuerySchema } from "@/lib/validation/changes.validation";
import { lenientQuery } from "@/lib/validation/paging";

export const metadata: Metadata = { title: "Changes" };

export default async function ChangesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const query = lenientQuery(changeListQuerySchema, await searchParams);
  const data = await listChanges(user, query);
  const options = await listFilterOptions(user);
  const tools = await listToolSlugs(user);
  return (
    <>
      <PageHeader
        title="Changes"
        description="The AI-origin ledger: every deployment CI/CD reports, who or what made it, who approved it, and which rules it broke when it shipped."
      />
      <ChangesTable data={data} query={query} tools={tools} environments={options.environments} />
    </>
  );
}
