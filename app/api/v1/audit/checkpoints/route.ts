// POST /api/v1/audit/checkpoints — sign the audit chain's head now: 201 with the new checkpoint, or
// 200 with the newest one when the head has not moved.
import { appRoute } from "@/lib/api/app-route";
import { Reply } from "@/lib/api/operation";
import { signAuditCheckpoint } from "@/lib/api/operations/audit";
import { takeCheckpoint } from "@/lib/data/audit-chain";

export const POST = appRoute(signAuditCheckpoint, async ({ actor }) => {
  const result = await takeCheckpoint(actor);
  return new Reply(result, result.written ? 201 : 200);
});
