import { defineOperation } from "@/lib/api/operation";
import { incidentDetailSchema, incidentPageSchema, incidentSchema, incidentToolLinkResultSchema } from "@/lib/dto/incidents";
import { incidentInputSchema, incidentListQuerySchema, incidentPatchSchema, incidentToolLinkSchema } from "@/lib/validation/incidents.validation";

export const listIncidents = defineOperation({ method: "GET", path: "/api/v1/incidents", tag: "Incidents", summary: "List incidents, newest first", permission: "register:read", query: incidentListQuerySchema, response: incidentPageSchema });

export const createIncident = defineOperation({
  method: "POST",
  path: "/api/v1/incidents",
  tag: "Incidents",
  summary: "Record an incident (201 with its Location; 409 when the key exists)",
  permission: "incident:write",
  body: incidentInputSchema,
  status: 201,
  response: incidentSchema,
  errors: ["CONFLICT", "UNPROCESSABLE"],
});

export const getIncident = defineOperation({ method: "GET", path: "/api/v1/incidents/{key}", tag: "Incidents", summary: "One incident with its tools, changes and mitigations", permission: "register:read", response: incidentDetailSchema });

export const updateIncident = defineOperation({
  method: "PATCH",
  path: "/api/v1/incidents/{key}",
  tag: "Incidents",
  summary: "Change some of an incident's fields; the result is checked like a new incident",
  permission: "incident:write",
  body: incidentPatchSchema,
  response: incidentSchema,
  errors: ["UNPROCESSABLE"],
});

export const linkIncidentTool = defineOperation({
  method: "POST",
  path: "/api/v1/incidents/{key}/tools",
  tag: "Incidents",
  summary: "Link a tool to an incident with its role, or change its role (201 when linked, 200 when the role changed or was already so)",
  permission: "incident:write",
  body: incidentToolLinkSchema,
  status: 201,
  response: incidentToolLinkResultSchema,
  errors: ["UNPROCESSABLE"],
});
