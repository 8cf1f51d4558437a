import "server-only";
import { NextResponse } from "next/server";
import type { Actor } from "@/lib/auth/actor";
import { csvResponse, type CsvExport } from "@/lib/data/export";
import { AppError } from "@/lib/errors/app-error";
import { apiRoute } from "./handler";
import { apiError } from "./error-body";

/**
 * The answer to an export refused for running too many at once: the documented error body, with
 * the Retry-After header that apiRoute's generic mapping does not set. Any other error is rethrown.
 */
export function tooManyExports(error: unknown): Response {
  if (!(error instanceof AppError && error.code === "TOO_MANY_REQUESTS")) throw error;
  const { status, body } = apiError(error);
  const { retryAfterSeconds } = error.details as { retryAfterSeconds: number };
  return NextResponse.json(body, { status, headers: { "retry-after": String(retryAfterSeconds) } });
}

/** A table's CSV export route: the view's query from the URL, the file streamed. */
export function csvExportRoute(exportCsv: (actor: Actor, params: URLSearchParams) => Promise<CsvExport>) {
  return apiRoute("register:read", async ({ request, actor }) => exportCsv(actor, request.nextUrl.searchParams).then(csvResponse, tooManyExports));
}
