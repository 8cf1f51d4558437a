"use server";

import { createMitigation, setMitigationStatus, updateMitigation } from "@/lib/data/mitigations";
import { mitigationCreateSchema, mitigationStatusSchema, mitigationUpdateSchema } from "@/lib/validation/mitigations.validation";
import { formAction, type FormFields } from "./action-client";
import { affected } from "./affected-pages";

const mitigationFields = (form: FormFields) => form.pick("title", "kind", "status", "dueDate", "ownerTeam", "ownerUser", "grantId");

export const createMitigationAction = formAction({
  permission: "mitigation:write",
  schema: mitigationCreateSchema,
  fields: (form) => ({ ...mitigationFields(form), ...form.pick("incident", "riskId") }),
  run: (actor, input) => createMitigation(actor, input),
  affects: affected.mitigation,
  success: (mitigation) => ({ message: `Added: ${mitigation.title}` }),
});

export const updateMitigationAction = formAction({
  permission: "mitigation:write",
  schema: mitigationUpdateSchema,
  fields: mitigationFields,
  run: (actor, input, form) => updateMitigation(actor, form.text("id"), input),
  affects: affected.mitigation,
  success: () => ({ message: "Saved." }),
});

export const setMitigationStatusAction = formAction({
  permission: "mitigation:write",
  schema: mitigationStatusSchema,
  fields: (form) => form.pick("status"),
  run: (actor, { status }, form) => setMitigationStatus(actor, form.text("id"), status),
  affects: affected.mitigation,
  success: (_, { status }) => ({ message: `Now ${status.replace("_", " ").toLowerCase()}.` }),
});
