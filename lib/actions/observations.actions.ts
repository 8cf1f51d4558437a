"use server";

import { declareObservation } from "@/lib/data/observations";
import { observationDeclareSchema } from "@/lib/validation/observations.validation";
import { formAction } from "./action-client";
import { affected } from "./affected-pages";

export const declareObservationAction = formAction({
  permission: "observation:write",
  schema: observationDeclareSchema,
  fields: (form) => ({ ...form.pick("slug", "environment", "autonomy"), capabilities: form.all("capabilities") }),
  run: (actor, input) => declareObservation(actor, input.slug, input),
  // A declared observation changes the tool's findings and the matrix, not only its page.
  affects: (_, input) => affected.observation(input.slug),
  success: (_, input) => ({ message: `Saved: ${input.environment} is now declared at ${input.autonomy}.` }),
});
