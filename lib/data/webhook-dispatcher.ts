// Delivers the outbox (./outbox.ts) to the subscriptions, at least once:
// 1. fan-out: events not yet fanned out are claimed (FOR UPDATE SKIP LOCKED) and become one delivery
//    per subscription that wants them, in one statement;
// 2. claim: due deliveries are leased (SKIP LOCKED again, so several app processes share the work and
//    each delivery is attempted by one); no database connection is held while a receiver answers,
//    so a slow receiver slows nobody else, and a lease whose dispatcher died runs out for another;
// 3. record: finished attempts are written in groups, each with the delivery's next step (delivered,
//    retried later with back-off, or failed after a day) and the subscription's failure streak; an
//    endpoint that failed for a day is switched off, audited.
// Time-driven events (grant.expiring, review.due) are announced from here too, once per moment.
import { now as registerNow } from "@/lib/clock";
import { recordAuditEvents, SYSTEM_ACTOR } from "@/lib/audit/record";
import { prisma, type Db } from "@/lib/db/client";
import { isTransactionConflict } from "@/lib/db/errors";
import { afterAttempt, ATTEMPT_TIMEOUT_MS, isDelivered, LEASE_MS, RESPONSE_EXCERPT_CHARS, shouldDisable } from "@/lib/notifications/delivery";
import { GRANT_EXPIRING_NOTICE_DAYS, type EventPayload, type RegisterEvent } from "@/lib/notifications/events";
import { signedHeaders } from "@/lib/notifications/signing";
import { slackMessage } from "@/lib/notifications/slack";
import { addDays, formatDay } from "@/lib/policy/time";
import { grantsFallenDue } from "./access-reviews";
import { emitEvents, wantedTypes } from "./outbox";

const FAN_OUT_CHUNK = 500;
const DEFAULT_CONCURRENCY = 32;
/** Finished attempts are written together after at most this long, so a fast receiver costs few transactions. */
const RECORD_EVERY_MS = 20;
/** With nothing left to claim, the outbox is looked at again this often while attempts are in flight. */
const POLL_WHILE_BUSY_MS = 250;
const ANNOUNCE_LIMIT = 1_000;

const iso = (date: Date) => date.toISOString();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Fans out a chunk of events; how many there were. */
export async function fanOut(db: Db, at: Date): Promise<number> {
  const [{ events }] = await db.$queryRaw<{ events: number }[]>`
    WITH claimed AS (
      SELECT id FROM "OutboxEvent" WHERE "fannedOutAt" IS NULL ORDER BY at, id LIMIT ${FAN_OUT_CHUNK} FOR UPDATE SKIP LOCKED
    ), fanned AS (
      INSERT INTO "WebhookDelivery" (id, "eventId", "subscriptionId", "createdAt", "nextAttemptAt")
      SELECT gen_random_uuid()::text, e.id, s.id, ${iso(at)}::timestamptz AT TIME ZONE 'UTC', ${iso(at)}::timestamptz AT TIME ZONE 'UTC'
      FROM "OutboxEvent" e JOIN claimed c ON c.id = e.id
      JOIN "WebhookSubscription" s ON CASE WHEN e."onlySubscriptionId" IS NOT NULL THEN s.id = e."onlySubscriptionId" ELSE
        s.active
        AND (cardinality(s."eventTypes") = 0 OR e.type = ANY(s."eventTypes"))
        AND (s."minSeverity" IS NULL OR e.severity IS NULL OR e.severity >= s."minSeverity")
        AND (cardinality(s.tools) = 0 OR e.tool IS NULL OR e.tool = ANY(s.tools))
        AND (cardinality(s.environments) = 0 OR e.environment IS NULL OR e.environment = ANY(s.environments))
        AND (cardinality(s.teams) = 0 OR e.team IS NULL OR e.team = ANY(s.teams)) END
      ON CONFLICT DO NOTHING
    ), marked AS (
      UPDATE "OutboxEvent" SET "fannedOutAt" = ${iso(at)}::timestamptz AT TIME ZONE 'UTC' WHERE id IN (SELECT id FROM claimed) RETURNING 1
    )
    SELECT COUNT(*)::int AS events FROM marked`;
  return events;
}

