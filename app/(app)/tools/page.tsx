import type { Metadata } from "next";
import { ToolsTable } from "@/components/tools/tools-table";
import { PageHeader } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { listFilterOptions, listTools } from "@/lib/data/tools";
import { parseToolListQuery } from "@/lib/validation/tools.validation";

export const metadata: Metadata = { title: "Register" };

export default async function RegisterPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const query = parseToolListQuery(await searchParams);
  const data = await listTools(user, query);
  const options = await listFilterOptions(user);
  return (
    <>
      <PageHeader title="Register" description="Every AI tool that can touch code or infrastructure: who owns it, what it may do, and where it reaches." />
      <ToolsTable data={data} query={query} teams={options.teams} environments={options.environments} />
    </>
  );
}
