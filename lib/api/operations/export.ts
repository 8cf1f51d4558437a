import { z } from "zod";
import { csvQuery } from "@/lib/api/csv";
import { defineOperation } from "@/lib/api/operation";
import { auditExportSchema } from "@/lib/audit/export-verification";
import { registerDocumentSchema } from "@/lib/dto/export";
import { auditQuerySchema } from "@/lib/validation/audit.validation";
import { changeListQuerySchema } from "@/lib/validation/changes.validation";
import { findingPageQuerySchema } from "@/lib/validation/findings.validation";
import { grantPageQuerySchema } from "@/lib/validation/grants.validation";
import { incidentListQuerySchema } from "@/lib/validation/incidents.validation";
import { riskListQuerySchema } from "@/lib/validation/risks.validation";
import { toolListQuerySchema } from "@/lib/validation/tools.validation";

// A table's view as CSV (UTF-8 with a BOM; X-Total-Count: its rows): the table's query, every page.
const csv = { responseMediaType: "text/csv", response: z.string(), exportSlot: true } as const;

export const exportRegister = defineOperation({ method: "GET", path: "/api/v1/export", tag: "Export", summary: "The whole register as one JSON document", permission: "register:read", exportSlot: true, response: registerDocumentSchema });

export const exportToolsCsv = defineOperation({ method: "GET", path: "/api/v1/export/tools.csv", tag: "Export", summary: "The Register table's filtered view as CSV", permission: "register:read", query: csvQuery(toolListQuerySchema), ...csv });

export const exportChangesCsv = defineOperation({ method: "GET", path: "/api/v1/export/changes.csv", tag: "Export", summary: "The Changes table's filtered view as CSV", permission: "register:read", query: csvQuery(changeListQuerySchema), ...csv });

export const exportFindingsCsv = defineOperation({ method: "GET", path: "/api/v1/export/findings.csv", tag: "Export", summary: "The Findings table's filtered view as CSV", permission: "register:read", query: csvQuery(findingPageQuerySchema), ...csv });

export const exportGrantsCsv = defineOperation({ method: "GET", path: "/api/v1/export/grants.csv", tag: "Export", summary: "The Grants queue's filtered view as CSV", permission: "register:read", query: csvQuery(grantPageQuerySchema), ...csv });

export const exportAuditLog = defineOperation({
  method: "GET",
  path: "/api/v1/export/audit.json",
  tag: "Export",
  summary: "The whole audit log with its signed checkpoints and public key, for offline verification (scripts/verify-audit.ts)",
  permission: "register:read",
  exportSlot: true,
  response: auditExportSchema,
});

export const exportAuditCsv = defineOperation({ method: "GET", path: "/api/v1/export/audit.csv", tag: "Export", summary: "The Audit table's filtered view as CSV, every event", permission: "register:read", query: csvQuery(auditQuerySchema), ...csv });

export const exportIncidentsCsv = defineOperation({ method: "GET", path: "/api/v1/export/incidents.csv", tag: "Export", summary: "The Incidents table's filtered view as CSV", permission: "register:read", query: csvQuery(incidentListQuerySchema), ...csv });

export const exportRisksCsv = defineOperation({ method: "GET", path: "/api/v1/export/risks.csv", tag: "Export", summary: "The Risks table's filtered view as CSV", permission: "register:read", query: csvQuery(riskListQuerySchema), ...csv });
