import { z } from "zod";
import { EXCEPTION_STATES } from "@/lib/policy/exceptions";
import { day, text } from "./form-fields.validation";

// POST /api/v1/findings/{id}/exceptions: who owns the accepted risk, why, and until when (at most
// the policy's limit away; the data function checks that against the policy in force).
export const exceptionCreateSchema = z.strictObject({
  reason: text(2000).min(10, "reason: say why the risk is accepted (10 characters or more)").describe("why the risk is accepted"),
  owner: z.email("owner must be the email of a register user").max(320).transform((email) => email.toLowerCase()).describe("email of the person who owns the accepted risk"),
  expiresAt: day.describe("when the acceptance ends and the finding is back: a day (YYYY-MM-DD, from 00:00 UTC) or an ISO 8601 instant"),
});
export type ExceptionCreateInput = z.infer<typeof exceptionCreateSchema>;

export const exceptionListQuerySchema = z.strictObject({
  state: z.enum(EXCEPTION_STATES).optional().describe("only the exceptions in this state now (IN_FORCE, AWAITING_CONFIRMATION, EXPIRED, WORSENED, FINDING_RESOLVED)"),
});
