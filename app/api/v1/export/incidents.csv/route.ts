// GET /api/v1/export/incidents.csv — the Incidents table as CSV: the page's query
// (?q=&severity=&status=&genAi=&tool=&sort=&dir=&hide=; severity and status may repeat), every page
import { csvExportRoute } from "@/lib/api/export-route";
import { exportIncidentsCsv } from "@/lib/data/export";

export const GET = csvExportRoute(exportIncidentsCsv);
