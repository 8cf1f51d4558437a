// POST /api/v1/import/tools — import tools from CSV (text/csv) or JSON (an array of tools, or the
// document GET /api/v1/export returns); ?mode=upsert|create&dryRun=true&format=csv|json.
// All or nothing: 200 with the report when every row is accepted, else 422 with the report as
// error.details and nothing written.
import { appRoute } from "@/lib/api/app-route";
import { importTools } from "@/lib/api/operations/import";
import * as imports from "@/lib/data/import";
import { detectFormat } from "@/lib/validation/import.validation";

export const POST = appRoute(importTools, ({ actor, query, body, header }) =>
  imports.importTools(actor, body, { ...query, format: query.format ?? detectFormat(body, header("content-type")) }),
);
