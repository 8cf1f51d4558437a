// GET /api/v1/policy — the policy in force (thresholds of every rule), the defaults and the history.
// PUT /api/v1/policy — replace it, with a note saying why; security reviewers and admins.
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { readPolicy, updatePolicy } from "@/lib/data/policy";
import { policyUpdateSchema } from "@/lib/validation/policy.validation";

export const GET = apiRoute("register:read", ({ actor }) => readPolicy(actor));

export const PUT = apiRoute("policy:edit", async ({ request, actor }) => updatePolicy(actor, policyUpdateSchema.parse(await readJson(request))));
