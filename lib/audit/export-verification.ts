// The exported audit log (GET /api/v1/export/audit.json) and its offline check, which
// scripts/verify-audit.ts runs: re-hash the whole chain, verify every checkpoint's signature, and
// check the log against each checkpoint. Pure, so the script needs neither the app nor its database.
import { z } from "zod";
import { verifyChain, type StoredEvent } from "./chain";
import { indexEvents, keyIdOf, parsePublicKey, verifyAgainstCheckpoint, type CheckpointFailure, type SignedCheckpoint } from "./checkpoint";

export const AUDIT_EXPORT_FORMAT = "grr-audit-log/1";

/** A checkpoint as stored, exported and answered by the API. */
export const signedCheckpointSchema = z.object({
  id: z.string(),
  lastId: z.string().regex(/^\d+$/),
  lastHash: z.string(),
  count: z.number().int().min(0),
  at: z.string(),
  keyId: z.string(),
  signature: z.string(),
});

const eventSchema = z.object({
  id: z.string().regex(/^\d+$/),
  at: z.iso.datetime(),
  actorEmail: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});

export const auditExportSchema = z.object({
  format: z.literal(AUDIT_EXPORT_FORMAT),
  exportedAt: z.string(),
  keyId: z.string().nullable(),
  publicKey: z.string().nullable(),
  /** Oldest first, every field the hash covers. */
  events: z.array(eventSchema),
  checkpoints: z.array(signedCheckpointSchema),
});

export type AuditExport = z.infer<typeof auditExportSchema>;
export type ExportedEvent = z.infer<typeof eventSchema>;

export function toStoredEvent(event: ExportedEvent): StoredEvent {
  return { ...event, at: new Date(event.at) };
}

export interface ExportVerification {
  ok: boolean;
  /** One line: VALID or INVALID, and why. */
  verdict: string;
  warnings: string[];
  failures: CheckpointFailure[];
}

/**
 * `publicKeyPem`: the key the auditor obtained independently; without it, the file's own key is
 * used, which shows only that the file agrees with itself. `extraCheckpoints`: checkpoints kept from
 * earlier exports, so that removing checkpoints (with the events they covered) shows too.
 */
export function verifyAuditExport(document: unknown, publicKeyPem?: string, extraCheckpoints: SignedCheckpoint[] = []): ExportVerification {
  const warnings: string[] = [];
  const parsed = auditExportSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, verdict: `INVALID: not an audit log export (${issue.path.join(".") || "document"}: ${issue.message}).`, warnings, failures: [] };
  }
  const file = parsed.data;
  const keyText = publicKeyPem ?? file.publicKey;
  if (!keyText) return { ok: false, verdict: "INVALID: no public key given and none in the file, so no checkpoint can be verified.", warnings, failures: [] };
  const key = parsePublicKey(keyText);
  if (!key.ok) return { ok: false, verdict: `INVALID: the public key cannot be used: ${key.reason}.`, warnings, failures: [] };
  if (!publicKeyPem) warnings.push("No --public-key given: verifying with the key inside the file, which proves only that the file agrees with itself.");
  const keyId = keyIdOf(key.key);
  if (file.keyId && file.keyId !== keyId) warnings.push(`The file names signing key ${file.keyId}, not the given key ${keyId}: checkpoints signed by the file's key will fail.`);

  const events = file.events.map(toStoredEvent);
  const chain = verifyChain(events);
  if (!chain.valid) {
    return { ok: false, verdict: `INVALID: the chain breaks at event #${chain.brokenAt}: ${chain.reason}.`, warnings, failures: [] };
  }
  const checkpoints = uniqueById([...file.checkpoints, ...extraCheckpoints]);
  if (checkpoints.length === 0) warnings.push("The file holds no checkpoint: removing its newest events could not be detected.");
  const index = indexEvents(events);
  const failures = checkpoints.map((checkpoint) => verifyAgainstCheckpoint(index, checkpoint, key.key)).filter((verdict) => verdict.status !== "VALID");
  if (failures.length > 0) {
    const worst = failures[failures.length - 1];
    const others = failures.length > 1 ? ` (${failures.length} of ${checkpoints.length} checkpoints fail)` : "";
    return { ok: false, verdict: `INVALID: ${worst.status}: ${worst.reason}${others}`, warnings, failures };
  }
  const newest = checkpoints.reduce<SignedCheckpoint | undefined>((best, c) => (!best || BigInt(c.lastId) > BigInt(best.lastId) ? c : best), undefined);
  const covered = newest ? `; the newest, #${newest.id} of ${newest.at}, covers events through #${newest.lastId}` : "";
  return {
    ok: true,
    verdict: `VALID: ${events.length} events re-hashed, ${checkpoints.length} checkpoint${checkpoints.length === 1 ? "" : "s"} verified with key ${keyId.slice(0, 16)}…${covered}.`,
    warnings,
    failures: [],
  };
}

// The same checkpoint may be in the file and in an earlier export; ids are the database's.
function uniqueById(checkpoints: SignedCheckpoint[]): SignedCheckpoint[] {
  const byKey = new Map(checkpoints.map((c) => [`${c.id}:${c.signature}`, c]));
  return [...byKey.values()].sort((a, b) => (BigInt(a.lastId) < BigInt(b.lastId) ? -1 : BigInt(a.lastId) > BigInt(b.lastId) ? 1 : 0));
}
