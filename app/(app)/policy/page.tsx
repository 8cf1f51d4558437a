import type { Metadata } from "next";
import Link from "next/link";
import { ApprovalMatrix } from "@/components/policy/approval-matrix";
import { PolicyForm } from "@/components/policy/policy-form";
import { Card, PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { readPolicy } from "@/lib/data/policy";

export const metadata: Metadata = { title: "Policy" };

const when = (iso: string) => new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";

export default async function PolicyPage() {
  const user = await requireUser();
  const data = await readPolicy(user);
  const canEdit = can(user.role, "policy:edit");
  return (
    <>
      <PageHeader
        title="Policy"
        description={
          data.version === 0
            ? "The rules every grant, finding and change is judged by: DESIGN.md's defaults, never edited."
            : `The rules every grant, finding and change is judged by: version ${data.version}, saved by ${data.by ?? "a removed user"} on ${when(data.at!)}.`
        }
      />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="space-y-6">
          <Card
            title="Thresholds"
            description={canEdit ? "A save makes a new version; findings and approvals follow it at once." : "Security reviewers and admins change these."}
          >
            <PolicyForm policy={data.policy} version={data.version} canEdit={canEdit} />
          </Card>
          <Card
            title="Approval matrix"
            description={
              <>
                The strictest row that matches a grant applies. Rows are changed through{" "}
                <Link href="/api-docs" className="text-brand-700 underline">
                  PUT /api/v1/policy
                </Link>
                .
              </>
            }
          >
            <ApprovalMatrix policy={data.policy} />
          </Card>
        </div>
        <Card title="History" description="Newest first; each save is also in the audit log.">
          <ol className="space-y-3">
            {data.history.map((version) => (
              <li key={version.version} className="text-sm">
                <p className="font-medium text-slate-900">
                  {version.version === 0 ? "Defaults" : `Version ${version.version}`}
                  {version.version === data.version && <span className="ml-2 rounded bg-emerald-50 px-1.5 py-0.5 text-xs font-medium text-emerald-800">in force</span>}
                </p>
                <p className="text-slate-600">{version.note}</p>
                {version.at && (
                  <p className="text-xs text-slate-500">
                    {version.by ?? "a removed user"} · {when(version.at)}
                  </p>
                )}
              </li>
            ))}
          </ol>
        </Card>
      </div>
    </>
  );
}
