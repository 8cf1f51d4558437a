"use server";

import { importTools } from "@/lib/data/import";
import type { ImportReport } from "@/lib/dto/import";
import { AppError } from "@/lib/errors/app-error";
import { detectFormat, importOptionsSchema } from "@/lib/validation/import.validation";
import type { ActionState } from "./action-state";
import { formAction, type FormAction } from "./action-client";
import { affected } from "./affected-pages";

export interface ImportActionState extends ActionState {
  report?: ImportReport;
}

const isReport = (value: unknown): value is ImportReport => Boolean(value && typeof value === "object" && "rows" in value && "fileProblems" in value);

// The /tools/import form: "Check" is a dry run, "Import" writes; both answer with the row-by-row report.
export const importToolsAction: FormAction<ImportActionState> = formAction({
  permission: "tool:write",
  schema: importOptionsSchema,
  fields: (form) => ({ mode: form.filled("mode"), format: form.filled("format"), dryRun: form.value("intent") === "import" ? "false" : "true" }),
  run: (actor, options, form) => {
    const content = form.text("content");
    if (!content.trim()) throw new AppError("VALIDATION", "Choose a file or paste CSV or JSON.", [{ field: "content", message: "Nothing to import." }]);
    return importTools(actor, content, { ...options, format: options.format ?? detectFormat(content) });
  },
  // A dry run writes nothing.
  affects: (report) => (report.imported ? affected.tools() : []),
  success: (report) => {
    const what = `${report.created} new, ${report.updated} updated, ${report.unchanged} unchanged`;
    return {
      report,
      message: report.imported ? `Imported ${report.total} tool${report.total === 1 ? "" : "s"}: ${what}.` : `All ${report.total} rows are valid (${what}). Nothing was written yet: import to save them.`,
    };
  },
  // A file with bad rows is refused with the same report, so the person sees which rows to fix.
  refused: (error, state) => (error instanceof AppError && error.code === "UNPROCESSABLE" && isReport(error.details) ? { error: state.error, report: error.details } : state),
});
