// POST /api/v1/policy/preview — what a proposed policy (PUT's body) would change for the pending and
//   approved grants, before anything is saved.
import { appRoute } from "@/lib/api/app-route";
import { previewPolicy } from "@/lib/api/operations/policy";
import { previewPolicyChange } from "@/lib/data/policy-preview";

export const POST = appRoute(previewPolicy, ({ actor, body }) => previewPolicyChange(actor, body));
