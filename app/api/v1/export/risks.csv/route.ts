// GET /api/v1/export/risks.csv — the Risks table as CSV, every page; ?hide= leaves out table columns.
import { appRoute } from "@/lib/api/app-route";
import { csvDownload, RISKS_CSV } from "@/lib/api/export-route";
import { exportRisksCsv } from "@/lib/api/operations/export";

export const GET = appRoute(exportRisksCsv, ({ actor, query }) => csvDownload(RISKS_CSV, actor, query));
