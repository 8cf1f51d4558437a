import { defineOperation } from "@/lib/api/operation";
import { policyAppliedSchema, policyProposalSchema, policyProposalViewSchema, policyReadSchema } from "@/lib/dto/policy";
import { policyPreviewSchema } from "@/lib/dto/policy-preview";
import { policyPreviewRequestSchema, policyProposalDecisionSchema, policyUpdateSchema } from "@/lib/validation/policy.validation";

export const getPolicy = defineOperation({ method: "GET", path: "/api/v1/policy", tag: "Policy", summary: "The policy in force (every rule's thresholds), the defaults, the version history and the pending proposals", permission: "register:read", response: policyReadSchema });

export const updatePolicy = defineOperation({
  method: "PUT",
  path: "/api/v1/policy",
  tag: "Policy",
  summary: "Replace the policy, with a note saying why; a change that loosens nothing governs from now on (200); 409 when basedOnVersion is no longer in force",
  permission: "policy:edit",
  body: policyUpdateSchema,
  response: policyAppliedSchema,
  accepted: { description: "The change loosens a rule: it is stored as a pending proposal (the body) and governs only once a second, senior reviewer approves it", response: policyProposalSchema },
  errors: ["CONFLICT"],
});

export const previewPolicy = defineOperation({
  method: "POST",
  path: "/api/v1/policy/preview",
  tag: "Policy",
  summary:
    "What a proposed policy would change, before it is saved (nothing is written): the pending grants that would need more or fewer approvals and the approved grants that would raise or clear DESTRUCTIVE_WITHOUT_TWO_PERSON, by the register's own rules; the body is PUT's, its note optional; 409 when basedOnVersion is no longer in force",
  permission: "policy:edit",
  body: policyPreviewRequestSchema,
  response: policyPreviewSchema,
  errors: ["CONFLICT"],
  // A preview writes nothing, so there are no finding records to wait for.
  leavesFindings: true,
});

export const getPolicyProposal = defineOperation({ method: "GET", path: "/api/v1/policy/proposals/{id}", tag: "Policy", summary: "One proposed policy change with its differences (each marked loosens or not), status and decision, and whether you may decide on it", permission: "register:read", response: policyProposalViewSchema });

export const decidePolicyProposal = defineOperation({
  method: "POST",
  path: "/api/v1/policy/proposals/{id}/decisions",
  tag: "Policy",
  summary: "Approve (it governs at once) or reject a proposed policy change; senior reviewers and admins, never the proposer; a rejection needs a comment",
  permission: "policy:edit",
  body: policyProposalDecisionSchema,
  status: 201,
  response: policyProposalSchema,
  errors: ["NOT_REVIEWER", "SELF_APPROVAL", "SENIOR_REQUIRED", "PROPOSAL_NOT_PENDING", "PROPOSAL_SUPERSEDED"],
});
