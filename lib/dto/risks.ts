// The risk register's entries as the pages and the risks CSV export read them.
import { z } from "zod";
import { RISK_TREATMENTS } from "@/lib/validation/risks.validation";
import { ownerUserSchema } from "./mitigations";
import { pageOf } from "./page";

export const riskSchema = z.object({
  id: z.string(),
  tool: z.string(),
  toolName: z.string(),
  statement: z.string(),
  likelihood: z.number().int(),
  impact: z.number().int(),
  score: z.number().int().describe("likelihood × impact"),
  treatment: z.enum(RISK_TREATMENTS),
  ownerTeam: z.string().nullable(),
  ownerUser: ownerUserSchema.nullable(),
  nextReview: z.date(),
  reviewOverdue: z.boolean(),
  openMitigations: z.number().int(),
  mitigations: z.number().int(),
});

export type RiskDto = z.infer<typeof riskSchema>;

export const riskPageSchema = pageOf(riskSchema).extend({ overdueReviews: z.number().int() });

export type RiskPage = z.infer<typeof riskPageSchema>;

/** The risk form's choices. */
export interface RiskFormOptions {
  tools: { slug: string; name: string }[];
  teams: string[];
  users: { name: string; email: string }[];
}
