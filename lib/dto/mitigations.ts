// A mitigation as the pages and GET /api/v1/incidents/{key} show it: its source (incident or risk),
// the grant it changes, its owners, and whether it is overdue.
import { z } from "zod";
import { AUTONOMY_LEVELS, GRANT_STATUSES, INCIDENT_SEVERITIES } from "@/lib/policy/types";
import { MITIGATION_KINDS, MITIGATION_STATUSES } from "@/lib/validation/mitigations.validation";

export const ownerUserSchema = z.object({ name: z.string(), email: z.string() });

export const mitigationSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(MITIGATION_KINDS),
  status: z.enum(MITIGATION_STATUSES),
  dueDate: z.date().nullable(),
  overdue: z.boolean().describe("still open or in progress after its due date"),
  incident: z.object({ key: z.string(), title: z.string(), severity: z.enum(INCIDENT_SEVERITIES) }).nullable(),
  risk: z.object({ id: z.string(), statement: z.string(), tool: z.string() }).nullable(),
  grant: z.object({ id: z.string(), tool: z.string(), environment: z.string(), maxAutonomy: z.enum(AUTONOMY_LEVELS), status: z.enum(GRANT_STATUSES) }).nullable(),
  ownerTeam: z.string().nullable(),
  ownerUser: ownerUserSchema.nullable(),
});

export type MitigationDto = z.infer<typeof mitigationSchema>;

/** The mitigation form's choices. */
export interface MitigationFormOptions {
  teams: string[];
  users: { name: string; email: string }[];
  grants: { id: string; label: string }[];
}
