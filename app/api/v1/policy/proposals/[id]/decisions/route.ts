// POST /api/v1/policy/proposals/{id}/decisions — a senior reviewer, never the proposer, approves (it governs at once) or rejects.
import { appRoute } from "@/lib/api/app-route";
import { decidePolicyProposal } from "@/lib/api/operations/policy";
import * as policy from "@/lib/data/policy";

export const POST = appRoute(decidePolicyProposal, ({ actor, params, body }) => policy.decidePolicyProposal(actor, params.id, body));
