// The policy page's form as a policy to validate: the form edits the thresholds; the approval matrix's
// rows stay as they are (the API edits those). Field names are the paths in the policy
// ("ceiling.windowDays"), so errors land on their field. Shared by the server action and the form's
// own preview of whether the save loosens the policy.
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
