// Notification subscriptions (admins only): where events go, which ones, and the delivery log. The
// dispatcher (./webhook-dispatcher.ts) does the sending; every change here is audited in its transaction.
import { now } from "@/lib/clock";
import { recordAudit } from "@/lib/audit/record";
import { authorize, type Actor } from "@/lib/auth/actor";
import { prisma, type Tx } from "@/lib/db/client";
import type { Page } from "@/lib/dto/page";
import type { CreatedWebhookDto, DeliveryDto, WebhookDto } from "@/lib/dto/webhooks";
import { AppError, notFound } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { TEST_EVENT_TYPE, type EventPayload } from "@/lib/notifications/events";
import { newSigningSecret, secretHint } from "@/lib/notifications/signing";
import type { DeliveryListQuery, WebhookCreateInput, WebhookPatchInput } from "@/lib/validation/webhooks.validation";
import { emitEvents } from "./outbox";
import { pageWindow } from "./page-window";

const subscriptionInclude = { createdBy: { select: { email: true } } } satisfies Prisma.WebhookSubscriptionInclude;
type SubscriptionRow = Prisma.WebhookSubscriptionGetPayload<{ include: typeof subscriptionInclude }>;

async function deliveryCounts(db: Tx | ReturnType<typeof prisma>, ids: string[]): Promise<Map<string, WebhookDto["deliveries"]>> {
  const rows = await db.webhookDelivery.groupBy({ by: ["subscriptionId", "status"], where: { subscriptionId: { in: ids } }, _count: { _all: true } });
  const counts = new Map(ids.map((id) => [id, { pending: 0, delivered: 0, failed: 0 }]));
  for (const row of rows) {
    const count = counts.get(row.subscriptionId)!;
    count[row.status.toLowerCase() as keyof typeof count] = row._count._all;
  }
  return counts;
}

function webhookDto(row: SubscriptionRow, deliveries: WebhookDto["deliveries"]): WebhookDto {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    url: row.url,
    eventTypes: row.eventTypes,
    minSeverity: row.minSeverity,
    tools: row.tools,
    environments: row.environments,
    teams: row.teams,
    active: row.active,
    secretHint: secretHint(row.secret),
    consecutiveFailures: row.consecutiveFailures,
    failingSince: row.failingSince,
    disabledAt: row.disabledAt,
    disabledReason: row.disabledReason,
    createdAt: row.createdAt,
    createdBy: row.createdBy.email,
    deliveries,
  };
}

async function dtosOf(db: Tx | ReturnType<typeof prisma>, rows: SubscriptionRow[]): Promise<WebhookDto[]> {
  const counts = await deliveryCounts(db, rows.map((row) => row.id));
  return rows.map((row) => webhookDto(row, counts.get(row.id)!));
}

export async function listWebhooks(actor: Actor): Promise<WebhookDto[]> {
  authorize(actor, "webhook:manage");
  const db = prisma();
  return dtosOf(db, await db.webhookSubscription.findMany({ include: subscriptionInclude, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }));
}

async function rowOrThrow(db: Tx | ReturnType<typeof prisma>, id: string, lock = false): Promise<SubscriptionRow> {
  if (lock) await db.$queryRaw`SELECT id FROM "WebhookSubscription" WHERE id = ${id} FOR UPDATE`;
  const row = await db.webhookSubscription.findUnique({ where: { id }, include: subscriptionInclude });
  if (!row) throw notFound(`Webhook subscription "${id}"`);
  return row;
}

export async function getWebhook(actor: Actor, id: string): Promise<WebhookDto> {
  authorize(actor, "webhook:manage");
  const db = prisma();
  return (await dtosOf(db, [await rowOrThrow(db, id)]))[0];
}

/** Filters must name what exists: a misspelt tool would silently match nothing. */
async function checkFilters(tx: Tx, input: Partial<Pick<WebhookCreateInput, "tools" | "environments" | "teams">>): Promise<void> {
  const problems: { field: string; message: string }[] = [];
  const check = async (field: "tools" | "environments" | "teams", names: string[] | undefined, known: (names: string[]) => Promise<string[]>) => {
    if (!names?.length) return;
    const found = new Set(await known(names));
    names.forEach((name, index) => {
      if (!found.has(name)) problems.push({ field: `${field}.${index}`, message: `unknown ${field === "tools" ? "tool" : field === "teams" ? "team" : "environment"} "${name}"` });
    });
  };
  await check("tools", input.tools, async (slugs) => (await tx.aiTool.findMany({ where: { slug: { in: slugs } }, select: { slug: true } })).map((t) => t.slug));
  await check("environments", input.environments, async (names) => (await tx.environment.findMany({ where: { name: { in: names } }, select: { name: true } })).map((e) => e.name));
  await check("teams", input.teams, async (names) => (await tx.team.findMany({ where: { name: { in: names } }, select: { name: true } })).map((t) => t.name));
  if (problems.length) throw new AppError("UNPROCESSABLE", problems.map((p) => `${p.field}: ${p.message}`).join("; "), problems);
}

const auditShape = (row: { name: string; kind: string; url: string; eventTypes: string[]; minSeverity: string | null; tools: string[]; environments: string[]; teams: string[]; active: boolean }) => ({
  name: row.name,
  kind: row.kind,
  url: row.url,
  eventTypes: row.eventTypes,
  minSeverity: row.minSeverity,
  tools: row.tools,
  environments: row.environments,
  teams: row.teams,
  active: row.active,
});

