// GET /api/v1/export/tools.csv — the Register table (the query of GET /api/v1/tools) as CSV, every page; ?hide= leaves out table columns.
import { appRoute } from "@/lib/api/app-route";
import { csvDownload, TOOLS_CSV } from "@/lib/api/export-route";
import { exportToolsCsv } from "@/lib/api/operations/export";

export const GET = appRoute(exportToolsCsv, ({ actor, query }) => csvDownload(TOOLS_CSV, actor, query));
