"use server";

import { z } from "zod";
import { createIncident, linkIncidentChange, linkIncidentTool, unlinkIncidentTool, updateIncident } from "@/lib/data/incidents";
import { incidentInputSchema, incidentKeySchema, incidentToolLinkSchema } from "@/lib/validation/incidents.validation";
import { boundAction, formAction, type FormFields } from "./action-client";
import { affected } from "./affected-pages";

const incidentFields = (form: FormFields) => ({
  ...form.pick("key", "title", "severity", "status", "startedAt", "detectedAt", "resolvedAt", "summary", "services", "regions", "customerImpact", "postmortemUrl", "genAiContributed"),
  environments: form.all("environments"),
});

// The incident page sends its key in a hidden field, the tool page from a select; both are named "incident".
const toolLinkSchema = incidentToolLinkSchema.extend({ incident: incidentKeySchema });
const changeLinkSchema = z.object({ incident: incidentKeySchema, change: z.string().trim().min(1, "Enter the change's external id, e.g. deploy-48211.") });

const incidentPage = (key: string) => `/incidents/${encodeURIComponent(key)}`;

export const createIncidentAction = formAction({
  permission: "incident:write",
  schema: incidentInputSchema,
  fields: incidentFields,
  run: (actor, input) => createIncident(actor, input),
  affects: (incident) => affected.incident(incident.key),
  redirect: (incident) => incidentPage(incident.key),
});

export const updateIncidentAction = formAction({
  permission: "incident:write",
  schema: incidentInputSchema,
  fields: incidentFields,
  run: (actor, { key, ...input }) => updateIncident(actor, key, input),
  affects: (incident) => affected.incident(incident.key),
  redirect: (incident) => incidentPage(incident.key),
});

// From the incident page (incident fixed, tool chosen) or the tool page (tool fixed, incident chosen).
export const linkIncidentToolAction = formAction({
  permission: "incident:write",
  schema: toolLinkSchema,
  fields: (form) => ({ incident: form.text("incident"), tool: form.text("tool"), role: form.text("role") }),
  run: (actor, { incident, ...link }) => linkIncidentTool(actor, incident, link),
  affects: (_, link) => affected.incidentTool(link.tool),
  success: (result, { incident, tool, role }) => {
    const verb = result.created ? "Linked" : result.changed ? "Changed the role of" : "Already linked:";
    return { message: `${verb} ${tool} ${result.created ? "to" : "in"} ${incident} as ${role}.` };
  },
  // The data function names the incident "key"; the form's field is "incident".
  refused: (_, state) => (state.fieldErrors?.key ? { ...state, fieldErrors: { ...state.fieldErrors, incident: state.fieldErrors.key } } : state),
});

export const unlinkIncidentToolAction = boundAction({
  permission: "incident:write",
  run: (actor, key: string, slug: string) => unlinkIncidentTool(actor, key, slug),
  affects: (_key, slug) => affected.incidentTool(slug),
});

export const linkIncidentChangeAction = formAction({
  permission: "incident:write",
  schema: changeLinkSchema,
  fields: (form) => ({ incident: form.text("incident"), change: form.text("change") }),
  run: (actor, { incident, change }) => linkIncidentChange(actor, incident, change),
  affects: (_, { incident }) => affected.incidentChange(incident),
  success: (_, { change }) => ({ message: `Linked change ${change}.` }),
});
