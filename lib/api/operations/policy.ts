import { defineOperation, UNDESCRIBED } from "@/lib/api/operation";
import { policyProposalDecisionSchema, policyUpdateSchema } from "@/lib/validation/policy.validation";

export const getPolicy = defineOperation({ method: "GET", path: "/api/v1/policy", tag: "Policy", summary: "The policy in force (every rule's thresholds), the defaults, the version history and the pending proposals", permission: "register:read", response: UNDESCRIBED });

export const updatePolicy = defineOperation({
    method: "PUT",
    path: "/api/v1/policy",
    tag: "Policy",
    summary: "Replace the policy, with a note saying why; a change that loosens nothing governs from now on (200)",
    permission: "policy:edit",
    body: policyUpdateSchema,
    accepted: { description: "The change loosens a rule: it is stored as a pending proposal (the body) and governs only once a second, senior reviewer approves it", response: UNDESCRIBED }, response: UNDESCRIBED });

export const getPolicyProposal = defineOperation({ method: "GET", path: "/api/v1/policy/proposals/{id}", tag: "Policy", summary: "One proposed policy change with its differences (each marked loosens or not), status and decision", permission: "register:read", response: UNDESCRIBED });

export const decidePolicyProposal = defineOperation({
    method: "POST",
    path: "/api/v1/policy/proposals/{id}/decisions",
    tag: "Policy",
    summary: "Approve (it governs at once) or reject a proposed policy change; senior reviewers and admins, never the proposer; a rejection needs a comment",
    permission: "policy:edit",
    body: policyProposalDecisionSchema,
    status: 201, response: UNDESCRIBED });
