import { ZodError } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { unsafeTextIssue } from "@/lib/validation/safe-text";

export interface ActionState {
  ok?: boolean;
  message?: string;
  error?: string;
  fieldErrors?: Record<string, string>;
}

// A data function names fields as paths ("0.capabilities.2"); a form has one message per named field.
function formField(path: string): string {
  return path.split(".").find((segment) => segment && !/^\d+$/.test(segment)) ?? "form";
}

/** Refuses a form whose text the database cannot store, naming the field, before anything reads it. */
export function assertSafeForm(formData: FormData): void {
  for (const [name, value] of formData.entries()) {
    const issue = typeof value === "string" ? unsafeTextIssue(value, [name]) : null;
    if (issue) throw new AppError("VALIDATION", "Check the highlighted fields.", [{ field: name, message: `This ${issue.message}.` }]);
  }
}

// Maps what a mutation throws to what a form shows: the field it concerns where there is one.
export function actionError(error: unknown): ActionState {
  if (error instanceof ZodError) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of error.issues) fieldErrors[formField(issue.path.join("."))] ??= issue.message;
    return { error: "Check the highlighted fields.", fieldErrors };
  }
  if (error instanceof AppError) {
    const details = Array.isArray(error.details) ? (error.details as { field?: string; message?: string }[]) : [];
    const fieldErrors: Record<string, string> = {};
    for (const detail of details) {
      if (detail.field && detail.message) fieldErrors[formField(detail.field)] ??= detail.message;
    }
    return { error: error.message, fieldErrors };
  }
  if (isDatabaseUnavailable(error)) return { error: "The register's database is unavailable; nothing was saved. Try again shortly." };
  throw error;
}
