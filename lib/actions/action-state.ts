import { ZodError } from "zod";
import { AppError } from "@/lib/errors/app-error";

export interface ActionState {
  ok?: boolean;
  message?: string;
  error?: string;
  fieldErrors?: Record<string, string>;
}

// Maps what a mutation throws to what a form shows: the field it concerns where there is one.
export function actionError(error: unknown): ActionState {
  if (error instanceof ZodError) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
    return { error: "Check the highlighted fields.", fieldErrors };
  }
  if (error instanceof AppError) {
    const details = Array.isArray(error.details) ? (error.details as { field?: string; message?: string }[]) : [];
    const fieldErrors = Object.fromEntries(details.filter((d) => d.field && d.message).map((d) => [String(d.field).split(".").at(-2) === "capabilities" ? "capabilities" : String(d.field).split(".").pop()!, d.message!]));
    return { error: error.message, fieldErrors };
  }
  throw error;
}
