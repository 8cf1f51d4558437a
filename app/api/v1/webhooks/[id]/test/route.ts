// POST /api/v1/webhooks/{id}/test — a webhook.test event for this subscription alone.
import { appRoute } from "@/lib/api/app-route";
import { sendTestEvent } from "@/lib/api/operations/webhooks";
import { dispatchSoon } from "@/lib/data/webhook-dispatcher";
import { sendTestEvent as send } from "@/lib/data/webhooks";

export const POST = appRoute(sendTestEvent, async ({ actor, params }) => {
  const sent = await send(actor, params.id);
  dispatchSoon();
  return sent;
});
