// Signed checkpoints of the audit chain's head, in the manner of CloudTrail's digest files. The hash
// chain alone cannot see its newest events removed (the remaining prefix still verifies); a
// checkpoint signed with a key kept outside the database records how far the log reached, so a
// shorter or rewritten log no longer matches it. Pure: the callers read the rows and the key.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";
import { canonicalJson, eventHash, type StoredEvent } from "./chain";

/** What is signed: the chain's head when the checkpoint was taken, and which key signed it. */
export interface CheckpointPayload {
  /** The newest event's id (a bigint, as a decimal string). */
  lastId: string;
  lastHash: string;
  /** How many events the log held, up to and including lastId (ids have gaps: rolled-back writes use some up). */
  count: number;
  /** ISO 8601, UTC. */
  at: string;
  keyId: string;
}

export interface SignedCheckpoint extends CheckpointPayload {
  id: string;
  /** Ed25519 over checkpointMessage(payload), base64. */
  signature: string;
}

// A prefix of its own, so a signature over a checkpoint can never be passed off as one over anything else.
const MESSAGE_PREFIX = "grr-audit-checkpoint-v1\n";

export function checkpointMessage(payload: CheckpointPayload): Buffer {
  const { lastId, lastHash, count, at, keyId } = payload;
  return Buffer.from(MESSAGE_PREFIX + canonicalJson({ lastId, lastHash, count, at, keyId }), "utf8");
}

/** The key's id: SHA-256 (hex) of the public key's DER (SubjectPublicKeyInfo) encoding. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash("sha256").update(publicKey.export({ type: "spki", format: "der" })).digest("hex");
}

export function publicKeyPem(publicKey: KeyObject): string {
  return publicKey.export({ type: "spki", format: "pem" }).toString();
}

/** A new Ed25519 private key as PKCS#8 PEM (what AUDIT_SIGNING_KEY and DATA_DIR/audit-signing-key.pem hold). */
export function generateSigningKeyPem(): string {
  return generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}

export type ParsedKey<K> = { ok: true; key: K } | { ok: false; reason: string };

function pemOrDer(text: string): { key: string | Buffer; format: "pem" | "der" } {
  const trimmed = text.trim();
  if (trimmed.includes("-----BEGIN")) return { key: trimmed, format: "pem" };
  // Multi-line values are awkward in an environment: the PEM may come base64-encoded (or its DER may).
  const decoded = Buffer.from(trimmed, "base64");
  const asText = decoded.toString("utf8");
  return asText.includes("-----BEGIN") ? { key: asText, format: "pem" } : { key: decoded, format: "der" };
}

/** An Ed25519 private key from PKCS#8 PEM, or from that PEM (or its DER) in base64. */
export function parsePrivateKey(text: string): ParsedKey<KeyObject> {
  try {
    const { key, format } = pemOrDer(text);
    const parsed = createPrivateKey(format === "pem" ? { key, format } : { key, format, type: "pkcs8" });
    if (parsed.asymmetricKeyType !== "ed25519") return { ok: false, reason: `it is a ${parsed.asymmetricKeyType} key, not Ed25519` };
    return { ok: true, key: parsed };
  } catch {
    return { ok: false, reason: "it is not a PKCS#8 private key (PEM, or PEM in base64)" };
  }
}

/** An Ed25519 public key from SPKI PEM (a private key's PEM gives its public half). */
export function parsePublicKey(text: string): ParsedKey<KeyObject> {
  try {
    const parsed = createPublicKey(pemOrDer(text).key);
    if (parsed.asymmetricKeyType !== "ed25519") return { ok: false, reason: `it is a ${parsed.asymmetricKeyType} key, not Ed25519` };
    return { ok: true, key: parsed };
  } catch {
    return { ok: false, reason: "it is not a public key in PEM" };
  }
}

export interface ChainHead {
  lastId: bigint | number | string;
  lastHash: string;
  count: number;
  at: Date;
}

export function signCheckpoint(head: ChainHead, privateKey: KeyObject): CheckpointPayload & { signature: string } {
  const payload: CheckpointPayload = {
    lastId: String(head.lastId),
    lastHash: head.lastHash,
    count: head.count,
    at: head.at.toISOString(),
    keyId: keyIdOf(createPublicKey(privateKey)),
  };
  return { ...payload, signature: sign(null, checkpointMessage(payload), privateKey).toString("base64") };
}

