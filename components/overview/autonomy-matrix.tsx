import Link from "next/link";
import { humanize } from "@/components/domain-badges";
import { cn } from "@/lib/cn";
import type { MatrixView } from "@/lib/data/overview";
import { formatTime } from "@/components/ui/time";

const SHORT: Record<string, string> = { OFF: "off", SUGGEST: "sugg", AGENT: "agent", AUTONOMOUS: "auto" };

// An accepted breach is neither green nor alarming: known, owned, and back in colour when it expires.
const ACCEPTED_STYLE = "bg-slate-100 text-slate-800 ring-1 ring-inset ring-slate-300";

// Colour by how far actual autonomy goes beyond what is allowed: green within, amber one level
// over, red two or more.

function cellStyle(gap: number, observed: boolean): string {
  if (!observed) return "bg-slate-50 text-slate-600";
  if (gap <= 0) return "bg-emerald-50 text-emerald-900";
  if (gap === 1) return "bg-amber-100 text-amber-900";
  return "bg-red-100 text-red-900 font-semibold";
}

export function AutonomyMatrix({ matrix }: { matrix: MatrixView }) {
  return (
    <div>
      {/* With more environments than the page is wide, the cells scroll and the tools stay in view. */}
      <div className="overflow-x-auto" role="region" aria-label="Autonomy matrix" tabIndex={0}>
        <table className="min-w-full border-separate border-spacing-1 text-xs" data-testid="autonomy-matrix">
          <caption className="sr-only">Allowed versus actual autonomy per tool and environment</caption>
          <thead>
            <tr>
              <th scope="col" className="sticky left-0 bg-white px-1.5 py-1 text-left font-medium text-slate-600">
                Tool
              </th>
              {matrix.environments.map((env) => (
                <th key={env.name} scope="col" className="px-1.5 py-1 text-left font-medium text-slate-600">
                  <div>{env.name}</div>
                  <div className="font-normal text-slate-600">{humanize(env.tier)}</div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.rows.map((row) => (
              <tr key={row.tool}>
                <th scope="row" className="sticky left-0 whitespace-nowrap bg-white px-1.5 py-1 text-left font-medium">
                  <Link href={`/tools/${row.tool}`} className="text-brand-700 hover:underline">
                    {row.name}
                  </Link>
                </th>
                {matrix.environments.map((env) => {
                  const cell = row.cells[env.name];
                  if (!cell)
                    return (
                      <td key={env.name} className="rounded bg-white px-1.5 py-1 text-slate-500">
                        <span aria-hidden>·</span>
                        <span className="sr-only">no grant, not observed</span>
                      </td>
                    );
                  const accepted = cell.acceptedUntil ? `, accepted until ${formatTime(cell.acceptedUntil)}` : "";
                  const shown = `${SHORT[cell.allowed]} → ${cell.actual ? SHORT[cell.actual] : "—"}`;
                  // The name starts with what the cell shows, so that it can be spoken to (voice control).
                  const label = `${shown}, ${row.name} in ${env.name}: allowed ${cell.allowed}, actual ${cell.actual ?? "not observed"}${cell.ceiling ? ` (${cell.ceiling})` : ""}${accepted}`;
                  return (
                    <td key={env.name} className={cn("rounded p-0", cell.acceptedUntil ? ACCEPTED_STYLE : cellStyle(cell.gap, cell.actual !== null))} data-gap={cell.gap} data-accepted={cell.acceptedUntil ? "true" : undefined}>
                      <Link href={`/tools/${row.tool}`} title={label} aria-label={label} className="block whitespace-nowrap px-1.5 py-1">
                        {shown}
                      </Link>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-2 flex flex-wrap gap-3 text-xs text-slate-500">
        <span>Cells read allowed → actual.</span>
        <span className="rounded bg-emerald-50 px-1.5 text-emerald-900">within</span>
        <span className="rounded bg-amber-100 px-1.5 text-amber-900">one level over</span>
        <span className="rounded bg-red-100 px-1.5 font-semibold text-red-900">two or more over</span>
        <span className="rounded bg-slate-50 px-1.5 text-slate-600">granted, not observed</span>
        <span className={cn("rounded px-1.5", ACCEPTED_STYLE)}>over, accepted for a while</span>
        {matrix.totalTools > matrix.rows.length && <span>Showing the {matrix.rows.length} worst of {matrix.totalTools} tools.</span>}
      </p>
    </div>
  );
}
