// The audit trail as GET /api/v1/audit, the chain check and the checkpoints answer it. Checkpoint
// times stay ISO strings: they are part of what is signed.
import { z } from "zod";
import { signedCheckpointSchema } from "@/lib/audit/export-verification";
import { pageOf } from "./page";

export const auditEventSchema = z.object({
  id: z.string().describe("the event's sequence number, as a decimal string"),
  at: z.date(),
  actor: z.string().describe("email, or \"system\""),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown().describe("the entity before, as JSON; null for a creation"),
  after: z.unknown().describe("the entity after, as JSON; null for a removal"),
  prevHash: z.string(),
  hash: z.string(),
});

export type AuditEventDto = z.infer<typeof auditEventSchema>;

export const auditPageSchema = pageOf(auditEventSchema);

export type AuditPage = z.infer<typeof auditPageSchema>;

const checkpointId = z.string();
const reason = z.string();

// The newest checkpoint and how the log compares with it. UNSIGNED: no key, so nothing can be signed
// or verified; NONE: a key, but nothing signed yet.
const state = {
  checkpoints: z.number().int().describe("how many checkpoints the database holds"),
  latest: signedCheckpointSchema.nullable().describe("the newest checkpoint: the one the log was compared with, or the one this check wrote"),
  written: z.boolean().describe("whether this check signed the head"),
};

export const checkpointReportSchema = z.discriminatedUnion("status", [
  z.object({ ...state, status: z.literal("UNSIGNED"), reason }),
  z.object({ ...state, status: z.literal("NONE"), reason }),
  z.object({ ...state, status: z.literal("VALID"), checkpointId, eventsAfter: z.number().int() }),
  z.object({ ...state, status: z.literal("BAD_SIGNATURE"), checkpointId, reason }),
  z.object({
    ...state,
    status: z.literal("TRUNCATED"),
    checkpointId,
    reason,
    missing: z.object({ count: z.number().int(), afterId: z.string().nullable(), throughId: z.string() }).describe("how many checkpointed events are gone, after afterId through throughId"),
  }),
  z.object({ ...state, status: z.literal("REWRITTEN"), checkpointId, reason, eventId: z.string() }),
]);

export type CheckpointReport = z.infer<typeof checkpointReportSchema>;

export const auditChainReportSchema = z.object({
  valid: z.boolean().describe("the chain recomputes from the first event, and the log matches its newest checkpoint"),
  total: z.number().int(),
  checked: z.number().int().describe("events that recomputed before the chain broke: all of them when it holds"),
  brokenAt: z.string().optional().describe("the event where the hash chain breaks"),
  reason: z.string().optional(),
  checkpoint: checkpointReportSchema,
});

export type AuditChainReport = z.infer<typeof auditChainReportSchema>;

export const takenCheckpointSchema = z.object({ written: z.boolean().describe("false: the head had not moved, this is the newest checkpoint"), checkpoint: signedCheckpointSchema });
