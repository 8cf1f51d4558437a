import { describeRequirement } from "@/components/grants/required-approvals";
import { describeTrigger } from "@/lib/policy/approvals";
import type { Policy } from "@/lib/policy/policy";

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
