// GET /api/v1/policy — the policy in force, the defaults, the history and the pending proposals.
// PUT /api/v1/policy — change it: 200 when applied at once (it loosens nothing); 202 with the proposal
//   when it loosens a rule, which governs only once a second, senior reviewer approves it.
import { appRoute } from "@/lib/api/app-route";
import { Reply } from "@/lib/api/operation";
import { getPolicy, updatePolicy } from "@/lib/api/operations/policy";
import * as policy from "@/lib/data/policy";

export const GET = appRoute(getPolicy, ({ actor }) => policy.readPolicy(actor));

export const PUT = appRoute(updatePolicy, async ({ actor, body }) => {
  const outcome = await policy.updatePolicy(actor, body);
  return outcome.status === "APPLIED" ? { ...outcome.version, differences: outcome.differences } : new Reply(outcome.proposal, 202);
});
