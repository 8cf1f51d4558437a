// GET /api/v1/policy — the policy in force (thresholds of every rule), the defaults, the history and the pending proposals.
// PUT /api/v1/policy — change it, with a note saying why; security reviewers and admins. 200: applied at
//   once (it loosens nothing); 202: it loosens a rule, so it is a proposal until a second, senior reviewer approves it.
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { readPolicy, updatePolicy } from "@/lib/data/policy";
import { policyUpdateSchema } from "@/lib/validation/policy.validation";

export const GET = apiRoute("register:read", ({ actor }) => readPolicy(actor));

export const PUT = apiRoute("policy:edit", async ({ request, actor }) => {
  const outcome = await updatePolicy(actor, policyUpdateSchema.parse(await readJson(request)));
  return outcome.status === "APPLIED" ? { ...outcome.version, differences: outcome.differences } : NextResponse.json(outcome.proposal, { status: 202 });
});
