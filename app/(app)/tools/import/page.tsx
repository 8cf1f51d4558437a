import type { Metadata } from "next";
import { ImportForm } from "@/components/import/import-form";
import { Card, PageHeader } from "@/components/ui/card";
import { can, PERMISSIONS, ROLE_LABELS } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { TOOL_KINDS, TOOL_STATUSES, AUTONOMY_LEVELS } from "@/lib/policy/types";
import { TOOL_IMPORT_COLUMNS, TOOL_IMPORT_EXAMPLE } from "@/lib/validation/import.validation";

export const metadata: Metadata = { title: "Import tools" };

export default async function ImportToolsPage() {
  const user = await requireUser();
  const header = (
    <>
      <PageHeader
        breadcrumbs={{ links: [["/tools", "Register"]], here: "Import" }}
        title="Import tools"
        description="Add or update tools, with their owner teams and modes, from a CSV file or a JSON export. Every row is checked; if any row is rejected, nothing is imported."
      />
    </>
  );
  if (!can(user.role, "tool:write")) {
    return (
      <>
        {header}
        <Card>
          <p className="text-sm text-slate-700" data-testid="import-forbidden">
            Importing tools needs the {PERMISSIONS["tool:write"].map((role) => ROLE_LABELS[role]).join(" or ")} role; you are signed in as {ROLE_LABELS[user.role]}.
          </p>
        </Card>
      </>
    );
  }
  return (
    <>
      {header}
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_20rem]">
        <ImportForm example={TOOL_IMPORT_EXAMPLE} />
        <Card title="What a file holds" className="self-start">
          <div className="space-y-3 text-xs text-slate-600">
            <p>
              One tool per row, addressed by its <code>slug</code>. Columns: {TOOL_IMPORT_COLUMNS.map((c, i) => (
                <span key={c}>
                  {i > 0 && ", "}
                  <code>{c}</code>
                </span>
              ))}
              . The first five are required; other columns (such as those of the register&apos;s CSV export) are ignored.
            </p>
            <p>
              <code>ownerTeam</code> is the name of an existing team. <code>kind</code>: {TOOL_KINDS.join(", ")}. <code>status</code>: {TOOL_STATUSES.join(", ")} (new tools default to
              PROPOSED). <code>modes</code>: any of {AUTONOMY_LEVELS.join(", ")}, separated by <code>;</code>.
            </p>
            <p>A tool that already exists is updated from its row; an empty status, or a missing modes or description column, keeps what it has.</p>
            <p>
              Start from the register as it is:{" "}
              <a href="/api/v1/export/tools.csv" download className="font-medium text-brand-700 hover:underline">
                tools.csv
              </a>{" "}
              or the whole register as{" "}
              <a href="/api/v1/export" download className="font-medium text-brand-700 hover:underline">
                JSON
              </a>
              .
            </p>
          </div>
        </Card>
      </div>
    </>
  );
}
