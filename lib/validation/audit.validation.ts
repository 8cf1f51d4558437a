import { z } from "zod";
import { pageQuerySchema } from "./paging";

const optionalText = z.string().trim().min(1).max(320).optional();

// GET /api/v1/audit and its CSV export (strict: a bad value is a 400 naming the field); the Audit
// page reads it leniently. `actor` is an email (any case).
export const auditQuerySchema = pageQuerySchema.extend({
  entity: optionalText,
  entityId: optionalText,
  actor: optionalText,
  action: optionalText,
  q: optionalText.describe("searches action, entity, entity id and actor"),
});

export type AuditQuery = z.infer<typeof auditQuerySchema>;
