// GET /api/v1/export/grants.csv — the Grants queue as CSV: the page's query
// (?status=&tool=&environment=&sort=&dir=&hide=; status REQUESTED unless given, ALL for every grant), every page
import { csvExportRoute } from "@/lib/api/export-route";
import { exportGrantsCsv } from "@/lib/data/export";

export const GET = csvExportRoute(exportGrantsCsv);
