import { z } from "zod";
import { pageQuerySchema } from "./paging";
import { text } from "./form-fields.validation";

// POST /api/v1/grants/{id}/certifications: the reviewer's "still needed", and why.
export const certificationSchema = z.strictObject({
  comment: text(2000).min(3, "comment: say why the grant is still needed").describe("why the grant is still needed"),
});
export type CertificationInput = z.infer<typeof certificationSchema>;

export const reviewQueueQuerySchema = pageQuerySchema.extend({
  overdue: z.enum(["true", "false"]).optional().describe("true: only the grants past their grace (already a GRANT_NOT_RECERTIFIED finding)"),
});
export type ReviewQueueQuery = z.infer<typeof reviewQueueQuerySchema>;
