"use server";

import { AppError } from "@/lib/errors/app-error";
import { decidePolicyProposal, policyInForce, updatePolicy, type PolicyUpdateOutcome } from "@/lib/data/policy";
import { previewPolicyChange } from "@/lib/data/policy-preview";
import type { PolicyPreviewDto } from "@/lib/dto/policy-preview";
import { policyFromForm, policyFromMatrixForm } from "@/lib/validation/policy-form";
import { policyPreviewRequestSchema, policyProposalDecisionSchema, policyUpdateSchema, type PolicyPreviewRequest } from "@/lib/validation/policy.validation";
import { formAction } from "./action-client";
import type { ActionState } from "./action-state";
import { affected } from "./affected-pages";

// A loosening waits for a second, senior reviewer; anything else governs at once.
const savedPages = (outcome: PolicyUpdateOutcome) => (outcome.status === "PROPOSED" ? affected.policyProposal() : affected.policyInForce());
const savedMessage = (outcome: PolicyUpdateOutcome) => ({
  message:
    outcome.status === "PROPOSED"
      ? `Proposed as proposal #${outcome.proposal.id}: it loosens the policy, so it takes effect only when a second, senior reviewer approves it.`
      : `Saved as version ${outcome.version.version}. It governs from now on.`,
});
// Errors name their path in the policy ("ceiling.windowDays", "approvals.rows.0.when.1").
const policyPath = (path: string) => path.split(".").filter((segment) => segment !== "policy").join(".");

export const savePolicyAction = formAction({
  permission: "policy:edit",
  schema: policyUpdateSchema,
  fields: async (form) => ({
    note: form.text("note"),
    basedOnVersion: Number(form.text("basedOnVersion")),
    policy: policyFromForm((await policyInForce()).policy, form.formData),
  }),
  run: (actor, input) => updatePolicy(actor, input),
  affects: savedPages,
  success: savedMessage,
  fieldOf: policyPath,
});

// The approval matrix editor saves through the same versioned update: a loosening becomes a proposal.
export const saveApprovalMatrixAction = formAction({
  permission: "policy:edit",
  schema: policyUpdateSchema,
  fields: async (form) => ({
    note: form.text("note"),
    basedOnVersion: Number(form.text("basedOnVersion")),
    policy: policyFromMatrixForm((await policyInForce()).policy, form.formData),
  }),
  run: (actor, input) => updatePolicy(actor, input),
  affects: savedPages,
  success: savedMessage,
  fieldOf: policyPath,
});

export interface PolicyPreviewState extends ActionState {
  preview?: PolicyPreviewDto;
}

// The editor's draft judged against the pending and approved grants; nothing is written.
export const previewPolicyAction = formAction<PolicyPreviewRequest, PolicyPreviewDto, PolicyPreviewState>({
  permission: "policy:edit",
  schema: policyPreviewRequestSchema,
  fields: async (form) => ({
    basedOnVersion: Number(form.text("basedOnVersion")),
    policy: policyFromMatrixForm((await policyInForce()).policy, form.formData),
  }),
  run: (actor, input) => previewPolicyChange(actor, input),
  affects: () => [],
  success: (preview) => ({ preview }),
  fieldOf: policyPath,
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
