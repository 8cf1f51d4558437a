import { describeRequirement } from "@/components/grants/required-approvals";
import { TableHeader } from "@/components/ui/table-header";
import { describeTrigger } from "@/lib/policy/approvals";
import type { Policy } from "@/lib/policy/policy";

// DESIGN.md's matrix, rendered from the policy in force: the strictest row that matches applies.
export function ApprovalMatrix({ policy }: { policy: Policy }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Approvals a grant needs</caption>
      <TableHeader variant="ruled" columns={["When", "Approvals needed"]} />
      <tbody className="divide-y divide-slate-100">
        <tr>
          <td className="py-2 pr-4 align-top text-slate-700">any grant</td>
          <td className="py-2 align-top font-medium text-slate-900">{describeRequirement(policy.approvals.base)}</td>
        </tr>
        {policy.approvals.rows.map((row, index) => (
          <tr key={index}>
            <td className="py-2 pr-4 align-top text-slate-700">{row.when.map((trigger) => describeTrigger(trigger, policy.highImpactClasses)).join("; or ")}</td>
            <td className="py-2 align-top font-medium text-slate-900">{describeRequirement(row)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
