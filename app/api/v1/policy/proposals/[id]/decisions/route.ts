// POST /api/v1/policy/proposals/{id}/decisions — a senior reviewer, never the proposer, approves (it governs at once) or rejects {decision: APPROVE|REJECT, comment}.
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { decidePolicyProposal } from "@/lib/data/policy";
import { policyProposalDecisionSchema } from "@/lib/validation/policy.validation";

export const POST = apiRoute<{ id: string }>("policy:edit", async ({ request, params, actor }) => {
  const proposal = await decidePolicyProposal(actor, params.id, policyProposalDecisionSchema.parse(await readJson(request)));
  return NextResponse.json(proposal, { status: 201 });
});
