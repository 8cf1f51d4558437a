import { defineOperation } from "@/lib/api/operation";
import { importReportSchema } from "@/lib/dto/import";
import { importOptionsSchema } from "@/lib/validation/import.validation";

export const importTools = defineOperation({
  method: "POST",
  path: "/api/v1/import/tools",
  tag: "Import",
  summary: "Import tools from CSV or the export's JSON; validated row by row, all or nothing (422 with the report as error.details; 409 when another writer created one of its slugs meanwhile)",
  permission: "tool:write",
  query: importOptionsSchema,
  textBody: { mediaTypes: ["text/csv", "application/json"] },
  response: importReportSchema,
  errors: ["UNPROCESSABLE", "CONFLICT"],
});
