import Link from "next/link";
import { Pagination } from "@/components/data-table/pagination";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/card";
import { TableHeader } from "@/components/ui/table-header";
import { Time } from "@/components/ui/time";
import type { DiscoveryRunSummaryDto } from "@/lib/dto/discovery";
import type { Page } from "@/lib/dto/page";

/** "+2 ~1 −0": what a run changed among its connectors' rows. */
export function RunChanges({ run }: { run: Pick<DiscoveryRunSummaryDto, "added" | "changed" | "removed"> }) {
  return (
    <span className="whitespace-nowrap tabular-nums">
      {run.added} added · {run.changed} changed · {run.removed} removed
    </span>
  );
}

export function DiscoveryRuns({ data }: { data: Page<DiscoveryRunSummaryDto> }) {
  if (data.total === 0) {
    return (
      <EmptyState title="No discovery run yet">
        Scan a repository and post it: <code className="rounded bg-slate-100 px-1 text-slate-800">npm run scan -- DIR --config FILE --post URL --token TOKEN</code>.
      </EmptyState>
    );
  }
  return (
    <>
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Discovery runs">
        <table className="w-full text-sm" data-testid="discovery-runs">
          <caption className="sr-only">Discovery runs, newest first</caption>
          <TableHeader columns={["When", "Scope", "Observations", "Unknown", "Errors", "New tools", "By"]} />
          <tbody className="divide-y divide-slate-100">
            {data.rows.map((run) => (
              <tr key={run.id} className="align-top">
                <td className="py-2 pr-3">
                  <Link href={`/discovery/${run.id}`} className="font-medium text-brand-700 hover:underline">
                    <Time value={run.at} format="utc" />
                  </Link>
                </td>
                <td className="py-2 pr-3">
                  <div className="font-medium">{run.scope}</div>
                  <div className="text-xs text-slate-600">
                    {run.filesRead} {run.filesRead === 1 ? "file" : "files"} · {run.connectors.join(", ")}
                  </div>
                </td>
                <td className="py-2 pr-3">
                  <div className="tabular-nums">{run.observationsWritten}</div>
                  <div className="text-xs text-slate-600">
                    <RunChanges run={run} />
                  </div>
                </td>
                <td className="py-2 pr-3 tabular-nums">{run.unknownCount}</td>
                <td className="py-2 pr-3">{run.errorCount > 0 ? <Badge tone="red">{run.errorCount}</Badge> : <span className="tabular-nums">0</span>}</td>
                <td className="py-2 pr-3 text-xs">
                  {run.toolsProposed.length > 0 && <div>Proposed: {run.toolsProposed.join(", ")}</div>}
                  {run.toolsSkipped.length > 0 && <div className="text-amber-800">Not written: {run.toolsSkipped.join(", ")}</div>}
                  {run.toolsProposed.length + run.toolsSkipped.length === 0 && "—"}
                </td>
                <td className="py-2 text-xs text-slate-600">{run.actor}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination data={data} />
    </>
  );
}
