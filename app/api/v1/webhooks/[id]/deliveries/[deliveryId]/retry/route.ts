// POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/retry — send a delivery again now.
import { appRoute } from "@/lib/api/app-route";
import { redeliver } from "@/lib/api/operations/webhooks";
import { dispatchSoon } from "@/lib/data/webhook-dispatcher";
import { redeliver as resend } from "@/lib/data/webhooks";

export const POST = appRoute(redeliver, async ({ actor, params }) => {
  const delivery = await resend(actor, params.id, params.deliveryId);
  dispatchSoon();
  return delivery;
});
