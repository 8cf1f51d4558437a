// GET /api/v1/export/changes.csv — the Changes table as CSV: the page's query
// (?aiOrigin=&environment=&tool=&violating=&sort=&dir=&hide=), every page
import { csvExportRoute } from "@/lib/api/export-route";
import { exportChangesCsv } from "@/lib/data/export";

export const GET = csvExportRoute(exportChangesCsv);
