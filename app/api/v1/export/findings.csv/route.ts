// GET /api/v1/export/findings.csv — the Findings table as CSV: the page's query
// (?tool=&environment=&severity=&rule=&sort=&dir=&hide=), every page
import { apiRoute } from "@/lib/api/handler";
import { csvResponse, exportFindingsCsv } from "@/lib/data/export";

export const GET = apiRoute("register:read", async ({ request, actor }) => csvResponse(await exportFindingsCsv(actor, request.nextUrl.searchParams)));
