// GET /api/v1/export/grants.csv — the Grants queue (status REQUESTED unless given, ALL for every grant) as CSV, every page; ?hide= leaves out table columns.
import { appRoute } from "@/lib/api/app-route";
import { csvDownload, GRANTS_CSV } from "@/lib/api/export-route";
import { exportGrantsCsv } from "@/lib/api/operations/export";

export const GET = appRoute(exportGrantsCsv, ({ actor, query }) => csvDownload(GRANTS_CSV, actor, query));
