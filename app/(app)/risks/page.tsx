import type { Metadata } from "next";
import Link from "next/link";
import { RiskHeatMap } from "@/components/risks/risk-heat-map";
import { RisksTable } from "@/components/risks/risks-table";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listRisks, riskFormOptions, riskHeatMap } from "@/lib/data/risks";
import { lenientQuery } from "@/lib/validation/paging";
import { riskListQuerySchema } from "@/lib/validation/risks.validation";

export const metadata: Metadata = { title: "Risks" };

// The heat map's colours (components/risks/risk-score.tsx) and the scores each stands for.
const SCORE_BANDS = [
  ["bg-red-600", "15–25 critical"],
  ["bg-orange-400", "10–14 high"],
  ["bg-amber-300", "5–9 medium"],
  ["bg-emerald-200", "1–4 low"],
] as const;

export default async function RisksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const query = lenientQuery(riskListQuerySchema, await searchParams, { pageSize: "25" });
  const data = await listRisks(user, query);
  const counts = await riskHeatMap(user, query);
  const overdue = await listRisks(user, { ...riskListQuerySchema.parse({}), overdue: true, sort: "nextReview", dir: "asc" });
  const options = await riskFormOptions(user);
  return (
    <>
      <PageHeader
        title="Risks"
        description="The register of what could go wrong with each AI tool: likelihood × impact, how it is treated, who owns it and when it is next reviewed."
        actions={
          can(user.role, "risk:write") && (
            <ButtonLink href="/risks/new" variant="primary">
              New risk
            </ButtonLink>
          )
        }
      />
      <div className="mb-6 grid gap-6 lg:grid-cols-[auto_minmax(0,1fr)]">
        <Card title="Likelihood × impact">
          <RiskHeatMap counts={counts} query={query} />
        </Card>
        <Card title="Reviews" description="A risk whose next review date has passed is flagged until someone reviews it and sets the next date.">
          {overdue.total === 0 ? (
            <p className="text-sm text-slate-700" data-testid="overdue-reviews">
              Every review is up to date.
            </p>
          ) : (
            <div data-testid="overdue-reviews">
              <p className="text-sm text-slate-700">
                <Badge tone="red">{overdue.total} overdue</Badge>{" "}
                <Link href="/risks?overdue=1" className="text-brand-700 hover:underline">
                  Show only these in the table
                </Link>
              </p>
              <ul className="mt-2 divide-y divide-slate-100">
                {overdue.rows.slice(0, 5).map((risk) => (
                  <li key={risk.id} className="flex items-baseline gap-2 py-1.5 text-sm">
                    <span className="whitespace-nowrap text-xs font-semibold text-red-700">due {risk.nextReview.toISOString().slice(0, 10)}</span>
                    <Link href={`/risks/${risk.id}`} className="min-w-0 text-slate-800 hover:underline">
                      {risk.toolName}: {risk.statement}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <ul className="mt-4 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-label="Score bands">
            {SCORE_BANDS.map(([colour, label]) => (
              <li key={label}>
                <span className={`mr-1 inline-block size-2.5 rounded-sm ${colour} align-middle`} aria-hidden /> {label}
              </li>
            ))}
          </ul>
        </Card>
      </div>
      <RisksTable data={data} query={query} tools={options.tools} />
    </>
  );
}
