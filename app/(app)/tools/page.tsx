import type { Metadata } from "next";
import { ToolsTable } from "@/components/tools/tools-table";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listFilterOptions, listTools } from "@/lib/data/tools";
import { lenientQuery } from "@/lib/validation/paging";
import { TOOL_PAGE_DEFAULTS, toolListQuerySchema } from "@/lib/validation/tools.validation";

export const metadata: Metadata = { title: "Register" };

export default async function RegisterPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const query = lenientQuery(toolListQuerySchema, await searchParams, TOOL_PAGE_DEFAULTS);
  const data = await listTools(user, query);
  const options = await listFilterOptions(user);
  return (
    <>
      <PageHeader
        title="Register"
        description="Every AI tool that can touch code or infrastructure: who owns it, what it may do, and where it reaches."
        actions={
          <>
            <a href="/api/v1/export" download className="self-center text-sm font-medium text-brand-700 hover:underline">
              Export whole register (JSON)
            </a>
            {can(user.role, "tool:write") && <ButtonLink href="/tools/import">Import tools</ButtonLink>}
          </>
        }
      />
      <ToolsTable data={data} query={query} teams={options.teams} environments={options.environments} />
    </>
  );
}
