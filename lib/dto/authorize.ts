// The decision point's answer (lib/policy/authorize.ts decides it).
import { z } from "zod";
import { AUTHORIZE_REASONS } from "@/lib/policy/authorize";
import { AUTONOMY_LEVELS } from "@/lib/policy/types";

export const authorizeDecisionSchema = z.object({
  allowed: z.boolean(),
  effectiveAutonomy: z.enum(AUTONOMY_LEVELS).describe("the highest autonomy allowed there now: the valid grant's, capped by incident history; OFF without a grant or for a SUSPENDED or RETIRED tool"),
  grant: z.object({ id: z.string(), maxAutonomy: z.enum(AUTONOMY_LEVELS), expiresAt: z.date().nullable() }).nullable().describe("the grant in force, if valid"),
  ceiling: z.object({ autonomy: z.enum(AUTONOMY_LEVELS), until: z.date(), incident: z.string() }).nullable().describe("the cap incident history puts on the tool there"),
  reasons: z.array(z.object({ code: z.enum(AUTHORIZE_REASONS), message: z.string() })).describe("every reason it may not; empty when allowed"),
});

export type AuthorizeDecisionDto = z.infer<typeof authorizeDecisionSchema>;
