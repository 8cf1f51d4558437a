import { Badge } from "@/components/ui/badge";
import { TableHeader } from "@/components/ui/table-header";
import type { PolicyDifference } from "@/lib/policy/policy-change";

// What a policy edit changes, one row per difference; a loosening row is what needs the second reviewer.
export function PolicyDiff({ differences, caption }: { differences: PolicyDifference[]; caption: string }) {
  if (differences.length === 0) return <p className="text-sm text-slate-500">No rule changes: the same thresholds as the version it was based on.</p>;
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <TableHeader variant="ruled" columns={["Setting", "Before → after", "Effect"]} />
      <tbody className="divide-y divide-slate-100">
        {differences.map((difference) => (
          <tr key={difference.path} className={difference.loosens ? "bg-red-50/40" : undefined}>
            <td className="py-2 pr-4 align-top text-slate-700">{difference.setting}</td>
            <td className="py-2 pr-4 align-top font-medium text-slate-900">{difference.change}</td>
            <td className="py-2 align-top">
              <Badge tone={difference.loosens ? "red" : "green"}>{difference.loosens ? "Loosens" : "Tightens"}</Badge>
              <span className="ml-2 text-xs text-slate-600">{difference.reason}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
