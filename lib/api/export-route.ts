import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { csvResponse, type CsvExport } from "@/lib/data/export";
import { apiRoute } from "./handler";

/** A table's CSV export route: the view's query from the URL, the file streamed. */
export function csvExportRoute(exportCsv: (actor: Actor, params: URLSearchParams) => Promise<CsvExport>) {
  return apiRoute("register:read", async ({ request, actor }) => exportCsv(actor, request.nextUrl.searchParams).then(csvResponse));
}
