// POST /api/v1/grants/{id}/decisions — a reviewer approves or denies {decision: APPROVE|DENY, comment}.
import { appRoute } from "@/lib/api/app-route";
import { decideGrant } from "@/lib/api/operations/grants";
import { decideGrant as decide } from "@/lib/data/grants";

export const POST = appRoute(decideGrant, ({ actor, params, body }) => decide(actor, params.id, body));
