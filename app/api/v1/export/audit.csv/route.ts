// GET /api/v1/export/audit.csv — the Audit table as CSV: the page's query
// (?entity=&entityId=&actor=&action=&q=&hide=), every event, newest first
import { apiRoute } from "@/lib/api/handler";
import { csvResponse, exportAuditCsv } from "@/lib/data/export";

export const GET = apiRoute("register:read", async ({ request, actor }) => csvResponse(await exportAuditCsv(actor, request.nextUrl.searchParams)));
