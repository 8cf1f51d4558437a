// Notifications end to end on a real Postgres seeded with the demo register, with real HTTP receivers
// on loopback: subscriptions through the API, events written with their changes, signatures that
// verify, retries until a receiver is back, a day of failures switching an endpoint off, a killed
// dispatcher losing nothing, two dispatcher processes sharing the work, and a slow receiver that
// slows nobody else.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import * as webhookRoute from "@/app/api/v1/webhooks/[id]/route";
import * as deliveriesRoute from "@/app/api/v1/webhooks/[id]/deliveries/route";
import * as retryRoute from "@/app/api/v1/webhooks/[id]/deliveries/[deliveryId]/retry/route";
import * as testRoute from "@/app/api/v1/webhooks/[id]/test/route";
import * as webhooksRoute from "@/app/api/v1/webhooks/route";
import * as toolsRoute from "@/app/api/v1/tools/route";
import changesRoute from "@/pages/api/v1/changes";
import { DAY_MS } from "@/lib/policy/time";
import { LEASE_MS } from "@/lib/notifications/delivery";
import { EVENT_TYPES, subscriptionWants, type RegisterEvent } from "@/lib/notifications/events";
import { callRoute } from "@/lib/test/route-client";
import { actorsFor, tokensFor, withSeededDatabase } from "@/lib/test/seeded-database";
import { startWebhookReceiver, type WebhookReceiver } from "@/lib/test/webhook-receiver";
import { grantRequestSchema } from "@/lib/validation/grants.validation";
import { confirmException, proposeException } from "./exceptions";
import { settleFindings } from "./finding-evaluator";
import { decideGrant, requestGrant } from "./grants";
import { linkIncidentTool } from "./incidents";
import { emitEvents } from "./outbox";
import { policyInForce, updatePolicy } from "./policy";
import { announceTimeDrivenEvents, dispatchDue, fanOut } from "./webhook-dispatcher";

type Name = "admin" | "lead" | "viewer";
let tokens: Record<Name, string>;
const seeded = withSeededDatabase("webhooks", async ({ db }) => {
  tokens = await tokensFor(db, ["admin", "lead", "viewer"]);
});

const receivers: WebhookReceiver[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  for (const receiver of receivers.splice(0)) await receiver.close();
  // Each test starts from no subscriptions, so that one test's events reach only its own receivers.
  await seeded.db.webhookSubscription.deleteMany();
  await seeded.db.outboxEvent.deleteMany();
});

async function receiver(port?: number) {
  const started = await startWebhookReceiver(port);
  receivers.push(started);
  return started;
}

const api = {
  create: (body: unknown, token = tokens.admin) => callRoute(webhooksRoute.POST, { method: "POST", path: "/api/v1/webhooks", token, body }),
  list: (token = tokens.admin) => callRoute(webhooksRoute.GET, { path: "/api/v1/webhooks", token }),
  get: (id: string) => callRoute(webhookRoute.GET, { path: `/api/v1/webhooks/${id}`, token: tokens.admin, params: { id } }),
  patch: (id: string, body: unknown) => callRoute(webhookRoute.PATCH, { method: "PATCH", path: `/api/v1/webhooks/${id}`, token: tokens.admin, body, params: { id } }),
  remove: (id: string) => callRoute(webhookRoute.DELETE, { method: "DELETE", path: `/api/v1/webhooks/${id}`, token: tokens.admin, params: { id } }),
  deliveries: (id: string) => callRoute(deliveriesRoute.GET, { path: `/api/v1/webhooks/${id}/deliveries`, token: tokens.admin, params: { id } }),
  test: (id: string) => callRoute(testRoute.POST, { method: "POST", path: `/api/v1/webhooks/${id}/test`, token: tokens.admin, params: { id } }),
  retry: (id: string, deliveryId: string) =>
    callRoute(retryRoute.POST, { method: "POST", path: `/api/v1/webhooks/${id}/deliveries/${deliveryId}/retry`, token: tokens.admin, params: { id, deliveryId } }),
};

