"use server";

import { revalidatePath } from "next/cache";
import { requirePermission } from "@/lib/auth/session";
import { createMitigation, setMitigationStatus, updateMitigation, type MitigationDto } from "@/lib/data/mitigations";
import { mitigationCreateSchema, mitigationStatusSchema, mitigationUpdateSchema } from "@/lib/validation/mitigations.validation";
import { actionError, type ActionState, assertSafeForm } from "./action-state";

function fieldsFrom(formData: FormData) {
  const value = (name: string) => formData.get(name) ?? undefined;
  return {
    title: value("title"),
    kind: value("kind"),
    status: value("status"),
    dueDate: value("dueDate"),
    ownerTeam: value("ownerTeam"),
    ownerUser: value("ownerUser"),
    grantId: value("grantId"),
  };
}

// The incident or risk page it hangs off, and the overview's overdue list.
function revalidateMitigation(m: MitigationDto) {
  revalidatePath("/");
  if (m.incident) revalidatePath(`/incidents/${m.incident.key}`);
  if (m.risk) revalidatePath(`/risks/${m.risk.id}`);
}

export async function createMitigationAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    assertSafeForm(formData);
    const actor = await requirePermission("mitigation:write");
    const input = mitigationCreateSchema.parse({ ...fieldsFrom(formData), incident: formData.get("incident") ?? undefined, riskId: formData.get("riskId") ?? undefined });
    const created = await createMitigation(actor, input);
    revalidateMitigation(created);
    return { ok: true, message: `Added: ${created.title}` };
  } catch (error) {
    return actionError(error);
  }
}

export async function updateMitigationAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    assertSafeForm(formData);
    const actor = await requirePermission("mitigation:write");
    const id = String(formData.get("id") ?? "");
    const updated = await updateMitigation(actor, id, mitigationUpdateSchema.parse(fieldsFrom(formData)));
    revalidateMitigation(updated);
    return { ok: true, message: "Saved." };
  } catch (error) {
    return actionError(error);
  }
}

export async function setMitigationStatusAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    assertSafeForm(formData);
    const actor = await requirePermission("mitigation:write");
    const { status } = mitigationStatusSchema.parse({ status: formData.get("status") });
    const updated = await setMitigationStatus(actor, String(formData.get("id") ?? ""), status);
    revalidateMitigation(updated);
    return { ok: true, message: `Now ${status.replace("_", " ").toLowerCase()}.` };
  } catch (error) {
    return actionError(error);
  }
}
