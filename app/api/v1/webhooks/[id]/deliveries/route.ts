// GET /api/v1/webhooks/{id}/deliveries — a subscription's delivery log, newest first.
import { appRoute } from "@/lib/api/app-route";
import { listDeliveries } from "@/lib/api/operations/webhooks";
import { listDeliveries as list } from "@/lib/data/webhooks";

export const GET = appRoute(listDeliveries, ({ actor, params, query }) => list(actor, params.id, query));
