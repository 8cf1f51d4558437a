// The access review queue: approved grants in force whose review is due, most overdue first.
import { z } from "zod";
import { AUTONOMY_LEVELS, TIERS } from "@/lib/policy/types";
import { pageOf } from "./page";

export const dueGrantSchema = z.object({
  id: z.string().describe("grant id"),
  tool: z.string(),
  toolName: z.string(),
  environment: z.string(),
  tier: z.enum(TIERS),
  maxAutonomy: z.enum(AUTONOMY_LEVELS),
  capabilities: z.array(z.string()),
  requester: z.string().describe("email"),
  requesterName: z.string(),
  decidedAt: z.date().describe("when it was approved"),
  lastCertifiedAt: z.date().nullable(),
  dueAt: z.date(),
  overdueAt: z.date().describe("when, not certified, it becomes the GRANT_NOT_RECERTIFIED finding"),
  overdue: z.boolean(),
});
export type DueGrantDto = z.infer<typeof dueGrantSchema>;

export const reviewQueueSchema = pageOf(dueGrantSchema);

export const certificationResultSchema = z.object({
  grant: z.string().describe("grant id"),
  tool: z.string(),
  environment: z.string(),
  reviewer: z.string().describe("email"),
  comment: z.string(),
  at: z.date(),
  nextDueAt: z.date().describe("when the grant is due for review again"),
});
export type CertificationResultDto = z.infer<typeof certificationResultSchema>;
