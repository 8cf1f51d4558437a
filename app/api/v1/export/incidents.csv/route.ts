// GET /api/v1/export/incidents.csv — the Incidents table as CSV: the page's query
// (?q=&severity=&status=&genAi=&tool=&sort=&dir=&hide=; severity and status may repeat), every page
import { apiRoute } from "@/lib/api/handler";
import { csvResponse, exportIncidentsCsv } from "@/lib/data/export";

export const GET = apiRoute("register:read", async ({ request, actor }) => csvResponse(await exportIncidentsCsv(actor, request.nextUrl.searchParams)));
