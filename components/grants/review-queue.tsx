import Link from "next/link";
import { Pagination } from "@/components/data-table/pagination";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import type { DueGrantDto } from "@/lib/dto/access-reviews";
import type { Page } from "@/lib/dto/page";
import { humanize } from "@/components/domain-badges";
import { CertifyForm } from "./certify-form";
import { RevokeForm } from "./revoke-form";

/** The grants due for recertification, each with the reviewer's two answers: still needed, or revoke. */
export function ReviewQueue({ data, reviewer }: { data: Page<DueGrantDto>; reviewer: { email: string; canReview: boolean } }) {
  if (data.total === 0) return <EmptyState title="No grant is due for review">Every approved grant was approved or certified within its tier&apos;s review period.</EmptyState>;
  return (
    <>
      <ul className="divide-y divide-slate-100" data-testid="review-queue">
        {data.rows.map((grant) => (
          <li key={grant.id} className="grid gap-4 py-4 lg:grid-cols-[minmax(0,1fr)_22rem]" data-testid="due-grant" data-grant={grant.id} data-tool={grant.tool}>
            <div className="min-w-0 text-sm">
              <p className="flex flex-wrap items-center gap-2">
                <Link href={`/grants/${grant.id}`} className="font-medium text-brand-700 underline underline-offset-2">
                  {grant.toolName} in {grant.environment}
                </Link>
                <Badge>{humanize(grant.tier)}</Badge>
                {grant.overdue ? <Badge tone="red">Overdue: a finding</Badge> : <Badge tone="yellow">Due</Badge>}
              </p>
              <p className="mt-1 text-slate-700">
                Up to {grant.maxAutonomy} · {grant.capabilities.join(", ") || "no capabilities"}
              </p>
              <p className="mt-1 text-xs text-slate-600">
                Requested by {grant.requesterName} · approved <Time value={grant.decidedAt} /> ·{" "}
                {grant.lastCertifiedAt ? (
                  <>
                    last certified <Time value={grant.lastCertifiedAt} />
                  </>
                ) : (
                  "never certified"
                )}{" "}
                · due <Time value={grant.dueAt} /> · {grant.overdue ? "overdue since" : "a finding from"} <Time value={grant.overdueAt} />
              </p>
            </div>
            <div className="space-y-3">
              {!reviewer.canReview ? (
                <p className="text-sm text-slate-600">Security reviewers certify or revoke due grants.</p>
              ) : grant.requester === reviewer.email ? (
                <p className="text-sm text-slate-600">You requested this grant; another reviewer certifies it.</p>
              ) : (
                <>
                  <CertifyForm grantId={grant.id} label={`${grant.toolName} in ${grant.environment}`} />
                  <details>
                    <summary className="cursor-pointer text-sm font-medium text-red-800">Revoke instead…</summary>
                    <div className="mt-2">
                      <RevokeForm grantId={grant.id} />
                    </div>
                  </details>
                </>
              )}
            </div>
          </li>
        ))}
      </ul>
      <Pagination data={data} />
    </>
  );
}