interface Claim {
  id: string;
  eventId: string;
  subscriptionId: string;
  kind: "WEBHOOK" | "SLACK";
  url: string;
  secret: string;
  payload: EventPayload;
  attempts: number;
  createdAtMs: number;
  /** The lease this dispatcher holds: its result is written only while the lease is still its own. */
  leasedUntil: string;
}

async function claimDue(db: Db, at: Date, limit: number): Promise<Claim[]> {
  if (limit <= 0) return [];
  const leasedUntil = iso(new Date(at.getTime() + LEASE_MS));
  const rows = await db.$queryRaw<(Omit<Claim, "createdAtMs" | "leasedUntil"> & { createdAtMs: number })[]>`
    UPDATE "WebhookDelivery" d SET "leasedUntil" = ${leasedUntil}::timestamptz AT TIME ZONE 'UTC'
    FROM (
      SELECT d2.id, e.payload, s.kind::text AS kind, s.url, s.secret
      FROM "WebhookDelivery" d2
      JOIN "WebhookSubscription" s ON s.id = d2."subscriptionId"
      JOIN "OutboxEvent" e ON e.id = d2."eventId"
      WHERE d2.status = 'PENDING' AND d2."nextAttemptAt" <= ${iso(at)}::timestamptz AT TIME ZONE 'UTC'
        AND (d2."leasedUntil" IS NULL OR d2."leasedUntil" <= ${iso(at)}::timestamptz AT TIME ZONE 'UTC')
        AND (s.active OR e."onlySubscriptionId" IS NOT NULL)
      ORDER BY d2."nextAttemptAt"
      LIMIT ${limit}
      FOR UPDATE OF d2 SKIP LOCKED
    ) c
    WHERE d.id = c.id
    RETURNING d.id, d."eventId", d."subscriptionId", c.kind, c.url, c.secret, c.payload, d.attempts,
              (extract(epoch FROM d."createdAt") * 1000)::float8 AS "createdAtMs"`;
  return rows.map((row) => ({ ...row, leasedUntil }));
}

interface AttemptResult {
  claim: Claim;
  at: Date;
  statusCode: number | null;
  error: string | null;
  response: string;
  latencyMs: number;
}

/** The start of the answer, without reading more of a large one than the log keeps. */
async function excerpt(response: Response): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    while (text.length < RESPONSE_EXCERPT_CHARS) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return text.slice(0, RESPONSE_EXCERPT_CHARS);
}

function failureText(error: unknown): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return `no answer within ${ATTEMPT_TIMEOUT_MS / 1000} s`;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : null;
  return (cause ?? (error instanceof Error ? error.message : String(error))).slice(0, RESPONSE_EXCERPT_CHARS);
}

async function attempt(claim: Claim, clock: () => Date): Promise<AttemptResult> {
  const body = JSON.stringify(claim.kind === "SLACK" ? slackMessage(claim.payload) : claim.payload);
  // The signature's timestamp is the sending moment by the system clock, which receivers compare with theirs.
  const headers = { "content-type": "application/json", "user-agent": "genai-risk-register-webhooks/1", ...signedHeaders(claim.secret, claim.eventId, new Date(), body) };
  const started = performance.now();
  const at = clock();
  try {
    const response = await fetch(claim.url, { method: "POST", headers, body, redirect: "manual", signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS) });
    const text = await excerpt(response);
    return { claim, at, statusCode: response.status, error: null, response: text, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { claim, at, statusCode: null, error: failureText(error), response: "", latencyMs: Math.round(performance.now() - started) };
  }
}

