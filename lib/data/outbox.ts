// The transactional outbox: a write records the events it causes in its own transaction, so an
// event exists exactly when its change committed; the dispatcher delivers it afterwards.
import type { Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { EVENT_TYPES, eventPayload, newEventId, TEST_EVENT_TYPE, type RegisterEvent } from "@/lib/notifications/events";

/**
 * The event types some active subscription wants. Events nobody subscribes to are not kept: a
 * subscription receives what happens from the moment it is saved, and the register's busiest writes
 * (the evaluator's rebuilds, the ledger) add nothing while nobody listens. The time-driven
 * announcements ask first, so as not to look for what nobody wants.
 */
export async function wantedTypes(tx: Tx): Promise<Set<string>> {
  const rows = await tx.$queryRaw<{ eventTypes: string[] }[]>`SELECT "eventTypes" FROM "WebhookSubscription" WHERE active`;
  if (rows.some((row) => row.eventTypes.length === 0)) return new Set(EVENT_TYPES);
  return new Set(rows.flatMap((row) => row.eventTypes));
}

/**
 * The INSERT that writes these events, for a writer that folds it into a statement of its own (as a
 * WITH clause: change ingestion saves a round trip under the audit chain's lock). It keeps only the
 * events some active subscription wants, and a test event.
 */
export function outboxInsert(events: RegisterEvent[], onlySubscriptionId: string | null = null): { sql: Prisma.Sql; ids: string[] } {
  const ids = events.map(newEventId);
  const column = <T>(pick: (event: RegisterEvent) => T) => events.map(pick);
  // The tool's owner team, when the writer did not say, is read here: a team filter needs it.
  const sql = Prisma.sql`
    INSERT INTO "OutboxEvent" (id, type, at, payload, severity, tool, environment, team, "dedupeKey", "onlySubscriptionId")
    SELECT v.id, v.type, v.at::timestamptz AT TIME ZONE 'UTC',
           CASE WHEN v.team IS NULL AND team.name IS NOT NULL THEN jsonb_set(v.payload::jsonb, '{data,team}', to_jsonb(team.name)) ELSE v.payload::jsonb END,
           v.severity::"Severity", v.tool, v.environment, COALESCE(v.team, team.name), v.dedupe_key, ${onlySubscriptionId}
    FROM unnest(
      ${ids}::text[], ${column((e) => e.type)}::text[], ${column((e) => e.at.toISOString())}::text[],
      ${column((e) => JSON.stringify(eventPayload(e)))}::text[], ${column((e) => e.subject.severity ?? null)}::text[],
      ${column((e) => e.subject.tool ?? null)}::text[], ${column((e) => e.subject.environment ?? null)}::text[],
      ${column((e) => e.subject.team ?? null)}::text[], ${column((e) => e.dedupeKey ?? null)}::text[]
    ) WITH ORDINALITY AS v(id, type, at, payload, severity, tool, environment, team, dedupe_key, n)
    LEFT JOIN "AiTool" t ON t.slug = v.tool
    LEFT JOIN "Team" team ON team.id = t."ownerTeamId"
    WHERE v.type = ${TEST_EVENT_TYPE}
       OR EXISTS (SELECT 1 FROM "WebhookSubscription" s WHERE s.active AND (cardinality(s."eventTypes") = 0 OR v.type = ANY(s."eventTypes")))
    ORDER BY v.n
    ON CONFLICT ("dedupeKey") DO NOTHING`;
  return { sql, ids };
}

/** Call inside the transaction that makes the change; `onlySubscriptionId` sends a test event to one subscription. Returns the ids written. */
export async function emitEvents(tx: Tx, events: RegisterEvent[], onlySubscriptionId: string | null = null): Promise<string[]> {
  if (events.length === 0) return [];
  const { sql } = outboxInsert(events, onlySubscriptionId);
  const written = await tx.$queryRaw<{ id: string }[]>`${sql} RETURNING id`;
  return written.map((row) => row.id);
}
