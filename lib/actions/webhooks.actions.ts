"use server";

import { z } from "zod";
import { dispatchSoon } from "@/lib/data/webhook-dispatcher";
import { createWebhook, deleteWebhook, redeliver, sendTestEvent, updateWebhook } from "@/lib/data/webhooks";
import { webhookCreateSchema, webhookPatchSchema } from "@/lib/validation/webhooks.validation";
import type { ActionState } from "./action-state";
import { formAction, type FormAction, type FormFields } from "./action-client";
import { affected } from "./affected-pages";

// The subscription form's fields; unticked event types mean every type, as in the API.
const subscriptionFields = (form: FormFields) => ({
  name: form.text("name"),
  url: form.text("url"),
  eventTypes: form.all("eventTypes").map(String),
  minSeverity: form.text("minSeverity"),
  tools: form.text("tools"),
  environments: form.text("environments"),
  teams: form.text("teams"),
  active: form.checked("active"),
});

export type CreatedWebhookState = ActionState & { secret?: string; id?: string };

// The signing secret is in the answer once: the receiver needs it to verify signatures.
export const createWebhookAction: FormAction<CreatedWebhookState> = formAction({
  permission: "webhook:manage",
  schema: webhookCreateSchema,
  fields: (form) => ({ ...subscriptionFields(form), kind: form.text("kind") }),
  run: (actor, input) => createWebhook(actor, input),
  affects: (created) => affected.webhook(created.id),
  success: (created) => ({ id: created.id, secret: created.secret, message: `Subscription "${created.name}" added. Copy its signing secret now: it is not shown again.` }),
});

export const updateWebhookAction = formAction({
  permission: "webhook:manage",
  schema: webhookPatchSchema,
  fields: subscriptionFields,
  run: (actor, patch, form) => updateWebhook(actor, form.text("id"), patch),
  affects: (subscription) => affected.webhook(subscription.id),
  success: (subscription) => ({ message: subscription.active ? "Saved." : "Saved. It is switched off: nothing is sent until it is switched on." }),
});

const ids = z.object({ id: z.string(), deliveryId: z.string().optional() });

export const deleteWebhookAction = formAction({
  permission: "webhook:manage",
  schema: ids,
  fields: (form) => ({ id: form.text("id") }),
  run: async (actor, { id }) => {
    await deleteWebhook(actor, id);
    return id;
  },
  affects: (id) => affected.webhook(id),
  redirect: () => "/webhooks",
});

export const sendTestEventAction = formAction({
  permission: "webhook:manage",
  schema: ids,
  fields: (form) => ({ id: form.text("id") }),
  run: async (actor, { id }) => {
    const sent = await sendTestEvent(actor, id);
    dispatchSoon();
    return { id, ...sent };
  },
  affects: ({ id }) => affected.webhook(id),
  success: ({ eventId }) => ({ message: `Test event ${eventId} queued: it shows in the delivery log below within seconds (refresh).` }),
});

export const redeliverAction = formAction({
  permission: "webhook:manage",
  schema: ids,
  fields: (form) => ({ id: form.text("id"), deliveryId: form.text("deliveryId") }),
  run: async (actor, { id, deliveryId }) => {
    const delivery = await redeliver(actor, id, deliveryId ?? "");
    dispatchSoon();
    return { id, delivery };
  },
  affects: ({ id }) => affected.webhook(id),
  success: () => ({ message: "Sending again now." }),
});
