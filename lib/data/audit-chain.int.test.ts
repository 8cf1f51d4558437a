// Signed checkpoints of the audit chain against a real database: what the chain check reports when
// the newest events are deleted or the chain is rewritten behind the trigger's back (as the table's
// owner can), the on-demand and periodic checkpoints, and the offline verifier on an exported file.
// A database of its own: the tests tamper with the log on purpose.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as checkpointsRoute from "@/app/api/v1/audit/checkpoints/route";
import * as chainRoute from "@/app/api/v1/audit/chain/route";
import * as publicKeyRoute from "@/app/api/v1/audit/public-key/route";
import * as exportRoute from "@/app/api/v1/export/audit.json/route";
import { eventHash } from "@/lib/audit/chain";
import { generateSigningKeyPem, keyIdOf, parsePublicKey } from "@/lib/audit/checkpoint";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { callRoute } from "@/lib/test/route-client";
import { actorsFor, tokensFor, withSeededDatabase } from "@/lib/test/seeded-database";
import { auditPublicKey, checkAuditChain, CHECKPOINT_INTERVAL_MS, scheduleAuditCheckpoints, takeCheckpoint } from "./audit-chain";
import { createTeam } from "./catalog";

const ROOT = path.resolve(import.meta.dirname, "../..");
let db: PrismaClient;
let lead: Actor;
let viewer: Actor;
let reviewer: Actor;
const tokens: Record<string, string> = {};
let teams = 0;
let workDir: string;
const previousKey = process.env.AUDIT_SIGNING_KEY;

const writeEvents = async (count: number) => {
  for (let i = 0; i < count; i++) await createTeam(lead, { name: `Checkpointed team ${++teams}`, description: "" });
};
const newestEventId = async () => (await db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } })).id;

// As the database superuser, behind the append-only trigger's back.
async function asSuperuser(statements: () => Promise<void>) {
  await db.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`);
  try {
    await statements();
  } finally {
    await db.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER ALL`);
  }
}

function verify(document: unknown, publicKeyPem: string, name: string) {
  const file = path.join(workDir, name);
  const keyFile = path.join(workDir, "audit-public-key.pem");
  writeFileSync(file, JSON.stringify(document));
  writeFileSync(keyFile, publicKeyPem);
  const run = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/verify-audit.ts", file, "--public-key", keyFile], { cwd: ROOT, encoding: "utf8" });
  return { code: run.status, stdout: run.stdout.trim(), stderr: run.stderr.trim() };
}

/** How many events the chain holds once `written` more than the seed's (its history and itself). */
let seededEvents: number;
const eventsAfter = (written: number) => seededEvents + written;

withSeededDatabase("audit_chain", async (seeded) => {
  db = seeded.db;
  ({ lead, viewer, reviewer } = await actorsFor(db, ["lead", "viewer", "reviewer"]));
  Object.assign(tokens, await tokensFor(db, ["viewer", "reviewer"]));
  workDir = mkdtempSync(path.join(tmpdir(), "audit-export-"));
  seededEvents = await db.auditEvent.count();
  await writeEvents(3);
});

afterAll(async () => {
  if (previousKey === undefined) delete process.env.AUDIT_SIGNING_KEY;
  else process.env.AUDIT_SIGNING_KEY = previousKey;
  rmSync(workDir, { recursive: true, force: true });
});

describe("without a signing key", () => {
  it("the check still recomputes the chain and says plainly that nothing can be signed", async () => {
    delete process.env.AUDIT_SIGNING_KEY;
    const report = await checkAuditChain(viewer);
    expect(report).toMatchObject({ valid: true, total: eventsAfter(3), checked: eventsAfter(3), checkpoint: { status: "UNSIGNED", checkpoints: 0, latest: null, written: false } });
    expect("reason" in report.checkpoint && report.checkpoint.reason).toContain("No audit signing key is configured");
    await expect(takeCheckpoint(reviewer)).rejects.toMatchObject({ code: "AUDIT_SIGNING_KEY_MISSING", status: 409 });
    expect(() => auditPublicKey(viewer)).toThrow(AppError);
    expect((await callRoute(publicKeyRoute.GET, { path: "/api/v1/audit/public-key", token: tokens.viewer })).status).toBe(404);
    process.env.AUDIT_SIGNING_KEY = "not a key";
    expect((await checkAuditChain(viewer)).checkpoint).toMatchObject({ status: "UNSIGNED", reason: expect.stringContaining("AUDIT_SIGNING_KEY cannot be used") });
    expect(await db.auditCheckpoint.count()).toBe(0);
  });
});

