// POST /api/v1/authorize: what an agent runtime asks before it acts.
import { z } from "zod";
import { AUTONOMY_LEVELS } from "@/lib/policy/types";
import { isoInstant } from "./form-fields.validation";

export const authorizeRequestSchema = z.object({
  tool: z.string({ error: "tool is required" }).trim().min(1, "tool is required").max(200).describe("tool slug"),
  environment: z.string({ error: "environment is required" }).trim().min(1, "environment is required").max(200).describe("environment name"),
  mode: z.enum(AUTONOMY_LEVELS, { error: `mode must be one of ${AUTONOMY_LEVELS.join(", ")}` }).describe("the autonomy the tool would act with"),
  capabilities: z.array(z.string().trim().min(1).max(100)).max(100).default([]).describe("capability keys the action needs"),
  at: isoInstant()
    .optional()
    .describe("ISO 8601 time to judge at; now when left out"),
});

export type AuthorizeRequestInput = z.infer<typeof authorizeRequestSchema>;
