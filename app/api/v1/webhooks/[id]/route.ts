// GET|PATCH|DELETE /api/v1/webhooks/{id} — one notification subscription.
import { appRoute } from "@/lib/api/app-route";
import { deleteWebhook, getWebhook, updateWebhook } from "@/lib/api/operations/webhooks";
import { deleteWebhook as remove, getWebhook as get, updateWebhook as update } from "@/lib/data/webhooks";

export const GET = appRoute(getWebhook, ({ actor, params }) => get(actor, params.id));
export const PATCH = appRoute(updateWebhook, ({ actor, params, body }) => update(actor, params.id, body));
export const DELETE = appRoute(deleteWebhook, ({ actor, params }) => remove(actor, params.id));