/** The failure streak a group of results leaves each subscription with: reset by a success, else lengthened. */
function streaks(results: AttemptResult[]): Map<string, { reset: boolean; failures: number; firstFailureAt: Date | null }> {
  const bySubscription = new Map<string, { reset: boolean; failures: number; firstFailureAt: Date | null }>();
  for (const result of results) {
    const streak = bySubscription.get(result.claim.subscriptionId) ?? { reset: false, failures: 0, firstFailureAt: null };
    if (isDelivered(result.statusCode)) bySubscription.set(result.claim.subscriptionId, { reset: true, failures: 0, firstFailureAt: null });
    else bySubscription.set(result.claim.subscriptionId, { ...streak, failures: streak.failures + 1, firstFailureAt: streak.firstFailureAt ?? result.at });
  }
  return bySubscription;
}

async function recordResults(db: Db, results: AttemptResult[], at: Date, random: () => number): Promise<void> {
  const outcomes = results.map((result) =>
    afterAttempt({ ok: isDelivered(result.statusCode), failedAttempts: result.claim.attempts + 1, createdAt: new Date(result.claim.createdAtMs), now: result.at, random: random() }),
  );
  const column = <T>(pick: (result: AttemptResult, index: number) => T) => results.map(pick);
  await db.$transaction(async (tx) => {
    // A delivery deleted meanwhile (with its subscription) has nothing left to record; the lock waits for such a delete.
    const kept = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "WebhookDelivery" WHERE id = ANY(${column((r) => r.claim.id)}::text[]) ORDER BY id FOR UPDATE`;
    if (kept.length === 0) return;
    await tx.$executeRaw`
      INSERT INTO "WebhookAttempt" ("deliveryId", at, "statusCode", error, response, "latencyMs")
      SELECT v.delivery_id, v.at AT TIME ZONE 'UTC', v.status_code, v.error, v.response, v.latency_ms FROM unnest(
        ${column((r) => r.claim.id)}::text[], ${column((r) => iso(r.at))}::timestamptz[], ${column((r) => r.statusCode)}::int[],
        ${column((r) => r.error)}::text[], ${column((r) => r.response)}::text[], ${column((r) => r.latencyMs)}::int[]
      ) AS v(delivery_id, at, status_code, error, response, latency_ms)
      WHERE v.delivery_id = ANY(${kept.map((row) => row.id)}::text[])`;
    // A lease that ran out and was taken by another dispatcher is no longer this one's to settle.
    await tx.$executeRaw`
      UPDATE "WebhookDelivery" d SET
        status = v.status::"DeliveryStatus", attempts = d.attempts + 1, "leasedUntil" = NULL,
        "nextAttemptAt" = COALESCE(v.next_attempt::timestamptz AT TIME ZONE 'UTC', d."nextAttemptAt"),
        "deliveredAt" = v.delivered::timestamptz AT TIME ZONE 'UTC'
      FROM unnest(
        ${column((r) => r.claim.id)}::text[], ${column((r) => r.claim.leasedUntil)}::text[], ${outcomes.map((o) => o.status)}::text[],
        ${outcomes.map((o) => (o.status === "PENDING" ? iso(o.nextAttemptAt) : null))}::text[],
        ${column((r, i) => (outcomes[i].status === "DELIVERED" ? iso(r.at) : null))}::text[]
      ) AS v(id, leased_until, status, next_attempt, delivered)
      WHERE d.id = v.id AND d.status = 'PENDING' AND d."leasedUntil" = v.leased_until::timestamptz AT TIME ZONE 'UTC'`;
    const streak = [...streaks(results)].sort(([a], [b]) => (a < b ? -1 : 1));
    await tx.$executeRaw`
      UPDATE "WebhookSubscription" s SET
        "consecutiveFailures" = CASE WHEN v.reset THEN v.failures ELSE s."consecutiveFailures" + v.failures END,
        "failingSince" = CASE WHEN v.failures = 0 THEN NULL WHEN v.reset THEN v.first_failure::timestamptz AT TIME ZONE 'UTC'
                              ELSE COALESCE(s."failingSince", v.first_failure::timestamptz AT TIME ZONE 'UTC') END
      FROM unnest(
        ${streak.map(([id]) => id)}::text[], ${streak.map(([, s]) => s.reset)}::boolean[], ${streak.map(([, s]) => s.failures)}::int[],
        ${streak.map(([, s]) => (s.firstFailureAt ? iso(s.firstFailureAt) : null))}::text[]
      ) AS v(id, reset, failures, first_failure)
      WHERE s.id = v.id`;
    const failing = await tx.$queryRaw<{ id: string; name: string; failingSinceMs: number; consecutiveFailures: number }[]>`
      SELECT id, name, (extract(epoch FROM "failingSince") * 1000)::float8 AS "failingSinceMs", "consecutiveFailures" FROM "WebhookSubscription"
      WHERE id = ANY(${streak.filter(([, s]) => s.failures > 0).map(([id]) => id)}::text[]) AND active AND "failingSince" IS NOT NULL
      ORDER BY id FOR UPDATE`;
    const disabled = failing.filter((s) => shouldDisable(new Date(s.failingSinceMs), at));
    if (disabled.length === 0) return;
    const reason = (s: (typeof disabled)[number]) => `every attempt since ${iso(new Date(s.failingSinceMs))} failed (${s.consecutiveFailures} in a row)`;
    for (const subscription of disabled) {
      await tx.webhookSubscription.update({ where: { id: subscription.id }, data: { active: false, disabledAt: at, disabledReason: reason(subscription) } });
    }
    await recordAuditEvents(
      tx,
      disabled.map((s) => ({ actor: SYSTEM_ACTOR, action: "webhook.disabled", entity: "WebhookSubscription", entityId: s.id, before: { active: true }, after: { active: false, name: s.name, reason: reason(s) } })),
    );
  });
}

export interface DispatchOptions {
  db?: Db;
  /** The register's clock by default; tests pass their own. */
  clock?: () => Date;
  /** For the retry jitter; tests fix it. */
  random?: () => number;
  /** Attempts in flight at once in this process. */
  concurrency?: number;
}

/**
 * Fans out every event written so far and attempts every delivery due, until none is left that this
 * process can take and none is in flight; returns how many attempts it made. A slow receiver holds
 * only its own attempt: the outbox is looked at again meanwhile.
 */
export async function dispatchDue({ db = prisma(), clock = registerNow, random = Math.random, concurrency = DEFAULT_CONCURRENCY }: DispatchOptions = {}): Promise<number> {
  const inFlight = new Set<Promise<void>>();
  const finished: AttemptResult[] = [];
  let attempts = 0;
  let drained = false;
  let lastClaimAt = 0;
  for (;;) {
    if (!drained || Date.now() - lastClaimAt >= POLL_WHILE_BUSY_MS) {
      lastClaimAt = Date.now();
      while ((await withRetry(() => fanOut(db, clock()))) > 0);
      const claims = await claimDue(db, clock(), concurrency - inFlight.size);
      drained = claims.length === 0;
      for (const claim of claims) {
        const sending: Promise<void> = attempt(claim, clock).then((result) => {
          finished.push(result);
          inFlight.delete(sending);
        });
        inFlight.add(sending);
      }
    }
    if (inFlight.size === 0 && finished.length === 0 && drained) return attempts;
    if (inFlight.size > 0) await Promise.race([Promise.all(inFlight), sleep(RECORD_EVERY_MS)]);
    if (finished.length > 0) {
      const batch = finished.splice(0);
      await withRetry(() => recordResults(db, batch, clock(), random));
      attempts += batch.length;
      // A retry may have come due, and new events may be waiting.
      drained = false;
    }
  }
}

async function withRetry<T>(step: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (attempt >= 3 || !isTransactionConflict(error)) throw error;
    }
  }
}

/**
 * Writes grant.expiring (a week before a grant's expiry) and review.due (when a grant falls due, until
 * it is overdue) for whoever subscribes, each once per moment: the dedupe key is the grant and the
 * moment, so any number of processes may announce the same one.
 */
export async function announceTimeDrivenEvents(db: Db = prisma(), at: Date = registerNow()): Promise<void> {
  const wanted = await db.$transaction((tx) => wantedTypes(tx));
  const events: RegisterEvent[] = [];
  if (wanted.has("grant.expiring")) {
    const expiring = await db.grant.findMany({
      where: { status: "APPROVED", expiresAt: { gt: at, lte: addDays(at, GRANT_EXPIRING_NOTICE_DAYS) } },
      select: { id: true, expiresAt: true, maxAutonomy: true, tool: { select: { slug: true } }, environment: { select: { name: true } } },
      orderBy: { expiresAt: "asc" },
      take: ANNOUNCE_LIMIT,
    });
    for (const grant of expiring) {
      events.push({
        type: "grant.expiring",
        at,
        summary: `${grant.tool.slug}'s grant in ${grant.environment.name} (${grant.maxAutonomy}) expires on ${formatDay(grant.expiresAt!)}: renew it or let it lapse.`,
        subject: { tool: grant.tool.slug, environment: grant.environment.name },
        links: { grant: `/grants/${grant.id}` },
        details: { grant: grant.id, expiresAt: grant.expiresAt },
        dedupeKey: `grant.expiring:${grant.id}:${iso(grant.expiresAt!)}`,
      });
    }
  }
  if (wanted.has("review.due")) {
    for (const grant of await grantsFallenDue(db, at, ANNOUNCE_LIMIT)) {
      events.push({
        type: "review.due",
        at,
        summary: `${grant.tool}'s grant in ${grant.environment} is due for its access review: certify it or revoke it by ${formatDay(grant.overdueAt)}.`,
        subject: { tool: grant.tool, environment: grant.environment },
        links: { grant: `/grants/${grant.id}`, reviews: "/reviews" },
        details: { grant: grant.id, dueAt: grant.dueAt, overdueAt: grant.overdueAt },
        dedupeKey: `review.due:${grant.id}:${iso(grant.dueAt)}`,
      });
    }
  }
  if (events.length) await db.$transaction((tx) => emitEvents(tx, events));
}

