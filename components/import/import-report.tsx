"use client";

import Link from "next/link";
import { useState } from "react";
import { Badge, type Tone } from "@/components/ui/badge";
import type { ImportOutcome, ImportReport } from "@/lib/dto/import";

const OUTCOME_TONES: Record<ImportOutcome, Tone> = { created: "green", updated: "blue", unchanged: "neutral", rejected: "red" };
const SHOWN_ROWS = 500;

// The row-by-row answer of an import or a check: what each row does (or would do), and why a row is refused.
export function ImportReportView({ report }: { report: ImportReport }) {
  const [onlyRejected, setOnlyRejected] = useState(report.rejected > 0);
  // A new report (another check or import) starts again from its own default view.
  const [shownReport, setShownReport] = useState(report);
  if (shownReport !== report) {
    setShownReport(report);
    setOnlyRejected(report.rejected > 0);
  }
  const rows = onlyRejected ? report.rows.filter((row) => row.outcome === "rejected") : report.rows;
  const shown = rows.slice(0, SHOWN_ROWS);
  const would = report.imported ? "" : "would be ";
  const counts = [
    `${report.created} ${would}new`,
    `${report.updated} ${would}updated`,
    `${report.unchanged} unchanged`,
    ...(report.rejected ? [`${report.rejected} rejected`] : []),
  ].join(", ");

  return (
    <section aria-labelledby="import-report-title" className="rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="import-report">
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-100 px-4 py-3">
        <div>
          <h2 id="import-report-title" className="text-sm font-semibold text-slate-900">
            {report.imported ? "Import report" : report.rejected || report.fileProblems.length ? "Rejected: nothing was imported" : "Check report: nothing written yet"}
          </h2>
          <p className="mt-0.5 text-xs text-slate-500" data-testid="import-counts">
            {report.total} row{report.total === 1 ? "" : "s"} of {report.format.toUpperCase()}: {counts}. Row 1 is the first tool (the line after a CSV header).
          </p>
        </div>
        {report.rejected > 0 && report.rejected < report.total && (
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={onlyRejected} onChange={(event) => setOnlyRejected(event.target.checked)} />
            Only rejected rows
          </label>
        )}
      </header>
      {report.fileProblems.length > 0 && (
        <ul className="space-y-1 border-b border-slate-100 px-4 py-3 text-sm text-red-800" aria-label="Problems with the file">
          {report.fileProblems.map((problem, index) => (
            <li key={index}>
              <Problem field={problem.field} message={problem.message} />
            </li>
          ))}
        </ul>
      )}
      {shown.length > 0 && (
        <div className="overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Rows of the import</caption>
            <thead className="bg-slate-50">
              <tr>
                {["Row", "Slug", "Result", "Details"].map((header) => (
                  <th key={header} scope="col" className="px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                    {header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {shown.map((row) => (
                <tr key={row.row} data-outcome={row.outcome} className={row.outcome === "rejected" ? "bg-red-50/40" : undefined}>
                  <td className="px-3 py-2 align-top tabular-nums text-slate-600">{row.row}</td>
                  <td className="whitespace-nowrap px-3 py-2 align-top font-mono text-xs">
                    {row.slug && report.imported && row.outcome !== "rejected" ? (
                      <Link href={`/tools/${row.slug}`} className="text-brand-700 hover:underline">
                        {row.slug}
                      </Link>
                    ) : (
                      (row.slug ?? "—")
                    )}
                  </td>
                  <td className="px-3 py-2 align-top">
                    <Badge tone={OUTCOME_TONES[row.outcome]}>{row.outcome}</Badge>
                  </td>
                  <td className="px-3 py-2 align-top text-slate-700">
                    {row.problems.length > 0 ? (
                      <ul className="space-y-0.5">
                        {row.problems.map((problem, index) => (
                          <li key={index}>
                            <Problem field={problem.field} message={problem.message} />
                          </li>
                        ))}
                      </ul>
                    ) : row.changes?.length ? (
                      <span className="text-xs">changes {row.changes.join(", ")}</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.length > shown.length && <p className="px-4 py-2 text-xs text-slate-500">Showing the first {SHOWN_ROWS} of {rows.length} rows.</p>}
    </section>
  );
}

// "kind must be one of …" already names its field; "unknown team …" does not.
function Problem({ field, message }: { field: string; message: string }) {
  const named = message.startsWith(`${field} `);
  return (
    <>
      <span className="font-medium text-red-800">{field}</span>
      {named ? message.slice(field.length) : `: ${message}`}
    </>
  );
}
