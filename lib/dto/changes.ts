// The AI-origin ledger's entries as GET and POST /api/v1/changes answer them.
import { z } from "zod";
import { CHANGE_VIOLATION_CODES } from "@/lib/policy/changes";
import { AI_ORIGINS, AUTONOMY_LEVELS, CHANGE_TYPES } from "@/lib/policy/types";
import { pageOf } from "./page";

export const changeViolationSchema = z.object({ code: z.enum(CHANGE_VIOLATION_CODES), message: z.string() });

/** POST /api/v1/changes/check: whether the change may deploy, and every rule it would break. */
export const changeCheckAnswerSchema = z.object({ allowed: z.boolean(), violations: z.array(changeViolationSchema) });
export type ChangeCheckDto = z.infer<typeof changeCheckAnswerSchema>;

export const changeSchema = z.object({
  id: z.string(),
  externalId: z.string(),
  service: z.string(),
  environment: z.string(),
  changeType: z.enum(CHANGE_TYPES),
  aiOrigin: z.enum(AI_ORIGINS),
  tool: z.string().nullable().describe("tool slug"),
  mode: z.enum(AUTONOMY_LEVELS).nullable(),
  approvers: z.array(z.string()).describe("approvers' emails"),
  rollbackPlan: z.string().nullable(),
  deployedAt: z.date(),
  violations: z.array(changeViolationSchema).describe("the rules it broke when it was recorded"),
});

export type ChangeDto = z.infer<typeof changeSchema>;

export const changePageSchema = pageOf(changeSchema);

export const ingestedChangeSchema = changeSchema.extend({
  status: z.enum(["created", "existing"]).describe("existing: recorded before with the same payload"),
});

export const ingestBatchSchema = z.object({
  created: z.number().int(),
  existing: z.number().int(),
  changes: z.array(ingestedChangeSchema).describe("in the batch's order, each externalId once"),
});

export type IngestResult = z.infer<typeof ingestBatchSchema>;

// One change answers one change; a batch answers its summary.
export const ingestAnswerSchema = z.union([ingestedChangeSchema, ingestBatchSchema]);
