// GET /api/v1/export/findings.csv — the Findings table as CSV, every page; ?hide= leaves out table columns.
import { appRoute } from "@/lib/api/app-route";
import { csvDownload, FINDINGS_CSV } from "@/lib/api/export-route";
import { exportFindingsCsv } from "@/lib/api/operations/export";

export const GET = appRoute(exportFindingsCsv, ({ actor, query }) => csvDownload(FINDINGS_CSV, actor, query));
