import Link from "next/link";
import type { ReactNode } from "react";
import { SeverityBadge } from "@/components/domain-badges";
import { describeRequirement } from "@/components/grants/required-approvals";
import { Badge } from "@/components/ui/badge";
import type { PolicyPreviewDto } from "@/lib/dto/policy-preview";

type RequirementChange = PolicyPreviewDto["moreApprovals"][number];
type TwoPersonChange = PolicyPreviewDto["newTwoPersonFindings"][number];

const pendingGrants = (n: number) => `${n} pending grant${n === 1 ? "" : "s"}`;

// The rule's name breaks at its underscores rather than mid-word on a narrow screen.
const TWO_PERSON = (
  <span className="font-mono text-[0.95em]">
    DESTRUCTIVE_<wbr />
    WITHOUT_<wbr />
    TWO_<wbr />
    PERSON
  </span>
);

function Figure({ testId, value, label, tone }: { testId: string; value: number; label: ReactNode; tone: "up" | "down" | "alert" }) {
  const colour = value === 0 ? "text-slate-900" : tone === "down" ? "text-emerald-800" : tone === "alert" ? "text-red-700" : "text-amber-800";
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2">
      <dt className="text-xs break-words text-slate-600">{label}</dt>
      <dd className={`text-2xl font-semibold tabular-nums ${colour}`} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function RequirementList({ title, changes }: { title: string; changes: RequirementChange[] }) {
  if (changes.length === 0) return null;
  return (
    <section className="space-y-1.5">
      <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h4>
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 bg-white">
        {changes.map((change) => (
          <li key={change.grantId} className="px-3 py-2 text-sm">
            <Link href={`/grants/${change.grantId}`} className="font-medium text-brand-700 underline">
              {change.tool} in {change.environment}
            </Link>
            <p className="text-xs text-slate-600">
              {describeRequirement(change.before)} → <span className="font-medium text-slate-900">{describeRequirement(change.after)}</span>
              {change.missingAfter.length > 0 ? ` · would still need ${change.missingAfter.join(" and ")}` : " · its approvals on record would already do"}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function TwoPersonList({ title, changes }: { title: ReactNode; changes: TwoPersonChange[] }) {
  if (changes.length === 0) return null;
  return (
    <section className="space-y-1.5">
      <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h4>
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 bg-white">
        {changes.map((change) => (
          <li key={change.grantId} className="space-y-0.5 px-3 py-2 text-sm">
            <div className="flex flex-wrap items-center gap-2">
              <Link href={`/grants/${change.grantId}`} className="font-medium text-brand-700 underline">
                {change.tool} in {change.environment}
              </Link>
              <SeverityBadge value={change.severity} />
            </div>
            <p className="text-xs break-words text-slate-600">{change.explanation}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

// What the draft would do, as the server worked it out with the register's own rules.
export function MatrixPreviewPanel({ preview }: { preview: PolicyPreviewDto }) {
  const nothing = preview.moreApprovals.length + preview.fewerApprovals.length + preview.newTwoPersonFindings.length + preview.clearedTwoPersonFindings.length === 0;
  return (
    <section aria-labelledby="matrix-preview-heading" className="space-y-4 rounded-lg border border-brand-100 bg-brand-50/40 p-3 sm:p-4" data-testid="matrix-preview">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id="matrix-preview-heading" className="text-sm font-semibold text-slate-900">
          What this draft would change
        </h3>
        <Badge tone={preview.loosens ? "red" : "green"}>{preview.loosens ? "Loosens: a proposal" : "Loosens nothing: applies at once"}</Badge>
      </div>
      <p className="text-xs text-slate-600">
        Judged against the {pendingGrants(preview.pendingGrants)} and every valid approved grant, by the rules the register applies, compared with{" "}
        {preview.inForce === 0 ? "the defaults" : `version ${preview.inForce}`}.
      </p>
      <dl className="grid gap-2 sm:grid-cols-3">
        <Figure testId="preview-more" value={preview.moreApprovals.length} label="Pending grants that would need more approvals" tone="up" />
        <Figure testId="preview-fewer" value={preview.fewerApprovals.length} label="Pending grants that would need fewer approvals" tone="down" />
        <Figure testId="preview-two-person" value={preview.newTwoPersonFindings.length} label={<>Approved grants that would raise {TWO_PERSON}</>} tone="alert" />
      </dl>
      {nothing && <p className="text-sm text-slate-600">No pending grant needs different approvals and no two-person finding appears or clears.</p>}
      <RequirementList title="Would need more approvals" changes={preview.moreApprovals} />
      <RequirementList title="Would need fewer approvals" changes={preview.fewerApprovals} />
      <TwoPersonList title={<>Would raise {TWO_PERSON}</>} changes={preview.newTwoPersonFindings} />
      <TwoPersonList title={<>Would clear {TWO_PERSON} ({preview.clearedTwoPersonFindings.length})</>} changes={preview.clearedTwoPersonFindings} />
      {preview.differences.length > 0 && (
        <section className="space-y-1.5">
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Rule changes</h4>
          <ul className="space-y-1 text-xs text-slate-700">
            {preview.differences.map((difference) => (
              <li key={difference.path} className="grid grid-cols-[auto_minmax(0,1fr)] items-baseline gap-x-2">
                <Badge tone={difference.loosens ? "red" : "green"}>{difference.loosens ? "Loosens" : "Tightens"}</Badge>
                <span className="min-w-0 break-words">
                  {difference.setting}: {difference.change} ({difference.reason})
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
