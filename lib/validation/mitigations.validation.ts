import { z } from "zod";
import { optionalDay } from "./form-fields.validation";

export const MITIGATION_KINDS = ["REDUCE_PERMISSION", "ADD_APPROVAL", "CANARY_ROLLBACK", "SANDBOX_ONLY", "OTHER"] as const;
export const MITIGATION_STATUSES = ["OPEN", "IN_PROGRESS", "DONE", "CANCELLED"] as const;
export type MitigationStatus = (typeof MITIGATION_STATUSES)[number];
/** Statuses in which a mitigation is still owed: past its due date it is overdue. */
export const OPEN_MITIGATION_STATUSES: readonly MitigationStatus[] = ["OPEN", "IN_PROGRESS"];

const optionalRef = z.preprocess((v) => (v === "" ? null : v), z.string().trim().min(1).max(200).nullable().default(null));

const fields = {
  title: z.string().trim().min(3, "Describe the action (3 characters or more).").max(300, "At most 300 characters."),
  kind: z.enum(MITIGATION_KINDS, { error: `Choose a kind: ${MITIGATION_KINDS.join(", ")}.` }),
  status: z.enum(MITIGATION_STATUSES, { error: `Choose a status: ${MITIGATION_STATUSES.join(", ")}.` }).default("OPEN"),
  dueDate: optionalDay.default(null),
  /** Owner team by name and/or owner user by email; at least one. */
  ownerTeam: optionalRef,
  ownerUser: optionalRef,
  /** Optional: the grant this action changes (e.g. "reduce kiro-agent in production to SUGGEST"). */
  grantId: optionalRef,
};

function needsOwner(m: { ownerTeam: string | null; ownerUser: string | null }, ctx: z.RefinementCtx) {
  if (!m.ownerTeam && !m.ownerUser) ctx.addIssue({ code: "custom", path: ["ownerTeam"], message: "Choose an owner: a team, a person or both." });
}

// A mitigation comes from an incident (by key) or a risk (by id).
export const mitigationCreateSchema = z
  .object({ ...fields, incident: optionalRef, riskId: optionalRef })
  .superRefine((m, ctx) => {
    needsOwner(m, ctx);
    if (!m.incident && !m.riskId) ctx.addIssue({ code: "custom", path: ["incident"], message: "A mitigation comes from an incident or a risk." });
  });
export type MitigationCreate = z.infer<typeof mitigationCreateSchema>;

export const mitigationUpdateSchema = z.object(fields).superRefine(needsOwner);
export type MitigationUpdate = z.infer<typeof mitigationUpdateSchema>;

export const mitigationStatusSchema = z.object({ status: z.enum(MITIGATION_STATUSES, { error: "Choose a status." }) });
