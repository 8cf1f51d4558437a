// GET /api/v1/export/incidents.csv — the Incidents table (the query of GET /api/v1/incidents) as CSV, every page; ?hide= leaves out table columns.
import { appRoute } from "@/lib/api/app-route";
import { csvDownload, INCIDENTS_CSV } from "@/lib/api/export-route";
import { exportIncidentsCsv } from "@/lib/api/operations/export";

export const GET = appRoute(exportIncidentsCsv, ({ actor, query }) => csvDownload(INCIDENTS_CSV, actor, query));
