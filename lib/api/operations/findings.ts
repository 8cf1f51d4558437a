import { defineOperation, UNDESCRIBED } from "@/lib/api/operation";
import { findingFilterSchema } from "@/lib/validation/findings.validation";

export const listFindings = defineOperation({ method: "GET", path: "/api/v1/findings", tag: "Findings", summary: "Computed breaches, worst first", permission: "register:read", query: findingFilterSchema, response: UNDESCRIBED });
