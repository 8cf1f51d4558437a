"use server";

import { revalidatePath } from "next/cache";
import { requirePermission } from "@/lib/auth/session";
import { importTools, type ImportReport } from "@/lib/data/import";
import { AppError } from "@/lib/errors/app-error";
import { detectFormat, importOptionsSchema } from "@/lib/validation/import.validation";
import { actionError, type ActionState, assertSafeForm } from "./action-state";

export interface ImportActionState extends ActionState {
  report?: ImportReport;
}

const isReport = (value: unknown): value is ImportReport => Boolean(value && typeof value === "object" && "rows" in value && "fileProblems" in value);

// The /tools/import form: "Check" is a dry run, "Import" writes; both answer with the row-by-row report.
export async function importToolsAction(_prev: ImportActionState, formData: FormData): Promise<ImportActionState> {
  try {
    assertSafeForm(formData);
    const actor = await requirePermission("tool:write");
    const content = String(formData.get("content") ?? "");
    if (!content.trim()) return { error: "Choose a file or paste CSV or JSON.", fieldErrors: { content: "Nothing to import." } };
    const options = importOptionsSchema.parse({
      mode: formData.get("mode") || undefined,
      format: formData.get("format") || undefined,
      dryRun: formData.get("intent") === "import" ? "false" : "true",
    });
    const report = await importTools(actor, content, { ...options, format: options.format ?? detectFormat(content) });
    if (report.imported) {
      revalidatePath("/tools");
      revalidatePath("/");
    }
    const what = `${report.created} new, ${report.updated} updated, ${report.unchanged} unchanged`;
    return {
      ok: true,
      report,
      message: report.imported ? `Imported ${report.total} tool${report.total === 1 ? "" : "s"}: ${what}.` : `All ${report.total} rows are valid (${what}). Nothing was written yet: import to save them.`,
    };
  } catch (error) {
    if (error instanceof AppError && error.code === "UNPROCESSABLE" && isReport(error.details)) return { error: error.message, report: error.details };
    return actionError(error);
  }
}
