// GET /api/v1/export/tools.csv — the Register table as CSV: the same query as GET /api/v1/tools and the
// page (?q=&status=&kind=&team=&environment=&sort=&dir=&hide=), every page; ?hide= drops table columns
import { csvExportRoute } from "@/lib/api/export-route";
import { exportToolsCsv } from "@/lib/data/export";

export const GET = csvExportRoute(exportToolsCsv);
