// GET /api/v1/export/risks.csv — the Risks table as CSV: the page's query
// (?tool=&treatment=&likelihood=&impact=&overdue=&sort=&dir=&hide=), every page
import { csvExportRoute } from "@/lib/api/export-route";
import { exportRisksCsv } from "@/lib/data/export";

export const GET = csvExportRoute(exportRisksCsv);
