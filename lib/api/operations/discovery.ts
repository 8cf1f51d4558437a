import { defineOperation } from "@/lib/api/operation";
import { discoveryRunPageSchema, discoveryRunSchema } from "@/lib/dto/discovery";
import { discoveryRunQuerySchema, discoveryRunSchema as discoveryRunBodySchema } from "@/lib/validation/discovery.validation";

export const listDiscoveryRuns = defineOperation({ method: "GET", path: "/api/v1/discovery/runs", tag: "Discovery", summary: "Discovery runs, newest first", permission: "register:read", query: discoveryRunQuerySchema, response: discoveryRunPageSchema });

export const recordDiscoveryRun = defineOperation({
  method: "POST",
  path: "/api/v1/discovery/runs",
  tag: "Discovery",
  summary:
    "Write a scan's observations (what `npm run scan -- … --post` sends): replaces the rows of the run's connectors in its scope and nothing else, creates missing tools PROPOSED when an owner team is given, in one audited transaction (201; 422 naming each unknown environment, capability or team)",
  permission: "observation:write",
  body: discoveryRunBodySchema,
  status: 201,
  response: discoveryRunSchema,
  errors: ["UNPROCESSABLE"],
});

export const getDiscoveryRun = defineOperation({ method: "GET", path: "/api/v1/discovery/runs/{id}", tag: "Discovery", summary: "One discovery run with its unknowns and errors", permission: "register:read", response: discoveryRunSchema, errors: ["NOT_FOUND"] });
