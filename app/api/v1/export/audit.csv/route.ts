// GET /api/v1/export/audit.csv — the Audit table as CSV: the page's query
// (?entity=&entityId=&actor=&action=&q=&hide=), every event, newest first
import { csvExportRoute } from "@/lib/api/export-route";
import { exportAuditCsv } from "@/lib/data/export";

export const GET = csvExportRoute(exportAuditCsv);
