// GET /api/v1/export/changes.csv — the Changes table as CSV: the page's query
// (?aiOrigin=&environment=&tool=&violating=&sort=&dir=&hide=), every page
import { apiRoute } from "@/lib/api/handler";
import { csvResponse, exportChangesCsv } from "@/lib/data/export";

export const GET = apiRoute("register:read", async ({ request, actor }) => csvResponse(await exportChangesCsv(actor, request.nextUrl.searchParams)));
