// POST /api/v1/grants/{id}/revoke — withdraw an approved grant in force {reason}.
import { appRoute } from "@/lib/api/app-route";
import { revokeGrant } from "@/lib/api/operations/grants";
import { revokeGrant as revoke } from "@/lib/data/grants";

export const POST = appRoute(revokeGrant, ({ actor, params, body }) => revoke(actor, params.id, body.reason));
