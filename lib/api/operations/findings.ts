import { defineOperation } from "@/lib/api/operation";
import { findingListSchema } from "@/lib/dto/findings";
import { findingFilterSchema } from "@/lib/validation/findings.validation";

export const listFindings = defineOperation({ method: "GET", path: "/api/v1/findings", tag: "Findings", summary: "Computed breaches, worst first", permission: "register:read", query: findingFilterSchema, response: findingListSchema });
