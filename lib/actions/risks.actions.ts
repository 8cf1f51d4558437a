"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { createRisk, updateRisk } from "@/lib/data/risks";
import { riskInputSchema } from "@/lib/validation/risks.validation";
import { actionError, type ActionState, assertSafeForm } from "./action-state";

function riskFromForm(formData: FormData) {
  const value = (name: string) => formData.get(name) ?? undefined;
  return riskInputSchema.parse({
    tool: value("tool"),
    statement: value("statement"),
    likelihood: value("likelihood"),
    impact: value("impact"),
    treatment: value("treatment"),
    ownerTeam: value("ownerTeam"),
    ownerUser: value("ownerUser"),
    nextReview: value("nextReview"),
  });
}

export async function createRiskAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  let id: string;
  try {
    assertSafeForm(formData);
    const actor = await requirePermission("risk:write");
    const created = await createRisk(actor, riskFromForm(formData));
    id = created.id;
    revalidatePath("/risks");
    revalidatePath(`/tools/${created.tool}`);
  } catch (error) {
    return actionError(error);
  }
  redirect(`/risks/${id}`);
}

export async function updateRiskAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  let id: string;
  try {
    assertSafeForm(formData);
    const actor = await requirePermission("risk:write");
    id = String(formData.get("id") ?? "");
    const updated = await updateRisk(actor, id, riskFromForm(formData));
    revalidatePath("/risks");
    revalidatePath(`/tools/${updated.tool}`);
  } catch (error) {
    return actionError(error);
  }
  redirect(`/risks/${id}`);
}
