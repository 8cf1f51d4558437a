import { z } from "zod";
import { PAGE_SIZES } from "./paging";

const optionalText = z.string().trim().min(1).max(320).optional();

// GET /api/v1/audit: strict, a bad value is a 400 naming the field. `actor` is an email (any case).
export const auditQuerySchema = z.object({
  entity: optionalText,
  entityId: optionalText,
  actor: optionalText,
  action: optionalText,
  q: optionalText,
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

export type AuditQuery = z.infer<typeof auditQuerySchema>;

// The Audit page: lenient, so an old link still opens.
export const auditPageQuerySchema = z.object({
  entity: optionalText.catch(undefined),
  entityId: optionalText.catch(undefined),
  actor: optionalText.catch(undefined),
  action: optionalText.catch(undefined),
  q: optionalText.catch(undefined),
  page: z.coerce.number().int().min(1).catch(1),
  pageSize: z.coerce
    .number()
    .int()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(50),
});
