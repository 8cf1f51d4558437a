import { ZodError } from "zod";
import { AppError } from "@/lib/errors/app-error";

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
  throw error;
}
