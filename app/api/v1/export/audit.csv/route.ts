// GET /api/v1/export/audit.csv — the Audit table (the query of GET /api/v1/audit), every event, newest first as CSV, every page; ?hide= leaves out table columns.
import { appRoute } from "@/lib/api/app-route";
import { csvDownload, AUDIT_CSV } from "@/lib/api/export-route";
import { exportAuditCsv } from "@/lib/api/operations/export";

export const GET = appRoute(exportAuditCsv, ({ actor, query }) => csvDownload(AUDIT_CSV, actor, query));
