// Notification subscriptions and their delivery log, as the API and the pages see them. The signing
// secret is answered once, when the subscription is created; afterwards only its first characters.
import { z } from "zod";
import { SEVERITIES } from "@/lib/policy/types";
import { DELIVERY_STATUSES, WEBHOOK_KINDS } from "@/lib/validation/webhooks.validation";
import { pageOf } from "./page";

export const webhookSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(WEBHOOK_KINDS),
  url: z.string(),
  eventTypes: z.array(z.string()).describe("empty: every type"),
  minSeverity: z.enum(SEVERITIES).nullable(),
  tools: z.array(z.string()),
  environments: z.array(z.string()),
  teams: z.array(z.string()),
  active: z.boolean(),
  secretHint: z.string().describe("the signing secret's first characters"),
  consecutiveFailures: z.number().int().describe("failed attempts in a row"),
  failingSince: z.date().nullable(),
  disabledAt: z.date().nullable().describe("when the register switched it off for failing a whole day"),
  disabledReason: z.string().nullable(),
  createdAt: z.date(),
  createdBy: z.string().describe("email"),
  deliveries: z.object({ pending: z.number().int(), delivered: z.number().int(), failed: z.number().int() }),
});
export type WebhookDto = z.infer<typeof webhookSchema>;

export const webhookListSchema = z.object({ rows: z.array(webhookSchema) });

export const createdWebhookSchema = webhookSchema.extend({
  secret: z.string().describe("the Standard Webhooks signing secret (whsec_…): shown this once, keep it with the receiver"),
});
export type CreatedWebhookDto = z.infer<typeof createdWebhookSchema>;

export const attemptSchema = z.object({
  at: z.date(),
  statusCode: z.number().int().nullable().describe("null: no answer (refused, timed out)"),
  error: z.string().nullable(),
  response: z.string().describe("the start of the receiver's answer"),
  latencyMs: z.number().int(),
});

export const deliverySchema = z.object({
  id: z.string(),
  eventId: z.string().describe("the webhook-id header: the same on every attempt"),
  eventType: z.string(),
  summary: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  createdAt: z.date(),
  nextAttemptAt: z.date().nullable().describe("when a pending delivery is tried next"),
  deliveredAt: z.date().nullable(),
  attemptLog: z.array(attemptSchema).describe("latest first"),
});
export type DeliveryDto = z.infer<typeof deliverySchema>;

export const deliveryPageSchema = pageOf(deliverySchema);
