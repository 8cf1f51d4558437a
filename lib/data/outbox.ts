// The transactional outbox: a write records the events it causes in its own transaction, so an
// event exists exactly when its change committed; the dispatcher delivers it afterwards.
import type { Tx } from "@/lib/db/client";
import { EVENT_TYPES, eventPayload, newEventId, TEST_EVENT_TYPE, type RegisterEvent } from "@/lib/notifications/events";

/**
 * The event types some active subscription wants. Events nobody subscribes to are not kept: a
 * subscription receives what happens from the moment it is saved, and the register's busiest writes
 * (the evaluator's rebuilds, the ledger) add nothing while nobody listens.
 */
export async function wantedTypes(tx: Tx): Promise<Set<string>> {
  const rows = await tx.$queryRaw<{ eventTypes: string[] }[]>`SELECT "eventTypes" FROM "WebhookSubscription" WHERE active`;
  if (rows.some((row) => row.eventTypes.length === 0)) return new Set(EVENT_TYPES);
  return new Set(rows.flatMap((row) => row.eventTypes));
}

/** Call inside the transaction that makes the change; `onlySubscriptionId` sends a test event to one subscription. */
export async function emitEvents(tx: Tx, events: RegisterEvent[], onlySubscriptionId: string | null = null): Promise<string[]> {
  if (events.length === 0) return [];
  const wanted = events.some((event) => event.type !== TEST_EVENT_TYPE) ? await wantedTypes(tx) : new Set<string>();
  const kept = events.filter((event) => event.type === TEST_EVENT_TYPE || wanted.has(event.type));
  if (kept.length === 0) return [];
  const ids = kept.map(newEventId);
  const column = <T>(pick: (event: RegisterEvent) => T) => kept.map(pick);
  // The tool's owner team, when the writer did not say, is read here: a team filter needs it.
  await tx.$executeRaw`
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
    ORDER BY v.n
    ON CONFLICT ("dedupeKey") DO NOTHING`;
  return ids;
}
