"use server";

import { revalidatePath } from "next/cache";
import { ZodError } from "zod";
import { requirePermission } from "@/lib/auth/session";
import { policyInForce, updatePolicy } from "@/lib/data/policy";
import type { Policy } from "@/lib/policy/policy";
import { INCIDENT_SEVERITIES } from "@/lib/policy/types";
import { policyUpdateSchema } from "@/lib/validation/policy.validation";
import { actionError, type ActionState, assertSafeForm } from "./action-state";

// The form edits the thresholds; the approval matrix's rows stay as they are (the API edits those).
// Field names are the paths in the policy ("ceiling.windowDays"), so errors land on their field.
function policyFromForm(current: Policy, form: FormData) {
  const value = (name: string) => form.get(name) ?? undefined;
  const caps = Object.fromEntries(INCIDENT_SEVERITIES.flatMap((severity) => (value(`ceiling.caps.${severity}`) ? [[severity, value(`ceiling.caps.${severity}`)]] : [])));
  return {
    ...current,
    ceiling: { windowDays: value("ceiling.windowDays"), fromTier: value("ceiling.fromTier"), roles: form.getAll("ceiling.roles"), caps },
    findings: {
      staleObservationDays: value("findings.staleObservationDays"),
      unusedGrantDays: value("findings.unusedGrantDays"),
      twoPersonFromTier: value("findings.twoPersonFromTier"),
    },
    changes: {
      aiChangeSeniorApproverFromTier: value("changes.aiChangeSeniorApproverFromTier"),
      twoApproverChangeTypes: form.getAll("changes.twoApproverChangeTypes"),
      twoApproversFromTier: value("changes.twoApproversFromTier"),
      rollbackPlanFromTier: value("changes.rollbackPlanFromTier"),
    },
  };
}

export async function savePolicyAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    assertSafeForm(formData);
    const actor = await requirePermission("policy:edit");
    const { policy } = await policyInForce();
    const saved = await updatePolicy(
      actor,
      policyUpdateSchema.parse({ note: formData.get("note") ?? "", basedOnVersion: Number(formData.get("basedOnVersion")), policy: policyFromForm(policy, formData) }),
    );
    // Findings, the matrix, grant requirements and the tool pages all read the policy.
    revalidatePath("/", "layout");
    return { ok: true, message: `Saved as version ${saved.version}. It governs from now on.` };
  } catch (error) {
    if (error instanceof ZodError) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of error.issues) fieldErrors[issue.path.filter((segment) => segment !== "policy").join(".")] ??= issue.message;
      return { error: "Check the highlighted fields.", fieldErrors };
    }
    return actionError(error);
  }
}
