// The audit chain's check and its signed checkpoints: recompute every hash, compare the log with the
// newest checkpoint, and sign the head when it has moved and the log still verifies (on every check,
// on demand, and on the server's timer), plus the signed export an auditor verifies offline.
//
// Checkpoints live outside the chain (their own table, no audit event): an event recording a
// checkpoint would move the head the checkpoint just signed, and the findings evaluator, which reads
// every new event (lib/data/finding-evaluator.ts), would rebuild the findings every ten minutes for nothing.
import "server-only";
import { verifyChain } from "@/lib/audit/chain";
import { signCheckpoint, verifyAgainstCheckpoint, type CheckpointVerdict, type SignedCheckpoint } from "@/lib/audit/checkpoint";
import { AUDIT_EXPORT_FORMAT, type AuditExport } from "@/lib/audit/export-verification";
import { auditSigningKey } from "@/lib/audit/signing-key";
import { authorize, type Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import type { AuditChainReport } from "@/lib/dto/audit";
import { auditEventSelect } from "./audit";
import { whileHoldingExportSlot } from "./export-lease";
import { AppError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";

type CheckpointRow = Prisma.AuditCheckpointGetPayload<true>;

function toSigned(row: CheckpointRow): SignedCheckpoint {
  return { id: String(row.id), lastId: String(row.lastId), lastHash: row.lastHash, count: row.count, at: row.at.toISOString(), keyId: row.keyId, signature: row.signature };
}

// UNSIGNED: no key, so nothing can be signed or verified; NONE: a key, but nothing signed yet.
type Verdict = { status: "UNSIGNED"; reason: string } | { status: "NONE"; reason: string } | CheckpointVerdict;

async function readChainState() {
  const key = auditSigningKey();
  const db = prisma();
  // The checkpoint first, then the events: one written meanwhile by another process then covers
  // only events this read sees, instead of looking like a truncation.
  const newestRow = await db.auditCheckpoint.findFirst({ orderBy: [{ lastId: "desc" }, { id: "desc" }] });
  const checkpoints = await db.auditCheckpoint.count();
  const events = await db.auditEvent.findMany({ select: auditEventSelect, orderBy: { id: "asc" } });
  const chain = verifyChain(events);
  const newest = newestRow ? toSigned(newestRow) : null;
  const verdict: Verdict = !key.ok
    ? { status: "UNSIGNED", reason: key.reason }
    : !newest
      ? { status: "NONE", reason: "No checkpoint has been written yet." }
      : verifyAgainstCheckpoint(events, newest, key.publicKey);
  return { key, events, chain, newest, checkpoints, verdict };
}

function matchesCheckpoint(verdict: Verdict): boolean {
  return verdict.status === "VALID" || verdict.status === "NONE" || verdict.status === "UNSIGNED";
}

/**
 * Signs the head when the key is there, the chain recomputes, the log matches the newest checkpoint
 * and the head has moved past it. Never over a log that fails: a checkpoint of a truncated log
 * would vouch for the truncation.
 */
async function checkpointedState(now: Date, by: string) {
  const state = await readChainState();
  const head = state.events.at(-1);
  const moved = head !== undefined && (!state.newest || head.id > BigInt(state.newest.lastId));
  if (!state.key.ok || !state.chain.valid || !matchesCheckpoint(state.verdict) || !moved) return { ...state, written: false };
  const signed = signCheckpoint({ lastId: head.id, lastHash: head.hash, count: state.events.length, at: now }, state.key.privateKey);
  const row = await prisma().auditCheckpoint.create({
    data: { lastId: head.id, lastHash: signed.lastHash, count: signed.count, at: new Date(signed.at), keyId: signed.keyId, signature: signed.signature },
  });
  const checkpoint = toSigned(row);
  // A copy outside the database, in the process's log, where a database superuser cannot remove it.
  console.info(`audit checkpoint by ${by}: ${JSON.stringify(checkpoint)}`);
  const verdict: Verdict = { status: "VALID", checkpointId: checkpoint.id, eventsAfter: 0 };
  return { ...state, newest: checkpoint, checkpoints: state.checkpoints + 1, verdict, written: true };
}

function toReport(state: Awaited<ReturnType<typeof checkpointedState>>): AuditChainReport {
  const { chain } = state;
  return {
    valid: chain.valid && matchesCheckpoint(state.verdict),
    total: state.events.length,
    checked: chain.checked,
    ...(chain.valid ? {} : { brokenAt: chain.brokenAt, reason: chain.reason }),
    checkpoint: { checkpoints: state.checkpoints, latest: state.newest, written: state.written, ...state.verdict },
  };
}

/** Recomputes every hash from the first event on and compares the log with its newest checkpoint; signs the head when it moved. */
export async function checkAuditChain(actor: Actor, now = new Date()): Promise<AuditChainReport> {
  authorize(actor, "register:read");
  return toReport(await checkpointedState(now, actor.email));
}

/** The server's periodic checkpoint (instrumentation.ts): the system acts, not a person. */
export async function checkpointIfHeadMoved(now = new Date()): Promise<AuditChainReport> {
  return toReport(await checkpointedState(now, "timer"));
}

/** On demand: the newest checkpoint, freshly signed if the head moved (`written`). Refuses to sign a log that does not verify. */
export async function takeCheckpoint(actor: Actor, now = new Date()): Promise<{ written: boolean; checkpoint: SignedCheckpoint }> {
  authorize(actor, "audit:checkpoint");
  const state = await checkpointedState(now, actor.email);
  if (!state.key.ok) throw new AppError("AUDIT_SIGNING_KEY_MISSING", state.key.reason);
  const report = toReport(state);
  if (!report.valid) {
    const why = report.brokenAt ? `the chain breaks at event #${report.brokenAt}` : "reason" in state.verdict ? state.verdict.reason : "it does not match its newest checkpoint";
    throw new AppError("AUDIT_LOG_TAMPERED", `The audit log does not verify, so its head is not signed: ${why}`, report);
  }
  if (!state.newest) throw new AppError("CONFLICT", "The audit log is empty: there is no head to sign.");
  return { written: state.written, checkpoint: state.newest };
}

export const CHECKPOINT_INTERVAL_MS = 10 * 60_000;

/**
 * Signs the head every `everyMs` while the server runs (only when it moved). Several app processes
 * may each sign the same head: harmless. `schedule` and `clock` are injectable for tests.
 */
export function scheduleAuditCheckpoints({
  everyMs = CHECKPOINT_INTERVAL_MS,
  schedule = setInterval,
  clock = () => new Date(),
}: { everyMs?: number; schedule?: (run: () => void, ms: number) => { unref?: () => unknown }; clock?: () => Date } = {}): { tick: () => Promise<void> } | null {
  if (!auditSigningKey().ok) return null;
  const tick = async () => {
    try {
      await checkpointIfHeadMoved(clock());
    } catch (error) {
      // A passing database outage must not stop the timer; the next tick tries again.
      console.error("audit checkpoint failed:", error);
    }
  };
  schedule(() => void tick(), everyMs).unref?.();
  return { tick };
}

/** The key auditors verify checkpoints with; 404 while none is configured. */
export function auditPublicKey(actor: Actor): { keyId: string; publicKeyPem: string } {
  authorize(actor, "register:read");
  const key = auditSigningKey();
  if (!key.ok) throw new AppError("NOT_FOUND", key.reason);
  return { keyId: key.keyId, publicKeyPem: key.publicKeyPem };
}

/** The whole log with its checkpoints and public key, for scripts/verify-audit.ts; signs the head first when it moved. */
export async function exportAuditLog(actor: Actor, now = new Date()): Promise<AuditExport> {
  authorize(actor, "register:read");
  return whileHoldingExportSlot(actor.id, now, () => readAuditExport(actor, now));
}

async function readAuditExport(actor: Actor, now: Date): Promise<AuditExport> {
  const state = await checkpointedState(now, actor.email);
  const db = prisma();
  // Checkpoints before events, as in the check; a log that fails is exported all the same, for the auditor to see.
  const checkpoints = await db.auditCheckpoint.findMany({ orderBy: { id: "asc" } });
  const events = await db.auditEvent.findMany({ select: auditEventSelect, orderBy: { id: "asc" } });
  return {
    format: AUDIT_EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    keyId: state.key.ok ? state.key.keyId : null,
    publicKey: state.key.ok ? state.key.publicKeyPem : null,
    events: events.map((e) => ({ ...e, id: String(e.id), at: e.at.toISOString() })),
    checkpoints: checkpoints.map(toSigned),
  };
}
