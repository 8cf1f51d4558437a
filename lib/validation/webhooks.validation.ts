import { z } from "zod";
import { EVENT_TYPES } from "@/lib/notifications/events";
import { SEVERITIES } from "@/lib/policy/types";
import { list, text } from "./form-fields.validation";
import { pageQuerySchema } from "./paging";

export const WEBHOOK_KINDS = ["WEBHOOK", "SLACK"] as const;

const endpointUrl = z
  .string()
  .trim()
  .max(2000, "At most 2000 characters.")
  .refine((v) => {
    try {
      const url = new URL(v);
      return ["http:", "https:"].includes(url.protocol) && !url.username && !url.password;
    } catch {
      return false;
    }
  }, "Enter a full http(s) URL without credentials, e.g. https://hooks.example.com/register.")
  .describe("where events are POSTed: an endpoint, or a Slack incoming-webhook URL");

const eventTypes = z
  .union([z.string(), z.array(z.string())])
  .transform((raw) => [...new Set((Array.isArray(raw) ? raw : [raw]).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean))])
  .pipe(z.array(z.enum(EVENT_TYPES, `Each event type is one of ${EVENT_TYPES.join(", ")}.`)))
  .describe(`the event types sent (empty: all of them): ${EVENT_TYPES.join(", ")}`);

const minSeverity = z
  .preprocess((v) => (v === "" ? null : v), z.enum(SEVERITIES).nullable())
  .describe("events that carry a severity (findings) are sent from this one up; null: all");

const fields = {
  name: text(100).min(1, "name: give the subscription a name").describe("what the subscription is for, e.g. #sec-alerts"),
  kind: z.enum(WEBHOOK_KINDS).describe("WEBHOOK: signed JSON per Standard Webhooks; SLACK: Slack messages to an incoming webhook"),
  url: endpointUrl,
  eventTypes,
  minSeverity,
  tools: list(200).describe("only events about these tools (slugs); empty: every tool"),
  environments: list(100).describe("only events in these environments; empty: every environment"),
  teams: list(100).describe("only events about tools these teams own; empty: every team"),
  active: z.boolean().describe("false: nothing is sent until it is switched on again"),
};

export const webhookCreateSchema = z.strictObject({
  ...fields,
  kind: fields.kind.default("WEBHOOK"),
  eventTypes: fields.eventTypes.default([]),
  minSeverity: fields.minSeverity.default(null),
  tools: fields.tools.default([]),
  environments: fields.environments.default([]),
  teams: fields.teams.default([]),
  active: fields.active.default(true),
});
export type WebhookCreateInput = z.infer<typeof webhookCreateSchema>;

export const webhookPatchSchema = z
  .strictObject({
    name: fields.name.optional(),
    url: fields.url.optional(),
    eventTypes: fields.eventTypes.optional(),
    minSeverity: fields.minSeverity.optional(),
    tools: fields.tools.optional(),
    environments: fields.environments.optional(),
    teams: fields.teams.optional(),
    active: fields.active.optional().describe("true switches a disabled subscription on again and clears its failure streak"),
  })
  .refine((patch) => Object.keys(patch).length > 0, "Send at least one field to change.");
export type WebhookPatchInput = z.infer<typeof webhookPatchSchema>;

export const DELIVERY_STATUSES = ["PENDING", "DELIVERED", "FAILED"] as const;

export const deliveryListQuerySchema = pageQuerySchema.extend({
  status: z.enum(DELIVERY_STATUSES).optional().describe("only deliveries in this state"),
});
export type DeliveryListQuery = z.infer<typeof deliveryListQuerySchema>;
