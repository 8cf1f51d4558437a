import { defineOperation, UNDESCRIBED } from "@/lib/api/operation";
import { incidentInputSchema, incidentListQuerySchema, incidentPatchSchema, incidentToolLinkSchema } from "@/lib/validation/incidents.validation";

export const listIncidents = defineOperation({ method: "GET", path: "/api/v1/incidents", tag: "Incidents", summary: "List incidents", permission: "register:read", query: incidentListQuerySchema, response: UNDESCRIBED });

export const createIncident = defineOperation({ method: "POST", path: "/api/v1/incidents", tag: "Incidents", summary: "Record an incident", permission: "incident:write", body: incidentInputSchema, status: 201, response: UNDESCRIBED });

export const getIncident = defineOperation({ method: "GET", path: "/api/v1/incidents/{key}", tag: "Incidents", summary: "One incident with its tools, changes and mitigations", permission: "register:read", response: UNDESCRIBED });

export const updateIncident = defineOperation({ method: "PATCH", path: "/api/v1/incidents/{key}", tag: "Incidents", summary: "Change an incident", permission: "incident:write", body: incidentPatchSchema, response: UNDESCRIBED });

export const linkIncidentTool = defineOperation({ method: "POST", path: "/api/v1/incidents/{key}/tools", tag: "Incidents", summary: "Link a tool to an incident with its role", permission: "incident:write", body: incidentToolLinkSchema, status: 201, response: UNDESCRIBED });
