import { z } from "zod";
import { defineOperation } from "@/lib/api/operation";
import { createdWebhookSchema, deliveryPageSchema, deliverySchema, webhookListSchema, webhookSchema } from "@/lib/dto/webhooks";
import { deliveryListQuerySchema, webhookCreateSchema, webhookPatchSchema } from "@/lib/validation/webhooks.validation";

export const listWebhooks = defineOperation({
  method: "GET",
  path: "/api/v1/webhooks",
  tag: "Notifications",
  summary: "Every notification subscription (webhook or Slack), with its delivery counts and failure streak",
  permission: "webhook:manage",
  response: webhookListSchema,
});

export const createWebhook = defineOperation({
  method: "POST",
  path: "/api/v1/webhooks",
  tag: "Notifications",
  summary: "Subscribe an endpoint or a Slack incoming webhook to events; the answer holds the signing secret, shown this once",
  permission: "webhook:manage",
  body: webhookCreateSchema,
  status: 201,
  response: createdWebhookSchema,
  errors: ["UNPROCESSABLE"],
  leavesFindings: true,
});

export const getWebhook = defineOperation({
  method: "GET",
  path: "/api/v1/webhooks/{id}",
  tag: "Notifications",
  summary: "One subscription",
  permission: "webhook:manage",
  response: webhookSchema,
});

export const updateWebhook = defineOperation({
  method: "PATCH",
  path: "/api/v1/webhooks/{id}",
  tag: "Notifications",
  summary: "Change a subscription's URL, events or filters, or switch it off or on (on again clears its failure streak)",
  permission: "webhook:manage",
  body: webhookPatchSchema,
  response: webhookSchema,
  errors: ["UNPROCESSABLE"],
  leavesFindings: true,
});

export const deleteWebhook = defineOperation({
  method: "DELETE",
  path: "/api/v1/webhooks/{id}",
  tag: "Notifications",
  summary: "Delete a subscription and its delivery log (the audit log keeps what it was)",
  permission: "webhook:manage",
  status: 204,
  response: null,
  leavesFindings: true,
});

export const listDeliveries = defineOperation({
  method: "GET",
  path: "/api/v1/webhooks/{id}/deliveries",
  tag: "Notifications",
  summary: "A subscription's delivery log, newest first: each event's status and its attempts (status code, answer, latency)",
  permission: "webhook:manage",
  query: deliveryListQuerySchema,
  response: deliveryPageSchema,
});

export const sendTestEvent = defineOperation({
  method: "POST",
  path: "/api/v1/webhooks/{id}/test",
  tag: "Notifications",
  summary: "Send a webhook.test event to this subscription alone; it shows in the delivery log",
  permission: "webhook:manage",
  body: z.strictObject({}),
  bodyOptional: true,
  status: 201,
  response: z.object({ eventId: z.string().describe("the webhook-id the receiver gets") }),
  leavesFindings: true,
});

export const redeliver = defineOperation({
  method: "POST",
  path: "/api/v1/webhooks/{id}/deliveries/{deliveryId}/retry",
  tag: "Notifications",
  summary: "Send a delivery again now, with the same webhook-id, and a fresh day of retries",
  permission: "webhook:manage",
  body: z.strictObject({}),
  bodyOptional: true,
  response: deliverySchema,
  leavesFindings: true,
});
