import { defineOperation } from "@/lib/api/operation";
import { importReportSchema, peopleImportReportSchema } from "@/lib/dto/import";
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

export const importPeople = defineOperation({
  method: "POST",
  path: "/api/v1/import/users",
  tag: "Import",
  summary: "Import people from CSV or JSON (email, name, role, senior, githubLogin), addressed by e-mail; never deactivates anyone or sets a password; all or nothing (422 with the report as error.details)",
  permission: "user:admin",
  query: importOptionsSchema,
  textBody: { mediaTypes: ["text/csv", "application/json"] },
  response: peopleImportReportSchema,
  errors: ["UNPROCESSABLE", "CONFLICT"],
});
