import { humanize } from "@/components/domain-badges";
import type { ApprovalRequirement, ApprovalTrigger, Policy } from "@/lib/policy/policy";

function describeTrigger(trigger: ApprovalTrigger, highImpact: string[]): string {
  const parts: string[] = [];
  if (trigger.autonomyAtLeast) parts.push(`autonomy ${humanize(trigger.autonomyAtLeast)} or above`);
  if (trigger.capabilityClassIn) {
    const sameAsHighImpact = trigger.capabilityClassIn.length === highImpact.length && trigger.capabilityClassIn.every((c) => highImpact.includes(c));
    parts.push(sameAsHighImpact ? "a high-impact capability" : `a capability of class ${trigger.capabilityClassIn.map(humanize).join(", ")}`);
  }
  if (trigger.dataSensitivityIn) parts.push(`data ${trigger.dataSensitivityIn.join(" or ")}`);
  if (trigger.criticalPath) parts.push("a critical business path");
  if (trigger.tierAtLeast) parts.push(`${parts.length ? "at " : ""}tier ${humanize(trigger.tierAtLeast)} or above`);
  return parts.join(" ");
}

function describeRequirement({ count, seniorRequired }: ApprovalRequirement): string {
  if (count === 2) return seniorRequired ? "2 distinct reviewers, at least one senior" : "2 distinct reviewers";
  return seniorRequired ? "1 senior reviewer" : "1 reviewer";
}

// DESIGN.md's matrix, rendered from the policy in force: the strictest row that matches applies.
export function ApprovalMatrix({ policy }: { policy: Policy }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Approvals a grant needs</caption>
      <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
        <tr>
          <th scope="col" className="py-2 pr-4 font-medium">
            When
          </th>
          <th scope="col" className="py-2 font-medium">
            Approvals needed
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        <tr>
          <td className="py-2 pr-4 text-slate-700">any grant</td>
          <td className="py-2 font-medium text-slate-900">{describeRequirement(policy.approvals.base)}</td>
        </tr>
        {policy.approvals.rows.map((row, index) => (
          <tr key={index}>
            <td className="py-2 pr-4 text-slate-700">{row.when.map((trigger) => describeTrigger(trigger, policy.highImpactClasses)).join("; or ")}</td>
            <td className="py-2 font-medium text-slate-900">{describeRequirement(row)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
