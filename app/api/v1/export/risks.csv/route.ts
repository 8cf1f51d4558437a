// GET /api/v1/export/risks.csv — the Risks table as CSV: the page's query
// (?tool=&treatment=&likelihood=&impact=&overdue=&sort=&dir=&hide=), every page
import { apiRoute } from "@/lib/api/handler";
import { csvResponse, exportRisksCsv } from "@/lib/data/export";

export const GET = apiRoute("register:read", async ({ request, actor }) => csvResponse(await exportRisksCsv(actor, request.nextUrl.searchParams)));
