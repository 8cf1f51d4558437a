import { defineOperation } from "@/lib/api/operation";
import { findingDetailSchema, findingPageSchema, findingStatsSchema } from "@/lib/dto/findings";
import { findingPageQuerySchema } from "@/lib/validation/findings.validation";

export const listFindings = defineOperation({
  method: "GET",
  path: "/api/v1/findings",
  tag: "Findings",
  summary: "Breaches kept as records, worst first; open ones unless ?state= says otherwise",
  permission: "register:read",
  query: findingPageQuerySchema,
  response: findingPageSchema,
});

export const findingStatistics = defineOperation({
  method: "GET",
  path: "/api/v1/findings/stats",
  tag: "Findings",
  summary: "Open findings per day by severity (90 days) and mean time to resolve per severity",
  permission: "register:read",
  response: findingStatsSchema,
});

export const getFinding = defineOperation({
  method: "GET",
  path: "/api/v1/findings/{id}",
  tag: "Findings",
  summary: "One finding with its timeline (opened, severity changed, resolved, reopened)",
  permission: "register:read",
  response: findingDetailSchema,
});
