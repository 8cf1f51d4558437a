// GET /api/v1/export/findings.csv — the Findings table as CSV: the page's query
// (?tool=&environment=&severity=&rule=&sort=&dir=&hide=), every page
import { csvExportRoute } from "@/lib/api/export-route";
import { exportFindingsCsv } from "@/lib/data/export";

export const GET = csvExportRoute(exportFindingsCsv);
