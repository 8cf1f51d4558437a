"use server";

import { createRisk, updateRisk } from "@/lib/data/risks";
import { riskInputSchema } from "@/lib/validation/risks.validation";
import { formAction, type FormFields } from "./action-client";
import { affected } from "./affected-pages";

const riskFields = (form: FormFields) => form.pick("tool", "statement", "likelihood", "impact", "treatment", "ownerTeam", "ownerUser", "nextReview");

export const createRiskAction = formAction({
  permission: "risk:write",
  schema: riskInputSchema,
  fields: riskFields,
  run: (actor, input) => createRisk(actor, input),
  affects: affected.risk,
  redirect: (risk) => `/risks/${risk.id}`,
});

export const updateRiskAction = formAction({
  permission: "risk:write",
  schema: riskInputSchema,
  fields: riskFields,
  run: (actor, input, form) => updateRisk(actor, form.text("id"), input),
  affects: affected.risk,
  redirect: (risk) => `/risks/${risk.id}`,
});
