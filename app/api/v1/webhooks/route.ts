// GET|POST /api/v1/webhooks — notification subscriptions; an admin adds one (its secret answered once).
import { appRoute } from "@/lib/api/app-route";
import { Reply } from "@/lib/api/operation";
import { createWebhook, listWebhooks } from "@/lib/api/operations/webhooks";
import { createWebhook as create, listWebhooks as list } from "@/lib/data/webhooks";

export const GET = appRoute(listWebhooks, async ({ actor }) => ({ rows: await list(actor) }));
export const POST = appRoute(createWebhook, async ({ actor, body }) => {
  const created = await create(actor, body);
  return new Reply(created, 201, { Location: `/api/v1/webhooks/${created.id}` });
});