/** Null when the checkpoint was signed by this key over exactly its payload; else why not. */
export function signatureProblem(checkpoint: CheckpointPayload & { signature: string }, publicKey: KeyObject): string | null {
  const keyId = keyIdOf(publicKey);
  if (checkpoint.keyId !== keyId) return `it names key ${checkpoint.keyId.slice(0, 16)}…, not the verifying key ${keyId.slice(0, 16)}…`;
  let valid = false;
  try {
    valid = verify(null, checkpointMessage(checkpoint), publicKey, Buffer.from(checkpoint.signature, "base64"));
  } catch {
    valid = false;
  }
  return valid ? null : "its signature does not match its contents (the checkpoint was altered or forged)";
}

/** The events in id order, indexed once so that many checkpoints can be checked against them cheaply. */
export interface EventIndex {
  ids: bigint[];
  byId: Map<bigint, StoredEvent>;
}

export function indexEvents(events: StoredEvent[]): EventIndex {
  const sorted = events.map((event) => ({ id: BigInt(String(event.id)), event })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { ids: sorted.map((e) => e.id), byId: new Map(sorted.map((e) => [e.id, e.event])) };
}

/** How many ids are ≤ id. */
function countUpTo(ids: bigint[], id: bigint): number {
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (ids[mid] <= id) low = mid + 1;
    else high = mid;
  }
  return low;
}

export type CheckpointVerdict =
  | { status: "VALID"; checkpointId: string; eventsAfter: number }
  | { status: "BAD_SIGNATURE"; checkpointId: string; reason: string }
  | {
      status: "TRUNCATED";
      checkpointId: string;
      reason: string;
      /** How many checkpointed events are gone, and the ids they were among: after `afterId` (null: anywhere from the first) through `throughId`. */
      missing: { count: number; afterId: string | null; throughId: string };
    }
  | { status: "REWRITTEN"; checkpointId: string; reason: string; eventId: string };

export type CheckpointFailure = Exclude<CheckpointVerdict, { status: "VALID" }>;

/**
 * Whether the log still holds what the checkpoint recorded: the event at lastId with the same hash
 * (which, through the chain, covers every event before it) and as many events up to it.
 * The chain itself is verifyChain's to check; together they say the log is the checkpointed one,
 * extended.
 */
export function verifyAgainstCheckpoint(events: StoredEvent[] | EventIndex, checkpoint: SignedCheckpoint, publicKey: KeyObject): CheckpointVerdict {
  const index = Array.isArray(events) ? indexEvents(events) : events;
  const checkpointId = checkpoint.id;
  const badSignature = signatureProblem(checkpoint, publicKey);
  if (badSignature) return { status: "BAD_SIGNATURE", checkpointId, reason: `Checkpoint #${checkpointId} cannot be trusted: ${badSignature}.` };

  const lastId = BigInt(checkpoint.lastId);
  const covered = countUpTo(index.ids, lastId);
  const last = index.byId.get(lastId);
  if (!last || covered < checkpoint.count) {
    // Without the last event, the gap ends at it and starts after the newest event still before it;
    // with it, some events before it are gone (verifyChain names where) and the gap is somewhere up to it.
    const newestBefore = last ? undefined : index.ids[covered - 1];
    const afterId = newestBefore === undefined ? null : String(newestBefore);
    const count = Math.max(checkpoint.count - covered, 1);
    const where = last ? `from before #${checkpoint.lastId}` : afterId === null ? `(every id through #${checkpoint.lastId})` : `(the ids after #${afterId} through #${checkpoint.lastId})`;
    return {
      status: "TRUNCATED",
      checkpointId,
      reason: `Checkpoint #${checkpointId} recorded ${checkpoint.count} events through #${checkpoint.lastId}; ${count} of them ${count === 1 ? "is" : "are"} missing ${where}.`,
      missing: { count, afterId, throughId: checkpoint.lastId },
    };
  }
  if (last.hash !== checkpoint.lastHash || eventHash(last.prevHash, last) !== checkpoint.lastHash) {
    return {
      status: "REWRITTEN",
      checkpointId,
      eventId: checkpoint.lastId,
      reason: `Event #${checkpoint.lastId} no longer has the hash checkpoint #${checkpointId} signed: it, or an event before it, was rewritten.`,
    };
  }
  if (covered > checkpoint.count) {
    return {
      status: "REWRITTEN",
      checkpointId,
      eventId: checkpoint.lastId,
      reason: `The log holds ${covered} events up to #${checkpoint.lastId}, checkpoint #${checkpointId} counted ${checkpoint.count}: events were inserted.`,
    };
  }
  return { status: "VALID", checkpointId, eventsAfter: index.ids.length - covered };
}
