"use server";

import { createCapability, createEnvironment, createTeam, updateCapability, updateEnvironment, updateTeam } from "@/lib/data/catalog";
import {
  capabilityCreateSchema,
  capabilityUpdateSchema,
  environmentCreateSchema,
  environmentUpdateSchema,
  teamCreateSchema,
  teamUpdateSchema,
} from "@/lib/validation/catalog.validation";
import { formAction, type FormFields } from "./action-client";
import { affected } from "./affected-pages";

// The catalog's forms, parsed with the API's own schemas. An edit form sends the record's address in
// a hidden "address" field, which the update schemas refuse as a field: the name or key never changes.
const address = (form: FormFields) => form.text("address");
const catalogPage = (kind: "environments" | "capabilities" | "teams", id: string) => `/catalog/${kind}/${encodeURIComponent(id)}?created=1`;

const environmentFields = (form: FormFields) => ({
  tier: form.filled("tier"),
  dataSensitivity: form.filled("dataSensitivity"),
  criticalPath: form.checked("criticalPath"),
  description: form.text("description"),
});

export const createEnvironmentAction = formAction({
  permission: "catalog:write",
  schema: environmentCreateSchema,
  fields: (form) => ({ name: form.text("name"), ...environmentFields(form) }),
  run: (actor, input) => createEnvironment(actor, input),
  affects: affected.catalog,
  redirect: (environment) => catalogPage("environments", environment.name),
});

export const updateEnvironmentAction = formAction({
  permission: "catalog:write",
  schema: environmentUpdateSchema,
  fields: environmentFields,
  run: (actor, input, form) => updateEnvironment(actor, address(form), input),
  affects: affected.catalog,
  success: (environment) => ({ message: `Saved ${environment.name}.` }),
});

export const createCapabilityAction = formAction({
  permission: "catalog:write",
  schema: capabilityCreateSchema,
  fields: (form) => ({ key: form.text("key"), class: form.filled("class"), description: form.text("description") }),
  run: (actor, input) => createCapability(actor, input),
  affects: affected.catalog,
  redirect: (capability) => catalogPage("capabilities", capability.key),
});

export const updateCapabilityAction = formAction({
  permission: "catalog:write",
  schema: capabilityUpdateSchema,
  fields: (form) => ({ class: form.filled("class"), description: form.text("description") }),
  run: (actor, input, form) => updateCapability(actor, address(form), input),
  affects: affected.catalog,
  success: (capability) => ({ message: `Saved ${capability.key}.` }),
});

export const createTeamAction = formAction({
  permission: "catalog:write",
  schema: teamCreateSchema,
  fields: (form) => ({ name: form.text("name"), description: form.text("description") }),
  run: (actor, input) => createTeam(actor, input),
  affects: affected.catalog,
  redirect: (team) => catalogPage("teams", team.name),
});

export const updateTeamAction = formAction({
  permission: "catalog:write",
  schema: teamUpdateSchema,
  fields: (form) => ({ description: form.text("description") }),
  run: (actor, input, form) => updateTeam(actor, address(form), input),
  affects: affected.catalog,
  success: (team) => ({ message: `Saved ${team.name}.` }),
});
