"use server";

import { AppError } from "@/lib/errors/app-error";
import { decidePolicyProposal, policyInForce, updatePolicy } from "@/lib/data/policy";
import { policyFromForm } from "@/lib/validation/policy-form";
import { policyProposalDecisionSchema, policyUpdateSchema } from "@/lib/validation/policy.validation";
import { formAction } from "./action-client";
import { affected } from "./affected-pages";

export const savePolicyAction = formAction({
  permission: "policy:edit",
  schema: policyUpdateSchema,
  fields: async (form) => ({
    note: form.text("note"),
    basedOnVersion: Number(form.text("basedOnVersion")),
    policy: policyFromForm((await policyInForce()).policy, form.formData),
  }),
  run: (actor, input) => updatePolicy(actor, input),
  // A loosening waits for a second, senior reviewer; anything else governs at once.
  affects: (outcome) => (outcome.status === "PROPOSED" ? affected.policyProposal() : affected.policyInForce()),
  success: (outcome) => ({
    message:
      outcome.status === "PROPOSED"
        ? `Proposed as proposal #${outcome.proposal.id}: it loosens the policy, so it takes effect only when a second, senior reviewer approves it.`
        : `Saved as version ${outcome.version.version}. It governs from now on.`,
  }),
  // The form's fields are named by their path in the policy ("ceiling.windowDays").
  fieldOf: (path) => path.split(".").filter((segment) => segment !== "policy").join("."),
});

export const decidePolicyProposalAction = formAction({
  permission: "policy:edit",
  schema: policyProposalDecisionSchema,
  fields: (form) => ({ decision: form.value("decision"), comment: form.text("comment") }),
  run: (actor, input, form) => decidePolicyProposal(actor, form.text("proposalId"), input),
  affects: (proposal) => (proposal.status === "APPROVED" ? affected.policyInForce() : affected.policyProposal()),
  // The decided proposal leaves the pending list, and its form with it: the page says the outcome.
  redirect: (proposal) => `/policy?decided=${proposal.id}`,
  // A stale proposal is superseded as it is refused: the page must drop it from the pending list.
  affectsWhenRefused: (error) => (error instanceof AppError && error.code === "PROPOSAL_SUPERSEDED" ? affected.policyProposal() : []),
});
