"use server";

import { revalidatePath } from "next/cache";
import { requirePermission } from "@/lib/auth/session";
import { declareObservation } from "@/lib/data/observations";
import { observationDeclareSchema } from "@/lib/validation/observations.validation";
import { actionError, type ActionState, assertSafeForm } from "./action-state";

export async function declareObservationAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    assertSafeForm(formData);
    const actor = await requirePermission("observation:write");
    const input = observationDeclareSchema.parse({
      slug: formData.get("slug"),
      environment: formData.get("environment"),
      autonomy: formData.get("autonomy"),
      capabilities: formData.getAll("capabilities"),
    });
    await declareObservation(actor, input.slug, input);
    revalidatePath(`/tools/${input.slug}`);
    revalidatePath("/");
    return { ok: true, message: `Saved: ${input.environment} is now declared at ${input.autonomy}.` };
  } catch (error) {
    return actionError(error);
  }
}
