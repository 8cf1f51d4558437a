"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { decideGrant, requestGrant, revokeGrant } from "@/lib/data/grants";
import { decisionSchema, grantRequestSchema, revokeSchema } from "@/lib/validation/grants.validation";
import { actionError, type ActionState, assertSafeForm } from "./action-state";

// Grants change findings, the overview and the tool page as well as the queue.
function revalidateGrant(id: string, tool: string): void {
  revalidatePath("/grants");
  revalidatePath(`/grants/${id}`);
  revalidatePath(`/tools/${tool}`);
  revalidatePath("/findings");
  revalidatePath("/audit");
  revalidatePath("/");
}

export async function requestGrantAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  let id: string;
  try {
    assertSafeForm(formData);
    const actor = await requirePermission("grant:request");
    const input = grantRequestSchema.parse({
      tool: formData.get("tool"),
      environment: formData.get("environment"),
      maxAutonomy: formData.get("maxAutonomy"),
      capabilities: formData.getAll("capabilities"),
      justification: formData.get("justification"),
      expiresAt: formData.get("expiresAt") || undefined,
    });
    const grant = await requestGrant(actor, input);
    id = grant.id;
    revalidateGrant(grant.id, grant.tool);
  } catch (error) {
    return actionError(error);
  }
  // Outside the try: redirect() works by throwing.
  redirect(`/grants/${id}?requested=1`);
}

export async function decideGrantAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    assertSafeForm(formData);
    const actor = await requirePermission("grant:decide");
    const id = String(formData.get("grantId") ?? "");
    const input = decisionSchema.parse({ decision: formData.get("decision"), comment: formData.get("comment") ?? "" });
    const grant = await decideGrant(actor, id, input);
    revalidateGrant(grant.id, grant.tool);
    const message =
      grant.status === "APPROVED"
        ? `Approved: ${grant.tool} in ${grant.environment} is granted.`
        : grant.status === "DENIED"
          ? `Denied: ${grant.tool} in ${grant.environment}.`
          : `Approval recorded (${grant.progress.approvals} of ${grant.requiredApprovals.count}); still needs ${grant.progress.missing.join(" and ")}.`;
    return { ok: true, message };
  } catch (error) {
    return actionError(error);
  }
}

export async function revokeGrantAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    assertSafeForm(formData);
    const actor = await requirePermission("grant:revoke");
    const id = String(formData.get("grantId") ?? "");
    const { reason } = revokeSchema.parse({ reason: formData.get("reason") });
    const grant = await revokeGrant(actor, id, reason);
    revalidateGrant(grant.id, grant.tool);
    return { ok: true, message: `Revoked: ${grant.tool} no longer holds this grant in ${grant.environment}.` };
  } catch (error) {
    return actionError(error);
  }
}
