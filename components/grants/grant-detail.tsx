import Link from "next/link";
import { AuditEventList } from "@/components/audit/event-list";
import { AutonomyBadge, GrantStatusBadge, humanize, TierBadge } from "@/components/domain-badges";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import type { AuditEventDto } from "@/lib/dto/audit";
import type { GrantView } from "@/lib/dto/grants";
import { displayedGrantStatus } from "@/lib/policy/approvals";
import { Success } from "@/components/ui/form";
import { HIGH_IMPACT_CLASSES } from "@/lib/policy/types";
import { DecisionForm } from "./decision-form";
import { ApprovalProgressSummary, describeRequirement, RequiredApprovalsSummary } from "./required-approvals";
import { RevokeForm } from "./revoke-form";

const day = (date: Date | null) => date?.toISOString().slice(0, 10) ?? "never";

export function GrantDetail({ grant, history, canRevoke, justRequested }: { grant: GrantView; history: AuditEventDto[]; canRevoke: boolean; justRequested: boolean }) {
  const status = displayedGrantStatus(grant);
  return (
    <>
      <PageHeader
        breadcrumbs={{ links: [["/grants", "Grants"], [`/tools/${grant.tool}`, grant.tool]], here: grant.environment }}
        title={
          <>
            {grant.toolName} → {grant.environment}
          </>
        }
        badges={<GrantStatusBadge value={status} />}
        description={grant.justification}
      />
      {justRequested && grant.status === "REQUESTED" && (
        <Success className="mb-4">Requested. It now waits for {describeRequirement(grant.requiredApprovals)}.</Success>
      )}
      {grant.supersededBy && (
        <p className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Superseded: a later grant for {grant.tool} in {grant.environment}{" "}
          <Link href={`/grants/${grant.supersededBy}`} className="font-medium underline">
            governs instead
          </Link>
          .
        </p>
      )}
      <div className="grid gap-6 xl:grid-cols-2">
        <Card title="What is requested">
          <dl className="grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
            <dt className="text-slate-500">Maximum autonomy</dt>
            <dd>
              <AutonomyBadge value={grant.maxAutonomy} />
            </dd>
            <dt className="text-slate-500">Environment</dt>
            <dd className="flex flex-wrap items-center gap-1">
              {grant.environment} <TierBadge value={grant.risk.tier} />
              <Badge>data {humanize(grant.risk.dataSensitivity)}</Badge>
              {grant.risk.criticalPath && <Badge tone="orange">critical path</Badge>}
            </dd>
            <dt className="text-slate-500">Capabilities</dt>
            <dd>
              <ul className="flex flex-wrap gap-1">
                {grant.risk.capabilities.map((c) => (
                  <li key={c.key}>
                    <Badge tone={c.class && HIGH_IMPACT_CLASSES.includes(c.class) ? "red" : "neutral"}>
                      {c.key} <span className="ml-1 font-normal">{c.class ?? "unknown"}</span>
                    </Badge>
                  </li>
                ))}
                {grant.risk.capabilities.length === 0 && <li className="text-slate-600">none</li>}
              </ul>
            </dd>
            <dt className="text-slate-500">Requested</dt>
            <dd>
              {day(grant.createdAt)} by {grant.requesterName} ({grant.requester})
            </dd>
            <dt className="text-slate-500">Expires</dt>
            <dd>{day(grant.expiresAt)}</dd>
            {grant.decidedAt && (
              <>
                <dt className="text-slate-500">Decided</dt>
                <dd>{day(grant.decidedAt)}</dd>
              </>
            )}
            {grant.review && (
              <>
                <dt className="text-slate-500">Access review</dt>
                <dd data-testid="grant-review">
                  {grant.review.lastCertifiedAt ? `last certified ${day(grant.review.lastCertifiedAt)}` : "never certified"}; due {day(grant.review.dueAt)}
                </dd>
              </>
            )}
            {grant.revokedAt && (
              <>
                <dt className="text-slate-500">Revoked</dt>
                <dd>{day(grant.revokedAt)}</dd>
              </>
            )}
          </dl>
        </Card>
        <Card title="Approvals" description="From the risk-based approval matrix: the strictest matching row applies.">
          <RequiredApprovalsSummary required={grant.requiredApprovals} />
          <div className="mt-3 border-t border-slate-100 pt-3">
            <ApprovalProgressSummary required={grant.requiredApprovals} progress={grant.progress} />
            <ul className="mt-2 space-y-2" data-testid="decisions">
              {grant.decisions.map((d) => (
                <li key={d.reviewer} className="text-sm">
                  <span className={d.decision === "APPROVE" ? "text-emerald-700" : "text-red-700"}>{d.decision === "APPROVE" ? "Approved" : "Denied"}</span> by{" "}
                  <span className="font-medium">{d.reviewerName}</span>
                  {d.senior && <span className="text-xs text-slate-500"> (senior)</span>}
                  <span className="text-xs text-slate-500"> · {d.at.toISOString().slice(0, 16).replace("T", " ")}</span>
                  {d.comment && <p className="text-xs text-slate-600">“{d.comment}”</p>}
                </li>
              ))}
            </ul>
          </div>
          {grant.viewer.canDecide ? (
            <div className="mt-4 border-t border-slate-100 pt-3">
              <DecisionForm grantId={grant.id} label={`${grant.tool} in ${grant.environment}`} />
            </div>
          ) : (
            grant.status === "REQUESTED" &&
            grant.viewer.reason && (
              <p className="mt-4 border-t border-slate-100 pt-3 text-xs text-slate-500" data-testid="cannot-decide">
                {grant.viewer.code === "SELF_APPROVAL" ? "You requested this grant: another reviewer decides." : grant.viewer.reason}
              </p>
            )
          )}
        </Card>
        {canRevoke && grant.effectiveStatus === "APPROVED" && (
          <Card title="Revoke" description="The tool loses this access at once; findings follow.">
            <RevokeForm grantId={grant.id} />
          </Card>
        )}
        <Card title="History" description="This grant's audit events, newest first.">
          <AuditEventList events={history} />
        </Card>
      </div>
    </>
  );
}
