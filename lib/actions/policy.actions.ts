"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { ZodError } from "zod";
import { requirePermission } from "@/lib/auth/session";
import { AppError } from "@/lib/errors/app-error";
import { decidePolicyProposal, policyInForce, updatePolicy } from "@/lib/data/policy";
import { policyFromForm } from "@/lib/validation/policy-form";
import { policyProposalDecisionSchema, policyUpdateSchema } from "@/lib/validation/policy.validation";
import { actionError, type ActionState, assertSafeForm } from "./action-state";

export async function savePolicyAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    assertSafeForm(formData);
    const actor = await requirePermission("policy:edit");
    const { policy } = await policyInForce();
    const outcome = await updatePolicy(
      actor,
      policyUpdateSchema.parse({ note: formData.get("note") ?? "", basedOnVersion: Number(formData.get("basedOnVersion")), policy: policyFromForm(policy, formData) }),
    );
    if (outcome.status === "PROPOSED") {
      revalidatePath("/policy");
      revalidatePath("/audit");
      return { ok: true, message: `Proposed as proposal #${outcome.proposal.id}: it loosens the policy, so it takes effect only when a second, senior reviewer approves it.` };
    }
    // Findings, the matrix, grant requirements and the tool pages all read the policy.
    revalidatePath("/", "layout");
    return { ok: true, message: `Saved as version ${outcome.version.version}. It governs from now on.` };
  } catch (error) {
    if (error instanceof ZodError) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of error.issues) fieldErrors[issue.path.filter((segment) => segment !== "policy").join(".")] ??= issue.message;
      return { error: "Check the highlighted fields.", fieldErrors };
    }
    return actionError(error);
  }
}

export async function decidePolicyProposalAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  let id: number;
  try {
    assertSafeForm(formData);
    const actor = await requirePermission("policy:edit");
    const input = policyProposalDecisionSchema.parse({ decision: formData.get("decision"), comment: formData.get("comment") ?? "" });
    const proposal = await decidePolicyProposal(actor, String(formData.get("proposalId") ?? ""), input);
    id = proposal.id;
    if (proposal.status === "APPROVED") revalidatePath("/", "layout");
    else revalidatePath("/policy");
  } catch (error) {
    // A stale proposal is superseded as it is refused: the page must drop it from the pending list.
    if (error instanceof AppError && error.code === "PROPOSAL_SUPERSEDED") revalidatePath("/policy");
    return actionError(error);
  }
  // The decided proposal leaves the pending list, and its form with it: the page says the outcome.
  // Outside the try: redirect() works by throwing.
  redirect(`/policy?decided=${id}`);
}
