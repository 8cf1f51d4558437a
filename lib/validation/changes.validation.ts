import { z } from "zod";
import { AI_ORIGINS, AUTONOMY_LEVELS, CHANGE_TYPES } from "@/lib/policy/types";
import { multiValue, pageQuerySchema, queryFlag } from "./paging";
import { isoInstant } from "./form-fields.validation";

export const MAX_CHANGE_BATCH = 1000;

const changeFields = {
  externalId: z.string().trim().min(1).max(200).describe("CI/CD's id for the deployment; the idempotency key"),
  service: z.string().trim().min(1).max(200),
  environment: z.string().trim().min(1).max(200).describe("environment name"),
  changeType: z.enum(CHANGE_TYPES),
  aiOrigin: z.enum(AI_ORIGINS),
  tool: z.string().trim().min(1).max(200).nullish().describe("tool slug"),
  mode: z.enum(AUTONOMY_LEVELS).nullish().describe("the autonomy the tool acted with"),
  approvers: z.array(z.email().toLowerCase()).max(50).default([]).describe("emails of the users who approved"),
  rollbackPlan: z.string().trim().max(5000).nullish(),
  deployedAt: isoInstant().describe("ISO 8601 time of the deployment"),
};

// An AI-made change must name the tool and the mode it acted in.
function refineChange(change: { aiOrigin: string; tool?: string | null; mode?: string | null }, ctx: z.RefinementCtx): void {
  if (change.aiOrigin !== "HUMAN" && !change.tool) ctx.addIssue({ code: "custom", path: ["tool"], message: `tool is required for an ${change.aiOrigin} change` });
  if (change.tool && !change.mode) ctx.addIssue({ code: "custom", path: ["mode"], message: "mode is required when a tool is named" });
}

// One deployment as CI/CD reports it.
export const changeInputSchema = z.object(changeFields).superRefine(refineChange);

// POST /api/v1/changes/check: the same body before the deployment, which has no id and no time yet.
export const changeCheckSchema = z
  .object({
    ...changeFields,
    externalId: changeFields.externalId.optional(),
    deployedAt: changeFields.deployedAt.optional().describe("ISO 8601 time to judge at; now when left out"),
  })
  .superRefine(refineChange);

export type ChangeCheckInput = z.infer<typeof changeCheckSchema>;

export type ChangeInputData = z.infer<typeof changeInputSchema>;

const changeArraySchema = z.array(changeInputSchema).min(1).max(MAX_CHANGE_BATCH);
export const changeBatchSchema = z.union([changeInputSchema, changeArraySchema]);

export const CHANGE_SORT_KEYS = ["deployedAt", "service", "environment", "tool", "aiOrigin", "changeType"] as const;

// GET /api/v1/changes and its CSV export (strict); the Changes page reads it leniently.
export const changeListQuerySchema = pageQuerySchema.extend({
  aiOrigin: multiValue(AI_ORIGINS),
  environment: z.string().trim().min(1).optional().describe("environment name"),
  tool: z.string().trim().min(1).optional().describe("tool slug"),
  violating: queryFlag.describe("1: only changes that broke a rule"),
  sort: z.enum(CHANGE_SORT_KEYS).default("deployedAt"),
  dir: z.enum(["asc", "desc"]).default("desc"),
});

export type ChangeListQuery = z.infer<typeof changeListQuerySchema>;
