import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildChain, rehashFrom } from "@/lib/test/audit-chain-fixture";
import {
  checkpointMessage,
  generateSigningKeyPem,
  keyIdOf,
  parsePrivateKey,
  parsePublicKey,
  publicKeyPem,
  signCheckpoint,
  signatureProblem,
  verifyAgainstCheckpoint,
  type SignedCheckpoint,
} from "./checkpoint";

const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const at = new Date("2026-12-01T21:00:00.000Z");

// A checkpoint of the first `upTo` events of a chain, as the database would hold it.
function checkpointOf(events: ReturnType<typeof buildChain>, upTo = events.length, key = privateKey): SignedCheckpoint {
  const head = events[upTo - 1];
  return { id: "7", ...signCheckpoint({ lastId: head.id, lastHash: head.hash, count: upTo, at }, key) };
}

describe("signing a checkpoint", () => {
  it("signs the canonical payload {lastId, lastHash, count, at, keyId}, in any key order", () => {
    const events = buildChain(3);
    const checkpoint = checkpointOf(events);
    expect(checkpoint).toMatchObject({ lastId: "3", lastHash: events[2].hash, count: 3, at: at.toISOString(), keyId: keyIdOf(publicKey) });
    expect(signatureProblem(checkpoint, publicKey)).toBeNull();
    const { keyId, count, at: when, lastHash, lastId } = checkpoint;
    expect(checkpointMessage({ keyId, count, at: when, lastHash, lastId }).equals(checkpointMessage(checkpoint))).toBe(true);
    expect(checkpointMessage(checkpoint).toString()).toBe(
      `grr-audit-checkpoint-v1\n{"at":"${at.toISOString()}","count":3,"keyId":"${keyIdOf(publicKey)}","lastHash":"${events[2].hash}","lastId":"3"}`,
    );
  });

  it("the key id is the SHA-256 of the public key, and reads the same from PEM", () => {
    expect(keyIdOf(publicKey)).toMatch(/^[0-9a-f]{64}$/);
    const parsed = parsePublicKey(publicKeyPem(publicKey));
    expect(parsed.ok && keyIdOf(parsed.key)).toBe(keyIdOf(publicKey));
  });

  it("reads a private key from PKCS#8 PEM or its base64, and refuses anything else", () => {
    const pem = generateSigningKeyPem();
    const fromPem = parsePrivateKey(pem);
    const fromBase64 = parsePrivateKey(Buffer.from(pem).toString("base64"));
    expect(fromPem.ok && fromBase64.ok && fromPem.key.equals(fromBase64.key)).toBe(true);
    expect(parsePrivateKey("not a key")).toMatchObject({ ok: false, reason: expect.stringContaining("PKCS#8") });
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(parsePrivateKey(rsa)).toMatchObject({ ok: false, reason: expect.stringContaining("not Ed25519") });
  });
});