const DISPATCH_INTERVAL_MS = 1_000;
const ANNOUNCE_INTERVAL_MS = 60_000;
const globalDispatcher = globalThis as unknown as { webhookDispatcher?: boolean; webhookWake?: () => void };

/**
 * The server's dispatcher: whenever it is idle, a second later (or at once when a write asks, see
 * dispatchSoon), the outbox is fanned out and due deliveries attempted; every minute, time-driven
 * events are announced. One per process; the row locks decide each process's share.
 */
export function scheduleWebhookDispatch(): void {
  if (globalDispatcher.webhookDispatcher) return;
  globalDispatcher.webhookDispatcher = true;
  const idle = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, DISPATCH_INTERVAL_MS);
      timer.unref();
      globalDispatcher.webhookWake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  void (async () => {
    for (;;) {
      try {
        await dispatchDue();
      } catch (error) {
        console.error("Webhook dispatch failed; it will be tried again:", error);
      }
      await idle();
    }
  })();
  const announce = () => announceTimeDrivenEvents().catch((error) => console.error("Announcing expiring grants and due reviews failed; it will be tried again:", error));
  setTimeout(announce, DISPATCH_INTERVAL_MS).unref();
  setInterval(announce, ANNOUNCE_INTERVAL_MS).unref();
}

/** Starts a dispatch now rather than after the idle second (after a test event, say); a no-op without the background. */
export function dispatchSoon(): void {
  globalDispatcher.webhookWake?.();
}
