import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildChain, rehashFrom } from "@/lib/test/audit-chain-fixture";
import { keyIdOf, publicKeyPem, signCheckpoint } from "./checkpoint";
import { AUDIT_EXPORT_FORMAT, verifyAuditExport, type AuditExport } from "./export-verification";

const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const pem = publicKeyPem(publicKey);

// An export as GET /api/v1/export/audit.json writes it: checkpoints after the 3rd and the 6th event.
function exported(count = 6): AuditExport {
  const events = buildChain(count);
  const checkpoints = [3, 6].map((upTo, index) => {
    const head = events[upTo - 1];
    return { id: String(index + 1), ...signCheckpoint({ lastId: head.id, lastHash: head.hash, count: upTo, at: new Date(Date.UTC(2026, 0, 2, index)) }, privateKey) };
  });
  return {
    format: AUDIT_EXPORT_FORMAT,
    exportedAt: "2026-01-03T00:00:00.000Z",
    keyId: keyIdOf(publicKey),
    publicKey: pem,
    events: events.map((e) => ({ ...e, id: String(e.id), at: e.at.toISOString() })),
    checkpoints,
  };
}

describe("verifyAuditExport", () => {
  it("VALID: every event re-hashes and every checkpoint verifies and matches", () => {
    const result = verifyAuditExport(exported(), pem);
    expect(result).toMatchObject({ ok: true, warnings: [], failures: [] });
    expect(result.verdict).toMatch(/^VALID: 6 events re-hashed, 2 checkpoints verified .* through #6\.$/);
  });

  it("INVALID when the newest events were removed, with the checkpoint that shows it", () => {
    const file = exported();
    file.events = file.events.slice(0, 4);
    const result = verifyAuditExport(file, pem);
    expect(result.ok).toBe(false);
    expect(result.verdict).toMatch(/^INVALID: TRUNCATED: Checkpoint #2 recorded 6 events through #6; 2 of them are missing \(the ids after #4/);
  });

  it("INVALID when the chain was re-hashed after an edit, or breaks", () => {
    const file = exported();
    const events = buildChain(6);
    events[4] = { ...events[4], actorEmail: "someone-else@example.com" };
    file.events = rehashFrom(events, 4).map((e) => ({ ...e, id: String(e.id), at: e.at.toISOString() }));
    expect(verifyAuditExport(file, pem).verdict).toMatch(/^INVALID: REWRITTEN: Event #6/);
    file.events[1].entityId = "edited";
    expect(verifyAuditExport(file, pem).verdict).toMatch(/^INVALID: the chain breaks at event #2/);
  });

  it("checkpoints kept from an earlier export catch checkpoints removed with the events they covered", () => {
    const earlier = exported();
    const later = exported();
    later.events = later.events.slice(0, 3);
    later.checkpoints = later.checkpoints.slice(0, 1);
    expect(verifyAuditExport(later, pem).ok).toBe(true);
    expect(verifyAuditExport(later, pem, earlier.checkpoints)).toMatchObject({ ok: false, verdict: expect.stringContaining("TRUNCATED") });
  });

  it("warns when the key is the file's own or differs from the file's, and fails on another key's checkpoints", () => {
    expect(verifyAuditExport(exported()).warnings).toEqual([expect.stringContaining("key inside the file")]);
    const other = publicKeyPem(generateKeyPairSync("ed25519").publicKey);
    const result = verifyAuditExport(exported(), other);
    expect(result.warnings).toEqual([expect.stringContaining("names signing key")]);
    expect(result.verdict).toMatch(/^INVALID: BAD_SIGNATURE/);
  });

  it("warns that a file without checkpoints cannot show truncation, and refuses what is not an export", () => {
    const file = { ...exported(), checkpoints: [] };
    expect(verifyAuditExport(file, pem)).toMatchObject({ ok: true, warnings: [expect.stringContaining("no checkpoint")] });
    expect(verifyAuditExport({ events: [] }, pem)).toMatchObject({ ok: false, verdict: expect.stringContaining("not an audit log export (format") });
    expect(verifyAuditExport(exported(), "not a key")).toMatchObject({ ok: false, verdict: expect.stringContaining("public key cannot be used") });
  });
});