describe("verifyAgainstCheckpoint", () => {
  it("valid: the log is the checkpointed one, extended by newer events", () => {
    const events = buildChain(6);
    expect(verifyAgainstCheckpoint(events, checkpointOf(events, 4), publicKey)).toEqual({ status: "VALID", checkpointId: "7", eventsAfter: 2 });
    expect(verifyAgainstCheckpoint(events, checkpointOf(events), publicKey)).toEqual({ status: "VALID", checkpointId: "7", eventsAfter: 0 });
  });

  it("valid across gaps in the ids (a rolled-back write uses ids up)", () => {
    const events = buildChain(4).map((event, index) => ({ ...event, id: BigInt(index * 10 + 1) }));
    expect(verifyAgainstCheckpoint(events, checkpointOf(events, 3), publicKey)).toMatchObject({ status: "VALID", eventsAfter: 1 });
  });

  it("TRUNCATED: the newest checkpointed events were deleted", () => {
    const events = buildChain(8);
    const checkpoint = checkpointOf(events);
    expect(verifyAgainstCheckpoint(events.slice(0, 5), checkpoint, publicKey)).toMatchObject({
      status: "TRUNCATED",
      missing: { count: 3, afterId: "5", throughId: "8" },
      reason: expect.stringContaining("3 of them are missing (the ids after #5 through #8)"),
    });
  });

  it("TRUNCATED: the log was emptied, or new events were written after the deletion", () => {
    const events = buildChain(4);
    const checkpoint = checkpointOf(events);
    expect(verifyAgainstCheckpoint([], checkpoint, publicKey)).toMatchObject({ status: "TRUNCATED", missing: { count: 4, afterId: null, throughId: "4" } });
    // Deleted #3 and #4, then the app wrote #5 on top of #2: the chain verifies, the checkpoint does not.
    const continued = [...events.slice(0, 2), ...buildChain(3).slice(2).map((e) => ({ ...e, id: 5n }))];
    expect(verifyAgainstCheckpoint(rehashFrom(continued, 2), checkpoint, publicKey)).toMatchObject({ status: "TRUNCATED", missing: { count: 2, afterId: "2" } });
  });

  it("TRUNCATED: fewer events up to the checkpointed one than it counted", () => {
    const events = buildChain(5);
    const checkpoint = checkpointOf(events);
    const withoutSecond = rehashFrom([events[0], ...events.slice(2)], 1);
    expect(verifyAgainstCheckpoint(withoutSecond, checkpoint, publicKey)).toMatchObject({ status: "TRUNCATED", missing: { count: 1, afterId: null, throughId: "5" } });
  });

  it("REWRITTEN: the checkpointed event's hash differs (the chain re-hashed consistently from an earlier event)", () => {
    const events = buildChain(5);
    const checkpoint = checkpointOf(events, 4);
    const altered = events.map((event, index) => (index === 1 ? { ...event, actorEmail: "someone-else@example.com" } : event));
    expect(verifyAgainstCheckpoint(rehashFrom(altered, 1), checkpoint, publicKey)).toMatchObject({ status: "REWRITTEN", eventId: "4" });
  });

  it("REWRITTEN: the checkpointed event itself altered, its stored hash left as it was", () => {
    const events = buildChain(3);
    const checkpoint = checkpointOf(events);
    events[2] = { ...events[2], after: { status: "DENIED" } };
    expect(verifyAgainstCheckpoint(events, checkpoint, publicKey)).toMatchObject({ status: "REWRITTEN", eventId: "3" });
  });

  it("REWRITTEN: more events up to the checkpointed one than it counted (one inserted)", () => {
    const events = buildChain(4);
    const checkpoint = { ...checkpointOf(events), count: 3 };
    const resigned = { ...checkpoint, ...signCheckpoint({ ...checkpoint, at }, privateKey) };
    expect(verifyAgainstCheckpoint(events, resigned, publicKey)).toMatchObject({ status: "REWRITTEN", reason: expect.stringContaining("inserted") });
  });

  it("BAD_SIGNATURE: an altered checkpoint, a forged one, or one signed by another key", () => {
    const events = buildChain(5);
    const checkpoint = checkpointOf(events);
    // Someone who deleted the newest two events lowers the checkpoint to match.
    const lowered = { ...checkpoint, lastId: "3", lastHash: events[2].hash, count: 3 };
    expect(verifyAgainstCheckpoint(events.slice(0, 3), lowered, publicKey)).toMatchObject({ status: "BAD_SIGNATURE", reason: expect.stringContaining("altered or forged") });
    expect(verifyAgainstCheckpoint(events, { ...checkpoint, signature: "AAAA" }, publicKey)).toMatchObject({ status: "BAD_SIGNATURE" });
    const other = generateKeyPairSync("ed25519");
    const byOtherKey = checkpointOf(events, 3, other.privateKey);
    expect(verifyAgainstCheckpoint(events, byOtherKey, publicKey)).toMatchObject({ status: "BAD_SIGNATURE", reason: expect.stringContaining("not the verifying key") });
    // Claiming the right key id does not help a signature made with another key.
    expect(verifyAgainstCheckpoint(events, { ...byOtherKey, keyId: keyIdOf(publicKey) }, publicKey)).toMatchObject({ status: "BAD_SIGNATURE" });
  });
});
