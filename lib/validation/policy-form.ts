// The policy page's forms as a policy to validate. The thresholds form edits the thresholds, its field
// names the paths in the policy ("ceiling.windowDays"), so errors land on their field; the approval
// matrix editor sends the matrix as one JSON field. Each leaves the rest of the policy as it is.
// Shared by the server actions and the forms' own checks before they send.
import type { Policy } from "@/lib/policy/policy";
import { INCIDENT_SEVERITIES, TIERS } from "@/lib/policy/types";

export function policyFromForm(current: Policy, form: FormData) {
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
    exceptions: { maxDays: value("exceptions.maxDays") },
    reviews: { periodDays: Object.fromEntries(TIERS.map((t) => [t, value(`reviews.periodDays.${t}`)])), graceDays: value("reviews.graceDays") },
    changes: {
      aiChangeSeniorApproverFromTier: value("changes.aiChangeSeniorApproverFromTier"),
      twoApproverChangeTypes: form.getAll("changes.twoApproverChangeTypes"),
      twoApproversFromTier: value("changes.twoApproversFromTier"),
      rollbackPlanFromTier: value("changes.rollbackPlanFromTier"),
    },
  };
}

/** What the approval matrix editor changes: the rows, the "any grant" row, and which classes are high-impact. */
export interface MatrixFields {
  highImpactClasses: Policy["highImpactClasses"];
  approvals: Policy["approvals"];
}

export function withMatrix(current: Policy, matrix: unknown) {
  const fields = (typeof matrix === "object" && matrix !== null ? matrix : {}) as Partial<Record<keyof MatrixFields, unknown>>;
  return { ...current, highImpactClasses: fields.highImpactClasses, approvals: fields.approvals };
}

// Text that is not JSON reads as nothing sent, which the schema then refuses by field.
function json(text: FormDataEntryValue | null): unknown {
  if (typeof text !== "string") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The matrix editor's form ("matrix": the JSON of MatrixFields) over the policy in force. */
export const policyFromMatrixForm = (current: Policy, form: FormData) => withMatrix(current, json(form.get("matrix")));