describe("with a signing key", () => {
  const signingKey = generateSigningKeyPem();
  const at = new Date("2026-12-01T21:30:00.000Z");

  it("the chain check signs the head when it moved, and only then; a checkpoint is no audit event", async () => {
    process.env.AUDIT_SIGNING_KEY = signingKey;
    const head = await newestEventId();
    const first = await checkAuditChain(viewer, at);
    expect(first).toMatchObject({ valid: true, total: eventsAfter(3), checkpoint: { status: "VALID", written: true, checkpoints: 1, eventsAfter: 0 } });
    expect(first.checkpoint.latest).toMatchObject({ lastId: String(head), count: eventsAfter(3), at: at.toISOString(), keyId: auditPublicKey(viewer).keyId });
    const again = await checkAuditChain(viewer, new Date(at.getTime() + 1000));
    expect(again.checkpoint).toMatchObject({ status: "VALID", written: false, checkpoints: 1, checkpointId: first.checkpoint.latest!.id });
    // The register's version (its newest audit id) did not move.
    expect(await newestEventId()).toBe(head);
    expect(await db.auditEvent.count()).toBe(eventsAfter(3));
  });

  it("GET /api/v1/audit/chain reports the checkpoint verdict", async () => {
    await writeEvents(1);
    const res = await callRoute(chainRoute.GET, { path: "/api/v1/audit/chain", token: tokens.viewer });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ valid: true, total: eventsAfter(4), checked: eventsAfter(4), checkpoint: { status: "VALID", written: true, checkpoints: 2, latest: { count: eventsAfter(4) } } });
  });

  it("POST /api/v1/audit/checkpoints: 201 with a new checkpoint when the head moved, 200 with the newest when not; reviewers only", async () => {
    await writeEvents(1);
    const created = await callRoute(checkpointsRoute.POST, { method: "POST", path: "/api/v1/audit/checkpoints", token: tokens.reviewer });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ written: true, checkpoint: { lastId: String(await newestEventId()), count: eventsAfter(5) } });
    const unchanged = await callRoute(checkpointsRoute.POST, { method: "POST", path: "/api/v1/audit/checkpoints", token: tokens.reviewer });
    expect([unchanged.status, unchanged.body.written, unchanged.body.checkpoint.id]).toEqual([200, false, created.body.checkpoint.id]);
    expect((await callRoute(checkpointsRoute.POST, { method: "POST", path: "/api/v1/audit/checkpoints", token: tokens.viewer })).status).toBe(403);
  });

  it("the server's timer signs the head every ten minutes, only when it moved, at the injected clock's time", async () => {
    const scheduled: { every?: number } = {};
    const timer = scheduleAuditCheckpoints({ schedule: (_run, every) => ((scheduled.every = every), {}), clock: () => at });
    expect(scheduled.every).toBe(CHECKPOINT_INTERVAL_MS);
    const before = await db.auditCheckpoint.count();
    await timer!.tick();
    expect(await db.auditCheckpoint.count()).toBe(before);
    await writeEvents(2);
    await timer!.tick();
    const newest = await db.auditCheckpoint.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect([await db.auditCheckpoint.count(), newest.lastId, newest.count, newest.at.toISOString()]).toEqual([before + 1, await newestEventId(), eventsAfter(7), at.toISOString()]);
  });

  it("exports the log with its checkpoints and key, which the offline verifier accepts", async () => {
    const keyResponse = await callRoute(publicKeyRoute.GET, { path: "/api/v1/audit/public-key", token: tokens.viewer });
    expect(keyResponse.status).toBe(200);
    expect(keyResponse.body).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const parsed = parsePublicKey(keyResponse.body);
    expect(parsed.ok && keyIdOf(parsed.key)).toBe(keyResponse.headers.get("x-audit-key-id"));

    await writeEvents(1);
    const res = await callRoute(exportRoute.GET, { path: "/api/v1/export/audit.json", token: tokens.viewer });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ format: "grr-audit-log/1", keyId: keyResponse.headers.get("x-audit-key-id"), publicKey: keyResponse.body });
    expect(res.body.events).toHaveLength(eventsAfter(8));
    expect(Object.keys(res.body.events[0]).sort()).toEqual(["action", "actorEmail", "after", "at", "before", "entity", "entityId", "hash", "id", "prevHash"]);
    // Exporting signed the head first, so the file's newest checkpoint covers its last event.
    expect(res.body.checkpoints.at(-1)).toMatchObject({ lastId: res.body.events.at(-1).id, count: eventsAfter(8) });

    const good = verify(res.body, keyResponse.body, "audit.json");
    expect([good.code, good.stderr]).toEqual([0, ""]);
    expect(good.stdout).toMatch(new RegExp(`^VALID: ${eventsAfter(8)} events re-hashed, 5 checkpoints verified`));
    const truncated = verify({ ...res.body, events: res.body.events.slice(0, -3) }, keyResponse.body, "truncated.json");
    expect(truncated.code).toBe(1);
    expect(truncated.stdout).toMatch(/^INVALID: TRUNCATED: .*3 of them are missing \(the ids after/);
    const edited = structuredClone(res.body);
    edited.events[2].actorEmail = "someone-else@example.com";
    expect(verify(edited, keyResponse.body, "edited.json")).toMatchObject({ code: 1, stdout: expect.stringMatching(/^INVALID: the chain breaks at event #/) });
  });

  it("REWRITTEN: the chain re-hashed consistently after an edit no longer matches the checkpoint", async () => {
    const checkpoint = (await checkAuditChain(viewer, at)).checkpoint.latest!;
    const original = await db.auditEvent.findMany({ orderBy: { id: "asc" } });
    // Edit an old event, then recompute every hash from it on, so that the chain itself verifies again.
    const editedIndex = 2;
    await asSuperuser(async () => {
      let prevHash = original[editedIndex - 1].hash;
      for (const event of original.slice(editedIndex)) {
        const actorEmail = event.id === original[editedIndex].id ? "someone-else@example.com" : event.actorEmail;
        const hash = eventHash(prevHash, { ...event, actorEmail });
        await db.auditEvent.update({ where: { id: event.id }, data: { actorEmail, prevHash, hash } });
        prevHash = hash;
      }
    });
    const report = await checkAuditChain(viewer, at);
    expect(report).toMatchObject({ valid: false, checked: eventsAfter(8), total: eventsAfter(8), checkpoint: { status: "REWRITTEN", eventId: checkpoint.lastId, written: false } });
    expect(report.brokenAt).toBeUndefined();
    await expect(takeCheckpoint(reviewer, at)).rejects.toMatchObject({ code: "AUDIT_LOG_TAMPERED" });

    // Put the log back as it was: it matches its checkpoint again.
    await asSuperuser(async () => {
      for (const event of original.slice(editedIndex)) {
        await db.auditEvent.update({ where: { id: event.id }, data: { actorEmail: event.actorEmail, prevHash: event.prevHash, hash: event.hash } });
      }
    });
    expect(await checkAuditChain(viewer, at)).toMatchObject({ valid: true, checkpoint: { status: "VALID" } });
  });

  it("TRUNCATED: the three newest events deleted behind the trigger's back (the chain alone still verifies)", async () => {
    await writeEvents(3);
    const report = await checkAuditChain(viewer, at);
    expect(report.checkpoint).toMatchObject({ status: "VALID", written: true });
    const signed = report.checkpoint.latest!;
    const newest = await db.auditEvent.findMany({ orderBy: { id: "desc" }, take: 4, select: { id: true } });

    await asSuperuser(async () => {
      await db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "id" IN (SELECT "id" FROM "AuditEvent" ORDER BY "id" DESC LIMIT 3)`);
    });
    const truncated = await checkAuditChain(viewer, at);
    // Before checkpoints this said {valid: true}: the remaining prefix verifies.
    expect(truncated).toMatchObject({ valid: false, checked: eventsAfter(8), total: eventsAfter(8), checkpoint: { status: "TRUNCATED", checkpointId: signed.id, written: false } });
    expect(truncated.brokenAt).toBeUndefined();
    expect(truncated.checkpoint).toMatchObject({ missing: { count: 3, afterId: String(newest[3].id), throughId: String(newest[0].id) } });

    // The app writing on does not launder it: the truncated log is never signed.
    await writeEvents(1);
    const later = await checkAuditChain(viewer, at);
    expect(later.checkpoint).toMatchObject({ status: "TRUNCATED", checkpointId: signed.id, written: false });
    await expect(takeCheckpoint(reviewer, at)).rejects.toMatchObject({ code: "AUDIT_LOG_TAMPERED", status: 409 });

    // And the export of the truncated log fails the offline check.
    const exported = await callRoute(exportRoute.GET, { path: "/api/v1/export/audit.json", token: tokens.viewer });
    const offline = verify(exported.body, auditPublicKey(viewer).publicKeyPem, "after-truncation.json");
    expect(offline.code).toBe(1);
    expect(offline.stdout).toMatch(new RegExp(`^INVALID: TRUNCATED: Checkpoint #\\d+ recorded ${eventsAfter(11)} events through`));
  });

  // As in audit.int.test.ts: the embedded server drops the connection on the trigger's exception.
  it.skipIf(process.env.EMBEDDED_DATABASE === "1")("checkpoints are append-only too, for anyone but a superuser who disables the trigger", async () => {
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditCheckpoint"`)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`UPDATE "AuditCheckpoint" SET "count" = 0`)).rejects.toThrow(/append-only/);
  });
});
