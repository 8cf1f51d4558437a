// GET /api/v1/export/grants.csv — the Grants queue as CSV: the page's query
// (?status=&tool=&environment=&sort=&dir=&hide=; status REQUESTED unless given, ALL for every grant), every page
import { apiRoute } from "@/lib/api/handler";
import { csvResponse, exportGrantsCsv } from "@/lib/data/export";

export const GET = apiRoute("register:read", async ({ request, actor }) => csvResponse(await exportGrantsCsv(actor, request.nextUrl.searchParams)));
