import Link from "next/link";
import { cn } from "@/lib/cn";
import { RISK_SCALE, type RiskListQuery } from "@/lib/validation/risks.validation";
import { CELL_CLASSES, riskBand } from "./risk-score";

function cellHref(query: RiskListQuery, likelihood: number, impact: number, selected: boolean): string {
  const params = new URLSearchParams();
  if (query.tool) params.set("tool", query.tool);
  if (query.treatment) params.set("treatment", query.treatment);
  if (query.overdue) params.set("overdue", "1");
  // Clicking the selected cell again clears the cell filter.
  if (!selected) {
    params.set("likelihood", String(likelihood));
    params.set("impact", String(impact));
  }
  const search = params.toString();
  return search ? `/risks?${search}` : "/risks";
}

// Likelihood (rows, 5 at the top) × impact (columns): each cell counts the risks there and filters
// the table to them. A table, so that a screen reader announces both axes for every cell.
export function RiskHeatMap({ counts, query }: { counts: number[][]; query: RiskListQuery }) {
  const levels = [...RISK_SCALE].reverse();
  return (
    <table className="border-separate border-spacing-1 text-sm" data-testid="risk-heat-map">
      <caption className="mb-1 text-left text-xs text-slate-600">Risks by likelihood × impact. Select a cell to filter the table.</caption>
      <thead>
        <tr>
          <td />
          <th scope="colgroup" colSpan={5} className="pb-1 text-center text-xs font-semibold uppercase tracking-wide text-slate-500">
            Impact →
          </th>
        </tr>
        <tr>
          <th scope="col" className="pr-1 text-right text-xs font-semibold uppercase tracking-wide text-slate-500">
            Likelihood ↓
          </th>
          {RISK_SCALE.map((impact) => (
            <th key={impact} scope="col" className="w-14 text-center text-xs font-medium text-slate-600">
              {impact}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {levels.map((likelihood) => (
          <tr key={likelihood}>
            <th scope="row" className="pr-2 text-right text-xs font-medium text-slate-600">
              {likelihood}
            </th>
            {RISK_SCALE.map((impact) => {
              const count = counts[likelihood - 1]?.[impact - 1] ?? 0;
              const band = riskBand(likelihood * impact);
              const selected = query.likelihood === likelihood && query.impact === impact;
              return (
                <td key={impact} className="p-0">
                  <Link
                    href={cellHref(query, likelihood, impact, selected)}
                    scroll={false}
                    aria-label={`Likelihood ${likelihood}, impact ${impact} (score ${likelihood * impact}): ${count} risk${count === 1 ? "" : "s"}${selected ? ", selected" : ""}`}
                    aria-current={selected ? "true" : undefined}
                    data-testid={`heat-cell-${likelihood}-${impact}`}
                    data-count={count}
                    className={cn(
                      "flex h-12 w-14 items-center justify-center rounded-md text-base font-semibold tabular-nums transition-shadow hover:ring-2 hover:ring-slate-400",
                      count > 0 ? CELL_CLASSES[band].filled : CELL_CLASSES[band].empty,
                      selected && "ring-2 ring-brand-600 ring-offset-1",
                    )}
                  >
                    {count > 0 ? count : <span aria-hidden>·</span>}
                  </Link>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
