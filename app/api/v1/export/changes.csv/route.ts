// GET /api/v1/export/changes.csv — the Changes table (the query of GET /api/v1/changes) as CSV, every page; ?hide= leaves out table columns.
import { appRoute } from "@/lib/api/app-route";
import { csvDownload, CHANGES_CSV } from "@/lib/api/export-route";
import { exportChangesCsv } from "@/lib/api/operations/export";

export const GET = appRoute(exportChangesCsv, ({ actor, query }) => csvDownload(CHANGES_CSV, actor, query));
