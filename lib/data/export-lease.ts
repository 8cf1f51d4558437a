// How many exports one user runs at once, bounded across every app process on the database: each
// running export holds one of the user's EXPORTS_PER_USER slots in "ExportLease". A slot is taken by
// one atomic statement, given back when the export ends or is cancelled, and expires on its own if
// the process holding it dies.
import "server-only";
import { randomUUID } from "node:crypto";
import { prisma, type Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

export const EXPORTS_PER_USER = 2;
/** A slot whose export stopped renewing it (its process died) is free after this long. */
export const EXPORT_LEASE_MS = 60_000;
/** A running export pushes its expiry forward at most this often. */
const RENEW_AFTER_MS = 15_000;
/** What a refused client is told to wait: exports take seconds, and a crashed one's slot frees within a minute. */
export const EXPORT_RETRY_AFTER_SECONDS = 10;

export interface ExportLease {
  /** Keeps the slot while the export runs; cheap to call on every page. */
  renew(): Promise<void>;
  /** Gives the slot back; safe to call more than once. */
  release(): Promise<void>;
}

export interface LeaseOptions {
  db?: Db;
  now?: Date;
  limit?: number;
}

/**
 * Takes a free slot (none held, or its lease expired) or refuses with TOO_MANY_REQUESTS. The
 * statement picks the lowest slot free in its snapshot; ON CONFLICT re-checks the row as committed,
 * so two processes can never hold one slot. Losing such a race leaves the statement without a row,
 * and it is tried again against the slots as they now are (at most once per slot).
 */
export async function takeExportLease(userId: string, options: LeaseOptions = {}): Promise<ExportLease> {
  const db = options.db ?? prisma();
  const limit = options.limit ?? EXPORTS_PER_USER;
  const now = options.now ?? new Date();
  const token = randomUUID();
  for (let attempt = 0; attempt < limit; attempt++) {
    const taken = await db.$queryRaw<{ slot: number }[]>`
      INSERT INTO "ExportLease" ("userId", "slot", "token", "expiresAt")
      SELECT ${userId}, s, ${token}, ${new Date(now.getTime() + EXPORT_LEASE_MS)}
      FROM generate_series(1, ${limit}::int) AS s
      WHERE NOT EXISTS (SELECT 1 FROM "ExportLease" l WHERE l."userId" = ${userId} AND l."slot" = s AND l."expiresAt" > ${now})
      ORDER BY s
      LIMIT 1
      ON CONFLICT ("userId", "slot") DO UPDATE SET "token" = EXCLUDED."token", "expiresAt" = EXCLUDED."expiresAt"
      WHERE "ExportLease"."expiresAt" <= ${now}
      RETURNING "slot"`;
    if (taken.length > 0) return lease(db, userId, taken[0].slot, token, now);
    const running = await db.exportLease.count({ where: { userId, expiresAt: { gt: now } } });
    if (running >= limit) break;
  }
  throw new AppError(
    "TOO_MANY_REQUESTS",
    `You already have ${limit} exports running, the most one person may run at once. Retry after one has finished.`,
    { limit, retryAfterSeconds: EXPORT_RETRY_AFTER_SECONDS },
    { retryAfterSeconds: EXPORT_RETRY_AFTER_SECONDS },
  );
}

/** Reads a whole export at once while holding one of the user's slots, given back however the read ends. */
export async function whileHoldingExportSlot<T>(userId: string, now: Date, read: () => Promise<T>): Promise<T> {
  const lease = await takeExportLease(userId, { now });
  try {
    return await read();
  } finally {
    await lease.release();
  }
}

function lease(db: Db, userId: string, slot: number, token: string, takenAt: Date): ExportLease {
  // Renewal runs on the process's own clock from the moment of taking (an injected `now` in tests).
  const startedAt = Date.now();
  let renewedAt = startedAt;
  let released = false;
  const mine = { userId, slot, token };
  return {
    async renew() {
      if (released || Date.now() - renewedAt < RENEW_AFTER_MS) return;
      renewedAt = Date.now();
      const expiresAt = new Date(takenAt.getTime() + (renewedAt - startedAt) + EXPORT_LEASE_MS);
      await db.exportLease.updateMany({ where: mine, data: { expiresAt } });
    },
    async release() {
      if (released) return;
      released = true;
      // Only our own lease: after an expiry the slot may belong to another export. Should the database
      // be unreachable now, the lease expires on its own; the export itself is not failed for it.
      await db.exportLease.deleteMany({ where: mine }).catch((error: unknown) => console.error("An export lease was left to expire:", error));
    },
  };
}
