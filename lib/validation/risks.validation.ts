import { z } from "zod";
import { day } from "./form-fields.validation";
import { pageQuerySchema, queryFlag } from "./paging";

export const RISK_TREATMENTS = ["MITIGATE", "ACCEPT", "TRANSFER", "AVOID"] as const;
export const RISK_SCALE = [1, 2, 3, 4, 5] as const;

const optionalRef = z.preprocess((v) => (v === "" ? null : v), z.string().trim().min(1).max(200).nullable().default(null));
const score = (what: string) =>
  z.coerce
    .number({ error: `Choose a ${what} from 1 to 5.` })
    .int(`Choose a ${what} from 1 to 5.`)
    .min(1, `Choose a ${what} from 1 to 5.`)
    .max(5, `Choose a ${what} from 1 to 5.`);

export const riskInputSchema = z
  .object({
    tool: z.string({ error: "Choose the tool this risk is about." }).trim().min(1, "Choose the tool this risk is about.").max(200),
    statement: z.string({ error: "State the risk in a sentence (10 characters or more)." }).trim().min(10, "State the risk in a sentence (10 characters or more).").max(1000, "At most 1000 characters."),
    likelihood: score("likelihood"),
    impact: score("impact"),
    treatment: z.enum(RISK_TREATMENTS, { error: `Choose a treatment: ${RISK_TREATMENTS.join(", ")}.` }),
    /** Owner team by name and/or owner user by email; at least one. */
    ownerTeam: optionalRef,
    ownerUser: optionalRef,
    nextReview: day,
  })
  .superRefine((risk, ctx) => {
    if (!risk.ownerTeam && !risk.ownerUser) ctx.addIssue({ code: "custom", path: ["ownerTeam"], message: "Choose an owner: a team, a person or both." });
  });
export type RiskInput = z.infer<typeof riskInputSchema>;

export const RISK_SORT_KEYS = ["score", "likelihood", "impact", "nextReview", "tool", "treatment"] as const;

const cell = z.coerce.number().int().min(1).max(5).optional();

// The register's filters (heat-map cell, tool, treatment, overdue reviews), sort and page: the risks
// CSV export (strict) and the Risks page (the same schema read leniently).
export const riskListQuerySchema = pageQuerySchema.extend({
  tool: z.string().trim().min(1).max(200).optional(),
  treatment: z.enum(RISK_TREATMENTS).optional(),
  likelihood: cell,
  impact: cell,
  overdue: queryFlag.describe("1: only risks whose review is overdue"),
  sort: z.enum(RISK_SORT_KEYS).default("score"),
  dir: z.enum(["asc", "desc"]).default("desc"),
});
export type RiskListQuery = z.infer<typeof riskListQuerySchema>;