async function subscribe(body: Record<string, unknown>): Promise<{ id: string; secret: string }> {
  const created = await api.create({ name: "Security alerts", ...body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

/** An event of the given type straight into the outbox, as a writer would in its transaction. */
async function emit(events: Partial<RegisterEvent>[]): Promise<string[]> {
  return seeded.db.$transaction((tx) =>
    emitEvents(
      tx,
      events.map((event) => ({ type: "grant.requested", at: new Date(), summary: "test", subject: {}, links: {}, details: {}, ...event }) as RegisterEvent),
    ),
  );
}

const grantRequest = (tool: string, environment: string) =>
  grantRequestSchema.parse({ tool, environment, maxAutonomy: "SUGGEST", capabilities: ["repo:read"], justification: "Notifications test", expiresAt: "2027-12-31" });

const deliveriesOf = (subscriptionId: string) => seeded.db.webhookDelivery.findMany({ where: { subscriptionId }, include: { attemptLog: { orderBy: { id: "asc" } } }, orderBy: { createdAt: "asc" } });

describe("subscriptions through the API", () => {
  it("creates one with its secret shown once, lists and changes it, and deletes it; every write audited", async () => {
    const created = await api.create({ name: "Platform channel", url: "https://hooks.example.com/register", eventTypes: ["grant.requested", "finding.opened"], minSeverity: "HIGH", teams: ["Platform"] });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/api/v1/webhooks/${created.body.id}`);
    expect(created.body).toMatchObject({ kind: "WEBHOOK", active: true, minSeverity: "HIGH", teams: ["Platform"], createdBy: "admin@example.com", deliveries: { pending: 0, delivered: 0, failed: 0 } });
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.body.secretHint).toBe(`${created.body.secret.slice(0, 10)}…`);

    const read = await api.get(created.body.id);
    expect(read.status).toBe(200);
    expect(read.body).not.toHaveProperty("secret");
    expect((await api.list()).body.rows.map((row: { id: string }) => row.id)).toEqual([created.body.id]);

    const patched = await api.patch(created.body.id, { active: false, eventTypes: "finding.opened, finding.resolved" });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ active: false, eventTypes: ["finding.opened", "finding.resolved"] });

    expect((await api.remove(created.body.id)).status).toBe(204);
    expect((await api.get(created.body.id)).status).toBe(404);
    const audit = await seeded.db.auditEvent.findMany({ where: { entity: "WebhookSubscription", entityId: created.body.id }, orderBy: { id: "asc" } });
    expect(audit.map((event) => event.action)).toEqual(["webhook.created", "webhook.updated", "webhook.deleted"]);
    expect(JSON.stringify(audit.map((event) => [event.before, event.after]))).not.toContain(created.body.secret);
  });

  it("refuses bad input with the field named, and filters naming nothing that exists", async () => {
    const bad: [unknown, string][] = [
      [{ name: "x", url: "ftp://hooks.example.com" }, "url"],
      [{ name: "x", url: "https://user:pw@hooks.example.com" }, "url"],
      [{ name: "x", url: "https://hooks.example.com", eventTypes: ["grant.exploded"] }, "eventTypes.0"],
      [{ name: "x", url: "https://hooks.example.com", minSeverity: "SEVERE" }, "minSeverity"],
      [{ name: "x", url: "https://hooks.example.com", kind: "TEAMS" }, "kind"],
      [{ name: "", url: "https://hooks.example.com" }, "name"],
      [{ name: "x", url: "https://hooks.example.com", secret: "mine" }, "secret"],
      [{ name: "x\u0000", url: "https://hooks.example.com" }, "name"],
    ];
    for (const [body, field] of bad) {
      const answer = await api.create(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(answer.body.error), JSON.stringify(body)).toContain(field);
    }
    const unknown = await api.create({ name: "x", url: "https://hooks.example.com", tools: ["quill-complete", "no-such-tool"] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details).toEqual([{ field: "tools.1", message: 'unknown tool "no-such-tool"' }]);
    expect((await api.create({ name: "x", url: "https://hooks.example.com" }, tokens.lead)).status).toBe(403);
    expect((await api.patch("no-such-webhook", { active: true })).status).toBe(404);
    expect((await api.patch("no-such-webhook", {})).status).toBe(400);
    expect(await seeded.db.webhookSubscription.count()).toBe(0);
  });
});

describe("events and their delivery", () => {
  it("signs each request per Standard Webhooks so that the receiver's verifier accepts it, with links to the register", async () => {
    const endpoint = await receiver();
    const { id, secret } = await subscribe({ url: endpoint.url, eventTypes: ["grant.requested"] });
    const { lead } = await actorsFor(seeded.db, ["lead"]);
    const grant = await requestGrant(lead, grantRequest("quill-complete", "staging"));
    expect(await dispatchDue()).toBe(1);

    expect(endpoint.received).toHaveLength(1);
    const [request] = endpoint.received;
    const verified = new Webhook(secret).verify(request.body, request.headers as Record<string, string>) as { type: string; data: Record<string, unknown> };
    expect(verified).toMatchObject({ type: "grant.requested", data: { tool: "quill-complete", environment: "staging", grant: grant.id, requester: "lead@example.com" } });
    expect(verified.data.team).toBe((await seeded.db.aiTool.findUniqueOrThrow({ where: { slug: "quill-complete" }, include: { ownerTeam: true } })).ownerTeam.name);
    expect(verified.data.links).toEqual({ grant: `http://localhost:3000/grants/${grant.id}`, queue: "http://localhost:3000/grants" });
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 1).toString("base64")}`).verify(request.body, request.headers as Record<string, string>)).toThrow();
    expect(request.headers["webhook-id"]).toMatch(/^msg_[0-9a-f]{32}$/);

    const log = await api.deliveries(id);
    expect(log.body.rows).toHaveLength(1);
    expect(log.body.rows[0]).toMatchObject({ status: "DELIVERED", attempts: 1, eventType: "grant.requested", eventId: request.headers["webhook-id"], attemptLog: [{ statusCode: 200, response: "ok", error: null }] });
  });

  it("writes each kind of event with the change that causes it, and nothing when the change is refused", async () => {
    await subscribe({ url: "http://127.0.0.1:9/unused" });
    const { lead, reviewer, reviewer2, incidents } = await actorsFor(seeded.db, ["lead", "reviewer", "reviewer2", "incidents"]);
    const types = async () => (await seeded.db.outboxEvent.findMany({ orderBy: [{ at: "asc" }, { id: "asc" }] })).map((event) => event.type);

    const grant = await requestGrant(lead, grantRequest("quill-complete", "staging"));
    await decideGrant(reviewer, grant.id, { decision: "APPROVE", comment: "ok" });
    await expect(decideGrant(lead, grant.id, { decision: "APPROVE", comment: "" })).rejects.toThrow();
    expect(await types()).toEqual(["grant.requested", "grant.decided"]);

    await linkIncidentTool(incidents, "INC-2017", { tool: "tabline", role: "TRIGGERED" });
    await settleFindings(seeded.db);
    const ceiling = await seeded.db.outboxEvent.findMany({ where: { type: "incident.ceiling_applied" } });
    expect(ceiling.length).toBeGreaterThan(0);
    expect(ceiling.every((event) => event.tool === "tabline")).toBe(true);

    const critical = await seeded.db.findingRecord.findFirstOrThrow({ where: { resolvedAt: null, severity: "CRITICAL" }, orderBy: { id: "asc" } });
    const proposed = await proposeException(reviewer, critical.id, { reason: "Accepted while the migration runs.", owner: "lead@example.com", expiresAt: new Date(Date.now() + 10 * DAY_MS) });
    expect(await seeded.db.outboxEvent.count({ where: { type: "finding.accepted" } })).toBe(0);
    await confirmException(reviewer2, critical.id, proposed.id);
    expect(await seeded.db.outboxEvent.findFirstOrThrow({ where: { type: "finding.accepted" } })).toMatchObject({ severity: "CRITICAL", tool: critical.toolSlug, environment: critical.environmentName });

    const { version, policy } = await policyInForce(seeded.db);
    await updatePolicy(reviewer, { policy: { ...policy, exceptions: { maxDays: 60 } }, note: "Shorter acceptances", basedOnVersion: version });
    expect((await seeded.db.outboxEvent.findFirstOrThrow({ where: { type: "policy.changed" } })).payload).toMatchObject({ data: { note: "Shorter acceptances", previousVersion: version } });

    const change = {
      externalId: `notify-${Date.now()}`,
      service: "billing-api",
      environment: "prod-eu-west",
      changeType: "SCHEMA",
      aiOrigin: "AI_GENERATED",
      tool: "quill-complete",
      mode: "AGENT",
      approvers: [],
      deployedAt: new Date(Date.now() - 60_000).toISOString(),
    };
    const token = (await tokensFor(seeded.db, ["lead"])).lead;
    expect((await callRoute(changesRoute, { method: "POST", path: "/api/v1/changes", token, body: change })).status).toBe(201);
    const violation = await seeded.db.outboxEvent.findFirstOrThrow({ where: { type: "change.violation" } });
    expect(violation.payload).toMatchObject({ data: { change: change.externalId, environment: "prod-eu-west", tool: "quill-complete" } });
  });

  it("announces a grant expiring within a week and a review falling due, once each however often it looks", async () => {
    await subscribe({ url: "http://127.0.0.1:9/unused", eventTypes: ["grant.expiring", "review.due"] });
    const grant = await seeded.db.grant.findFirstOrThrow({ where: { status: "APPROVED", expiresAt: { not: null } }, orderBy: { id: "asc" } });
    const at = new Date(grant.expiresAt!.getTime() - 3 * DAY_MS);
    await announceTimeDrivenEvents(seeded.db, at);
    await announceTimeDrivenEvents(seeded.db, new Date(at.getTime() + 60_000));
    const expiring = await seeded.db.outboxEvent.findMany({ where: { type: "grant.expiring", dedupeKey: { startsWith: `grant.expiring:${grant.id}:` } } });
    expect(expiring).toHaveLength(1);

    await seeded.db.outboxEvent.deleteMany();
    await announceTimeDrivenEvents(seeded.db, new Date());
    await announceTimeDrivenEvents(seeded.db, new Date());
    const due = await seeded.db.outboxEvent.findMany({ where: { type: "review.due" } });
    // The demo's terraformer-ai grant in shared-k8s fell due within the grace; schema-sage's is long overdue (a finding instead).
    expect(due.map((event) => `${event.tool}/${event.environment}`)).toEqual(["terraformer-ai/shared-k8s"]);
  });

  it("fans out to exactly the subscriptions whose filters want each event, as the pure rule says", async () => {
    const filters = [
      { eventTypes: [], minSeverity: null, tools: [], environments: [], teams: [] },
      { eventTypes: ["finding.opened"], minSeverity: "HIGH", tools: [], environments: [], teams: [] },
      { eventTypes: [], minSeverity: null, tools: ["tabline"], environments: ["staging"], teams: [] },
      { eventTypes: ["policy.changed", "finding.opened"], minSeverity: "CRITICAL", tools: [], environments: [], teams: ["Platform"] },
    ] as const;
    const ids: string[] = [];
    for (const filter of filters) ids.push((await subscribe({ url: "http://127.0.0.1:9/unused", ...filter, tools: [...filter.tools], environments: [...filter.environments], teams: [...filter.teams], eventTypes: [...filter.eventTypes] })).id);
    const events = [
      { type: "finding.opened", subject: { tool: "tabline", environment: "staging", severity: "MEDIUM", team: "Platform" } },
      { type: "finding.opened", subject: { tool: "tabline", environment: "prod-eu-west", severity: "CRITICAL", team: "Platform" } },
      { type: "finding.opened", subject: { tool: "quill-complete", environment: "staging", severity: "HIGH", team: "Developer Experience" } },
      { type: "policy.changed", subject: {} },
      { type: "grant.requested", subject: { tool: "tabline", environment: "staging" } },
    ] as const;
    const eventIds = await emit(events.map((event) => ({ ...event, subject: { ...event.subject } })));
    await fanOut(seeded.db, new Date());
    const delivered = await seeded.db.webhookDelivery.findMany({ select: { eventId: true, subscriptionId: true } });
    const actual = new Set(delivered.map((d) => `${eventIds.indexOf(d.eventId)}:${ids.indexOf(d.subscriptionId)}`));
    const expected = new Set(
      events.flatMap((event, e) => filters.flatMap((filter, s) => (subscriptionWants(filter, { type: event.type, ...event.subject }) ? [`${e}:${s}`] : []))),
    );
    expect(actual).toEqual(expected);
    expect(expected.size).toBeGreaterThan(4);
    expect(expected.size).toBeLessThan(events.length * filters.length);
  });

  it("keeps no event nobody subscribes to", async () => {
    await subscribe({ url: "http://127.0.0.1:9/unused", eventTypes: ["policy.changed"] });
    expect(await emit([{ type: "grant.requested" }])).toEqual([]);
    expect(await seeded.db.outboxEvent.count()).toBe(0);
    expect(EVENT_TYPES).toContain("grant.requested");
  });
});

describe("retries, giving up and switching off", () => {
  it("retries a receiver that is down, then answers 503, until it takes the delivery once it is back", async () => {
    const probe = await receiver();
    const { port, url } = probe;
    await probe.close();
    receivers.splice(receivers.indexOf(probe), 1);
    const { id } = await subscribe({ url });
    await emit([{ type: "grant.requested" }]);
    const start = Date.now();
    const clock = (offsetMs: number) => () => new Date(start + offsetMs);

    expect(await dispatchDue({ clock: clock(0), random: () => 0.5 })).toBe(1);
    let [delivery] = await deliveriesOf(id);
    expect(delivery).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(delivery.attemptLog[0]).toMatchObject({ statusCode: null, error: expect.stringContaining("ECONNREFUSED") });
    expect(delivery.nextAttemptAt.getTime() - start).toBe(10_000);
    expect(await dispatchDue({ clock: clock(9_999) })).toBe(0);

    const back = await receiver(port);
    back.answer = () => ({ status: 503, body: "maintenance" });
    expect(await dispatchDue({ clock: clock(10_000), random: () => 0 })).toBe(1);
    [delivery] = await deliveriesOf(id);
    expect(delivery).toMatchObject({ status: "PENDING", attempts: 2 });
    expect(delivery.nextAttemptAt.getTime() - start).toBe(10_000 + 16_000);

    back.answer = () => ({ status: 204 });
    expect(await dispatchDue({ clock: clock(26_000) })).toBe(1);
    [delivery] = await deliveriesOf(id);
    expect(delivery).toMatchObject({ status: "DELIVERED", attempts: 3 });
    expect(delivery.attemptLog.map((a) => a.statusCode)).toEqual([null, 503, 204]);
    expect(delivery.attemptLog[1].response).toBe("maintenance");
    expect(new Set(back.received.map((r) => r.headers["webhook-id"])).size).toBe(1);
    expect(await seeded.db.webhookSubscription.findUniqueOrThrow({ where: { id } })).toMatchObject({ consecutiveFailures: 0, failingSince: null });
  });

  it("gives a delivery up after a day, switches off an endpoint that failed all day, and sends again when asked", async () => {
    const endpoint = await receiver();
    endpoint.answer = () => ({ status: 500, body: "down" });
    const { id } = await subscribe({ url: endpoint.url });
    await emit([{ type: "grant.requested" }]);
    const start = Date.now();
    let at = start;
    for (let attempt = 0; attempt < 40; attempt++) {
      const [delivery] = await deliveriesOf(id);
      if (delivery && delivery.status !== "PENDING") break;
      if (delivery) at = delivery.nextAttemptAt.getTime();
      await dispatchDue({ clock: () => new Date(at), random: () => 0.99 });
    }
    const [failed] = await deliveriesOf(id);
    expect(failed.status).toBe("FAILED");
    expect(failed.attempts).toBeGreaterThan(10);
    expect(failed.attemptLog.at(-1)!.at.getTime() - start).toBeLessThan(DAY_MS);

    // Another failure a day after the streak began switches the endpoint off.
    await emit([{ type: "grant.requested" }]);
    expect(await dispatchDue({ clock: () => new Date(start + DAY_MS + 1) })).toBe(1);
    const subscription = await seeded.db.webhookSubscription.findUniqueOrThrow({ where: { id } });
    expect(subscription).toMatchObject({ active: false, disabledReason: expect.stringContaining("failed") });
    expect(await seeded.db.auditEvent.count({ where: { action: "webhook.disabled", entityId: id, actorEmail: "system" } })).toBe(1);
    await emit([{ type: "grant.requested" }]);
    expect(await dispatchDue({ clock: () => new Date(start + DAY_MS + 60_000) })).toBe(0);
    expect((await api.get(id)).body).toMatchObject({ active: false, disabledAt: expect.any(String) });

    // A test event still goes to the switched-off endpoint; switching it on clears the streak.
    endpoint.answer = () => ({ status: 200, body: "back" });
    expect((await api.test(id)).status).toBe(201);
    expect(await dispatchDue()).toBe(1);
    expect(JSON.parse(endpoint.received.at(-1)!.body)).toMatchObject({ type: "webhook.test" });
    expect((await api.patch(id, { active: true })).body).toMatchObject({ active: true, consecutiveFailures: 0, failingSince: null, disabledAt: null });

    const resent = await api.retry(id, failed.id);
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ status: "PENDING", attempts: failed.attempts });
    const before = endpoint.received.length;
    await dispatchDue();
    expect(endpoint.received.length).toBe(before + 1);
    expect(endpoint.received.at(-1)!.headers["webhook-id"]).toBe(failed.eventId);
    expect((await deliveriesOf(id)).find((d) => d.id === failed.id)).toMatchObject({ status: "DELIVERED" });
    expect((await api.retry(id, "no-such-delivery")).status).toBe(404);
  });

  it("sends Slack subscriptions a Slack message", async () => {
    const slack = await receiver();
    await subscribe({ kind: "SLACK", url: slack.url, eventTypes: ["finding.opened"] });
    await emit([{ type: "finding.opened", summary: "UNGRANTED_REACH opened for tabline in staging: <script>", subject: { tool: "tabline", environment: "staging", severity: "HIGH" }, links: { finding: "/findings/f1" } }]);
    await dispatchDue();
    const message = JSON.parse(slack.received[0].body);
    expect(message.text).toBe("[HIGH] UNGRANTED_REACH opened for tabline in staging: <script>");
    expect(JSON.stringify(message.blocks)).toContain("&lt;script&gt;");
    expect(message.blocks).toContainEqual({ type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Open in the register" }, url: "http://localhost:3000/findings/f1" }] });
  });
});

describe("several processes, restarts and slow receivers", () => {
  const worker = (databaseUrl: string) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.resolve("lib/test/dispatch-worker.ts")], {
      env: { ...process.env, DATABASE_URL: databaseUrl, EMBEDDED_DATABASE: "" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(child);
    return new Promise<ChildProcess>((resolve, reject) => {
      child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve(child));
      child.on("exit", (code) => reject(new Error(`dispatch worker exited with ${code}`)));
    });
  };

  it("two dispatcher processes on one database deliver each of 300 events exactly once", async () => {
    const endpoint = await receiver();
    const { id } = await subscribe({ url: endpoint.url });
    const events = Array.from({ length: 300 }, () => ({ type: "grant.requested" as const }));
    await Promise.all([worker(seeded.url), worker(seeded.url)]);
    await emit(events);
    await endpoint.waitFor(300);
    await expect.poll(async () => seeded.db.webhookDelivery.count({ where: { subscriptionId: id, status: "DELIVERED" } }), { timeout: 30_000 }).toBe(300);
    const ids = endpoint.received.map((r) => r.headers["webhook-id"]);
    expect(ids).toHaveLength(300);
    expect(new Set(ids).size).toBe(300);
    expect(await seeded.db.webhookAttempt.count({ where: { delivery: { subscriptionId: id } } })).toBe(300);
  });

  it("loses nothing when the process dies between the write and the delivery, or in the middle of an attempt", async () => {
    const endpoint = await receiver();
    endpoint.answer = () => "hang";
    const { id } = await subscribe({ url: endpoint.url });
    const [eventId] = await emit([{ type: "grant.requested" }]);
    const child = await worker(seeded.url);
    await endpoint.waitFor(1);
    child.kill("SIGKILL");
    const [claimed] = await deliveriesOf(id);
    expect(claimed).toMatchObject({ status: "PENDING", attempts: 0, leasedUntil: expect.any(Date) });

    // Another process, after the dead one's lease: the event is delivered, with the same id.
    endpoint.answer = () => ({ status: 200 });
    expect(await dispatchDue({ clock: () => new Date(Date.now() + LEASE_MS + 1_000) })).toBe(1);
    expect(endpoint.received.map((r) => r.headers["webhook-id"])).toEqual([eventId, eventId]);
    expect((await deliveriesOf(id))[0]).toMatchObject({ status: "DELIVERED", attempts: 1 });
  });

  it("a receiver that takes 10 s to answer slows none of the register's own requests", async () => {
    const slow = await receiver();
    let answeredAt = 0;
    slow.answer = () => {
      setTimeout(() => (answeredAt = Date.now()), 10_000);
      return { status: 200, delayMs: 10_000 };
    };
    // Only policy changes: the grants requested meanwhile send it nothing more.
    const { id } = await subscribe({ url: slow.url, eventTypes: ["policy.changed"] });
    await emit([{ type: "policy.changed" }]);
    const dispatching = dispatchDue();
    await slow.waitFor(1);

    const { lead } = await actorsFor(seeded.db, ["lead"]);
    const served: number[] = [];
    for (let i = 0; i < 5; i++) {
      expect((await callRoute(toolsRoute.GET, { path: "/api/v1/tools", token: tokens.viewer })).status).toBe(200);
      await requestGrant(lead, grantRequest("quill-complete", "staging"));
      served.push(Date.now());
    }
    expect(answeredAt).toBe(0);
    await dispatching;
    expect(served.every((at) => at < answeredAt)).toBe(true);
    const [delivery] = await deliveriesOf(id);
    expect(delivery.status).toBe("DELIVERED");
    expect(delivery.attemptLog[0].latencyMs).toBeGreaterThanOrEqual(10_000);
  }, 40_000);
});
