import { ZodError } from "zod";
import { AppError } from "@/lib/errors/app-error";

export interface ApiErrorBody {
  error: { code: string; message: string; details: unknown };
}

// The documented error body and status for anything a route throws, whichever router serves it.
export function apiError(error: unknown): { status: number; body: ApiErrorBody } {
  if (error instanceof AppError) {
    return { status: error.status, body: { error: { code: error.code, message: error.message, details: error.details ?? null } } };
  }
  if (error instanceof ZodError) {
    const details = error.issues.map((issue) => ({ field: issue.path.join("."), message: issue.message }));
    const first = details[0];
    return { status: 400, body: { error: { code: "VALIDATION", message: first ? `${first.field || "body"}: ${first.message}` : "Invalid input", details } } };
  }
  console.error(error);
  return { status: 500, body: { error: { code: "INTERNAL", message: "Unexpected server error", details: null } } };
}
