import type { Metadata } from "next";
import Link from "next/link";
import { ApprovalMatrix } from "@/components/policy/approval-matrix";
import { MatrixEditor } from "@/components/policy/matrix-editor";
import { PolicyForm } from "@/components/policy/policy-form";
import { PolicyProposals } from "@/components/policy/policy-proposals";
import { Card, FoldedForm, PageHeader } from "@/components/ui/card";
import { Success } from "@/components/ui/form";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import type { Actor } from "@/lib/auth/actor";
import { getPolicyProposal, readPolicy } from "@/lib/data/policy";
import type { PolicyProposalDto } from "@/lib/dto/policy";
import { AppError } from "@/lib/errors/app-error";

export const metadata: Metadata = { title: "Policy" };

const when = (at: Date) => at.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";

// The outcome of a decision just made on a proposal (the decision form leaves the page with it).
async function decidedProposal(user: Actor, id: string | undefined): Promise<PolicyProposalDto | null> {
  if (!id) return null;
  try {
    return await getPolicyProposal(user, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}

export default async function PolicyPage({ searchParams }: { searchParams: Promise<{ decided?: string }> }) {
  const user = await requireUser();
  const data = await readPolicy(user);
  const decided = await decidedProposal(user, (await searchParams).decided);
  const canEdit = can(user.role, "policy:edit");
  return (
    <>
      {decided && decided.status !== "PENDING" && (
        <Success className="mb-4">
          {decided.status === "APPROVED"
            ? `Approved: proposal #${decided.id} is in force as version ${decided.version}.`
            : `Proposal #${decided.id} is ${decided.status.toLowerCase()}: it will not take effect.`}
        </Success>
      )}
      <PageHeader
        title="Policy"
        description={
          data.version === 0
            ? "The rules every grant, finding and change is judged by: DESIGN.md's defaults, never edited."
            : `The rules every grant, finding and change is judged by: version ${data.version}, ${
                data.approvedBy ? `proposed by ${data.by ?? "a removed user"} and approved by ${data.approvedBy}` : `saved by ${data.by ?? "a removed user"}`
              } on ${when(data.at!)}.`
        }
      />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="space-y-6">
          <Card
            title={`Pending proposals${data.proposals.length > 0 ? ` (${data.proposals.length})` : ""}`}
            description="Changes that loosen a rule. None governs until a second, senior reviewer, not the proposer, approves it."
          >
            <PolicyProposals proposals={data.proposals} />
          </Card>
          <Card
            title="Thresholds"
            description={
              canEdit
                ? "A save that loosens nothing makes a new version at once; findings and approvals follow it. A save that loosens any rule becomes a proposal."
                : "Security reviewers and admins change these."
            }
          >
            <PolicyForm policy={data.policy} version={data.version} canEdit={canEdit} />
          </Card>
          <Card
            title="Approval matrix"
            description={
              <>
                Every row that matches a grant applies, so the strictest wins; the order is for reading.{" "}
                {canEdit ? "Edit it below: a preview shows what the draft does to pending and approved grants before you save." : "Security reviewers and admins change it."} Scripts use{" "}
                <Link href="/api-docs" className="text-brand-700 underline">
                  PUT /api/v1/policy and POST /api/v1/policy/preview
                </Link>
                .
              </>
            }
          >
            <ApprovalMatrix policy={data.policy} />
            {canEdit && (
              <FoldedForm summary="Edit the approval matrix">
                <MatrixEditor policy={data.policy} version={data.version} />
              </FoldedForm>
            )}
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
                    {version.by ?? "a removed user"}
                    {version.approvedBy && `, approved by ${version.approvedBy}`} · {when(version.at)}
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