/** Creates a subscription; the answer carries its signing secret, the only time it is shown. */
export async function createWebhook(actor: Actor, input: WebhookCreateInput): Promise<CreatedWebhookDto> {
  authorize(actor, "webhook:manage");
  return prisma().$transaction(async (tx) => {
    await checkFilters(tx, input);
    const secret = newSigningSecret();
    const row = await tx.webhookSubscription.create({ data: { ...input, secret, createdById: actor.id, createdAt: now() }, include: subscriptionInclude });
    await recordAudit(tx, actor, { action: "webhook.created", entity: "WebhookSubscription", entityId: row.id, after: auditShape(row) });
    return { ...(await dtosOf(tx, [row]))[0], secret };
  });
}

/** Changes a subscription; switching a disabled one on again clears its failure streak. */
export async function updateWebhook(actor: Actor, id: string, patch: WebhookPatchInput): Promise<WebhookDto> {
  authorize(actor, "webhook:manage");
  return prisma().$transaction(async (tx) => {
    const before = await rowOrThrow(tx, id, true);
    await checkFilters(tx, patch);
    const reenabled = patch.active === true && !before.active;
    const row = await tx.webhookSubscription.update({
      where: { id },
      data: { ...patch, ...(reenabled ? { consecutiveFailures: 0, failingSince: null, disabledAt: null, disabledReason: null } : {}) },
      include: subscriptionInclude,
    });
    await recordAudit(tx, actor, { action: "webhook.updated", entity: "WebhookSubscription", entityId: id, before: auditShape(before), after: auditShape(row) });
    return (await dtosOf(tx, [row]))[0];
  });
}

/** Deletes a subscription with its delivery log; the audit log keeps what it was. */
export async function deleteWebhook(actor: Actor, id: string): Promise<void> {
  authorize(actor, "webhook:manage");
  await prisma().$transaction(async (tx) => {
    const before = await rowOrThrow(tx, id, true);
    await tx.webhookSubscription.delete({ where: { id } });
    await recordAudit(tx, actor, { action: "webhook.deleted", entity: "WebhookSubscription", entityId: id, before: auditShape(before), after: null });
  });
}

const deliveryInclude = {
  event: { select: { type: true, payload: true } },
  attemptLog: { orderBy: { at: "desc" }, take: 20, select: { at: true, statusCode: true, error: true, response: true, latencyMs: true } },
} satisfies Prisma.WebhookDeliveryInclude;
type DeliveryRow = Prisma.WebhookDeliveryGetPayload<{ include: typeof deliveryInclude }>;

function deliveryDto(row: DeliveryRow): DeliveryDto {
  return {
    id: row.id,
    eventId: row.eventId,
    eventType: row.event.type,
    summary: (row.event.payload as unknown as EventPayload).data.summary,
    status: row.status,
    attempts: row.attempts,
    createdAt: row.createdAt,
    nextAttemptAt: row.status === "PENDING" ? row.nextAttemptAt : null,
    deliveredAt: row.deliveredAt,
    attemptLog: row.attemptLog,
  };
}

/** The delivery log of one subscription, newest first, each with its latest attempts. */
export async function listDeliveries(actor: Actor, id: string, query: DeliveryListQuery): Promise<Page<DeliveryDto>> {
  authorize(actor, "webhook:manage");
  const db = prisma();
  await rowOrThrow(db, id);
  const where: Prisma.WebhookDeliveryWhereInput = { subscriptionId: id, ...(query.status ? { status: query.status } : {}) };
  const total = await db.webhookDelivery.count({ where });
  const { skip, ...paging } = pageWindow(total, query);
  const rows = await db.webhookDelivery.findMany({ where, include: deliveryInclude, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip, take: paging.pageSize });
  return { rows: rows.map(deliveryDto), total, ...paging };
}

/** Queues a test event for this subscription alone (even a disabled one, to check that it is back). */
export async function sendTestEvent(actor: Actor, id: string): Promise<{ eventId: string }> {
  authorize(actor, "webhook:manage");
  return prisma().$transaction(async (tx) => {
    const row = await rowOrThrow(tx, id);
    const [eventId] = await emitEvents(
      tx,
      [{ type: TEST_EVENT_TYPE, at: now(), summary: `A test event for "${row.name}", sent by ${actor.email}.`, subject: {}, links: { subscription: `/webhooks/${id}` }, details: { subscription: id } }],
      id,
    );
    await recordAudit(tx, actor, { action: "webhook.test_sent", entity: "WebhookSubscription", entityId: id, after: { event: eventId } });
    return { eventId };
  });
}

/** Sends a delivery again now (same event id, so a receiver that has it can drop it), whatever became of it. */
export async function redeliver(actor: Actor, id: string, deliveryId: string): Promise<DeliveryDto> {
  authorize(actor, "webhook:manage");
  return prisma().$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "WebhookDelivery" WHERE id = ${deliveryId} AND "subscriptionId" = ${id} FOR UPDATE`;
    if (!locked.length) throw notFound(`Delivery "${deliveryId}" of webhook subscription "${id}"`);
    const at = now();
    // A fresh day of retries from now, as if the event had just happened.
    const row = await tx.webhookDelivery.update({ where: { id: deliveryId }, data: { status: "PENDING", nextAttemptAt: at, createdAt: at, leasedUntil: null, deliveredAt: null }, include: deliveryInclude });
    await recordAudit(tx, actor, { action: "webhook.redelivered", entity: "WebhookSubscription", entityId: id, after: { delivery: deliveryId, event: row.eventId } });
    return deliveryDto(row);
  });
}
