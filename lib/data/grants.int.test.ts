// Grants against a real database of their own (the shared integration database is used by other files
// and these tests change grants, hence findings): requests, the decision rules held on the server,
// revocation, supersession, expiry, and two reviewers racing on separate connections.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import { verifyChain } from "@/lib/audit/chain";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { actorFor, actorsFor, withSeededDatabase } from "@/lib/test/seeded-database";
import { grantRequestSchema, type GrantRequestInput } from "@/lib/validation/grants.validation";
import { settleFindings } from "./finding-evaluator";
import { listFindings } from "./findings";
import { decideGrant, getGrant, getGrantView, listGrants, requestGrant, revokeGrant } from "./grants";

const DAY = 86_400_000;
const EMBEDDED = process.env.EMBEDDED_DATABASE === "1";

let db: PrismaClient;
const actors: Record<string, Actor> = {};

const seeded = withSeededDatabase("grants_test", async (opened) => {
  db = opened.db;
  Object.assign(actors, await actorsFor(db, ["lead", "lead2", "reviewer", "reviewer2", "viewer", "incidents", "admin"]));
  actors.junior = await actorFor(db, "junior-reviewer@example.com");
});

const inDays = (days: number) => new Date(Date.now() + days * DAY);

function request(overrides: Partial<GrantRequestInput> = {}): GrantRequestInput {
  return grantRequestSchema.parse({
    tool: "testsmith",
    environment: "sandbox",
    maxAutonomy: "SUGGEST",
    capabilities: ["repo:read"],
    justification: "Integration test: a plain sandbox grant.",
    expiresAt: inDays(30).toISOString(),
    ...overrides,
  });
}

/** A production grant with env:delete: the two-person rule. */
const twoPerson = (justification = "Integration test: production with env:delete.") =>
  request({ environment: "prod-us-east", maxAutonomy: "AGENT", capabilities: ["repo:read", "env:delete"], justification });

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function auditCount(entityId: string): Promise<number> {
  return db.auditEvent.count({ where: { entity: "Grant", entityId } });
}

describe("requesting a grant", () => {
  it("computes the approvals the matrix requires, stores the request and audits it in the same transaction", async () => {
    const grant = await requestGrant(actors.lead, twoPerson());
    expect(grant.status).toBe("REQUESTED");
    expect(grant.requester).toBe("lead@example.com");
    expect(grant.requiredApprovals.count).toBe(2);
    expect(grant.requiredApprovals.seniorRequired).toBe(true);
    expect(grant.requiredApprovals.reasons).toContain("capability class DESTRUCTIVE at tier ≥ PRODUCTION");
    expect(grant.risk.capabilities).toEqual([
      { key: "repo:read", class: "READ" },
      { key: "env:delete", class: "DESTRUCTIVE" },
    ]);
    const events = await db.auditEvent.findMany({ where: { entity: "Grant", entityId: grant.id } });
    expect(events.map((e) => e.action)).toEqual(["grant.requested"]);
    expect(events[0].actorEmail).toBe("lead@example.com");
    expect(events[0].after).toMatchObject({ tool: "testsmith", environment: "prod-us-east", requiredApprovals: { count: 2, seniorRequired: true } });
  });

  it("validates the input, naming the field", () => {
    const past = grantRequestSchema.safeParse({ ...request(), expiresAt: "2020-01-01" });
    expect(past.success).toBe(false);
    expect(past.error?.issues[0].path).toEqual(["expiresAt"]);
    const autonomy = grantRequestSchema.safeParse({ ...request(), maxAutonomy: "GODMODE" });
    expect(autonomy.error?.issues[0].path).toEqual(["maxAutonomy"]);
    const short = grantRequestSchema.safeParse({ ...request(), justification: "why" });
    expect(short.error?.issues[0].path).toEqual(["justification"]);
    // A date alone means the end of that day.
    const tomorrow = new Date(Date.now() + DAY).toISOString().slice(0, 10);
    expect(grantRequestSchema.parse({ ...request(), expiresAt: tomorrow }).expiresAt.toISOString()).toBe(`${tomorrow}T23:59:59.999Z`);
  });

  it("refuses unknown references, dormant tools and modes the tool does not have (422, per field)", async () => {
    let error = await refusal(requestGrant(actors.lead, request({ tool: "no-such-tool", capabilities: ["repo:read", "nope:nope"] })));
    expect(error.code).toBe("UNPROCESSABLE");
    expect(error.status).toBe(422);
    expect(error.details).toEqual([
      { field: "tool", message: 'unknown tool "no-such-tool"' },
      { field: "capabilities.1", message: 'unknown capability "nope:nope"' },
    ]);
    error = await refusal(requestGrant(actors.lead, request({ tool: "refactorly" })));
    expect(error.details).toEqual([{ field: "tool", message: "refactorly is RETIRED: it gets no new access" }]);
    error = await refusal(requestGrant(actors.lead, request({ tool: "quill-complete", maxAutonomy: "AUTONOMOUS" })));
    expect((error.details as { field: string }[])[0].field).toBe("maxAutonomy");
  });

  it("only platform leads and admins request", async () => {
    for (const who of ["viewer", "reviewer", "incidents"]) {
      expect((await refusal(requestGrant(actors[who], request()))).code).toBe("FORBIDDEN");
    }
    expect((await requestGrant(actors.admin, request())).status).toBe("REQUESTED");
  });
});

describe("deciding: the rules hold on the server", () => {
  it("two-person rule: one senior approval leaves it pending, a second distinct reviewer approves it", async () => {
    const grant = await requestGrant(actors.lead, twoPerson());
    const first = await decideGrant(actors.reviewer, grant.id, { decision: "APPROVE", comment: "ok" });
    expect(first.status).toBe("REQUESTED");
    expect(first.progress).toMatchObject({ approvals: 1, seniorApprovals: 1, satisfied: false, missing: ["1 more approval"] });
    expect(first.decidedAt).toBeNull();
    const second = await decideGrant(actors.junior, grant.id, { decision: "APPROVE", comment: "" });
    expect(second.status).toBe("APPROVED");
    expect(second.decidedAt).not.toBeNull();
    expect(second.decisions.map((d) => [d.reviewer, d.decision, d.senior])).toEqual([
      ["reviewer@example.com", "APPROVE", true],
      ["junior-reviewer@example.com", "APPROVE", false],
    ]);
    const actions = (await db.auditEvent.findMany({ where: { entity: "Grant", entityId: grant.id }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["grant.requested", "grant.decision.approve", "grant.decision.approve"]);
  });

  it("senior sign-off: two junior approvals do not approve a grant that needs a senior", async () => {
    await db.user.update({ where: { email: "reviewer2@example.com" }, data: { senior: false } });
    try {
      const grant = await requestGrant(actors.lead, twoPerson());
      // The session may still believe reviewer2 is senior: the server reads the flag afresh.
      await decideGrant(actors.reviewer2, grant.id, { decision: "APPROVE", comment: "" });
      const after = await decideGrant(actors.junior, grant.id, { decision: "APPROVE", comment: "" });
      expect(after.status).toBe("REQUESTED");
      expect(after.progress).toMatchObject({ approvals: 2, seniorApprovals: 0, missing: ["a senior approval"] });
      expect((await decideGrant(actors.reviewer, grant.id, { decision: "APPROVE", comment: "" })).status).toBe("APPROVED");
    } finally {
      await db.user.update({ where: { email: "reviewer2@example.com" }, data: { senior: true } });
    }
  });

  it("one senior approval is enough for a production grant without high-impact capability", async () => {
    const grant = await requestGrant(actors.lead, request({ environment: "prod-us-east", maxAutonomy: "SUGGEST", capabilities: ["repo:read"] }));
    expect(grant.requiredApprovals).toMatchObject({ count: 1, seniorRequired: true });
    expect((await decideGrant(actors.junior, grant.id, { decision: "APPROVE", comment: "" })).status).toBe("REQUESTED");
    expect((await decideGrant(actors.reviewer, grant.id, { decision: "APPROVE", comment: "" })).status).toBe("APPROVED");
  });

  it("the requester never decides on their own grant (SELF_APPROVAL, 403), even as an admin", async () => {
    const grant = await requestGrant(actors.admin, request());
    const before = await auditCount(grant.id);
    const error = await refusal(decideGrant(actors.admin, grant.id, { decision: "APPROVE", comment: "" }));
    expect(error.code).toBe("SELF_APPROVAL");
    expect(error.status).toBe(403);
    // A refusal writes nothing.
    expect(await db.decision.count({ where: { grantId: grant.id } })).toBe(0);
    expect(await auditCount(grant.id)).toBe(before);
    const view = await getGrantView(actors.admin, grant.id);
    expect(view.viewer).toMatchObject({ canDecide: false, code: "SELF_APPROVAL" });
    expect((await getGrantView(actors.reviewer, grant.id)).viewer.canDecide).toBe(true);
  });

  it("one decision per reviewer (DUPLICATE_DECISION, 409)", async () => {
    const grant = await requestGrant(actors.lead, twoPerson());
    await decideGrant(actors.reviewer, grant.id, { decision: "APPROVE", comment: "" });
    const error = await refusal(decideGrant(actors.reviewer, grant.id, { decision: "APPROVE", comment: "again" }));
    expect([error.code, error.status]).toEqual(["DUPLICATE_DECISION", 409]);
    expect(await db.decision.count({ where: { grantId: grant.id } })).toBe(1);
  });

  it("only active security reviewers and admins decide", async () => {
    const grant = await requestGrant(actors.lead, request());
    for (const who of ["lead", "lead2", "viewer", "incidents"]) {
      expect((await refusal(decideGrant(actors[who], grant.id, { decision: "APPROVE", comment: "" }))).code).toBe("FORBIDDEN");
    }
    // A session that predates a demotion or a deactivation does not carry the old rights.
    await db.user.update({ where: { email: "junior-reviewer@example.com" }, data: { active: false } });
    try {
      expect((await refusal(decideGrant(actors.junior, grant.id, { decision: "APPROVE", comment: "" }))).code).toBe("NOT_REVIEWER");
    } finally {
      await db.user.update({ where: { email: "junior-reviewer@example.com" }, data: { active: true } });
    }
    expect((await decideGrant(actors.admin, grant.id, { decision: "APPROVE", comment: "admin review" })).status).toBe("APPROVED");
  });

  it("a single DENY denies; decisions on a decided grant are refused with 409", async () => {
    const grant = await requestGrant(actors.lead, twoPerson());
    await decideGrant(actors.reviewer, grant.id, { decision: "APPROVE", comment: "" });
    const denied = await decideGrant(actors.junior, grant.id, { decision: "DENY", comment: "No env:delete in production." });
    expect(denied.status).toBe("DENIED");
    expect(denied.decidedAt).not.toBeNull();
    const error = await refusal(decideGrant(actors.reviewer2, grant.id, { decision: "APPROVE", comment: "" }));
    expect([error.code, error.status]).toEqual(["GRANT_NOT_PENDING", 409]);
  });

  it("refuses decisions on REVOKED and EXPIRED grants, and on a request whose expiry has passed (409)", async () => {
    const revoked = await db.grant.findFirstOrThrow({ where: { status: "REVOKED" } });
    expect((await refusal(decideGrant(actors.reviewer, revoked.id, { decision: "APPROVE", comment: "" }))).status).toBe(409);
    const expired = await db.grant.findFirstOrThrow({ where: { status: "EXPIRED" } });
    const error = await refusal(decideGrant(actors.reviewer, expired.id, { decision: "APPROVE", comment: "" }));
    expect([error.code, error.status]).toEqual(["GRANT_EXPIRED", 409]);
    const pending = await requestGrant(actors.lead, request({ expiresAt: inDays(2) }));
    const late = await refusal(decideGrant(actors.reviewer, pending.id, { decision: "APPROVE", comment: "" }, { now: inDays(3) }));
    expect([late.code, late.status]).toEqual(["GRANT_EXPIRED", 409]);
  });

  it("an unknown grant is a 404", async () => {
    expect((await refusal(decideGrant(actors.reviewer, "no-such-grant", { decision: "APPROVE", comment: "" }))).status).toBe(404);
    expect((await refusal(getGrant(actors.viewer, "no-such-grant"))).status).toBe(404);
  });
});

describe("lifecycle", () => {
  it("an approved grant past its expiry is EXPIRED everywhere without any job", async () => {
    const env = await db.environment.findUniqueOrThrow({ where: { name: "control-plane" } });
    const stale = await db.grant.findFirstOrThrow({ where: { environmentId: env.id, status: "APPROVED", tool: { slug: "terraformer-ai" } } });
    expect(stale.expiresAt!.getTime()).toBeLessThan(Date.now());
    expect((await getGrant(actors.viewer, stale.id)).effectiveStatus).toBe("EXPIRED");
    const expired = await listGrants(actors.viewer, { status: "EXPIRED", tool: "terraformer-ai", sort: "createdAt", dir: "desc", page: 1, pageSize: 50 });
    expect(expired.rows.map((g) => g.id)).toContain(stale.id);
    const approved = await listGrants(actors.viewer, { status: "APPROVED", tool: "terraformer-ai", sort: "createdAt", dir: "desc", page: 1, pageSize: 50 });
    expect(approved.rows.map((g) => g.id)).not.toContain(stale.id);
    const findings = await listFindings(actors.viewer, { tool: "terraformer-ai", environment: "control-plane" });
    expect(findings.map((f) => f.rule)).toContain("GRANT_EXPIRED");
    // And it can no longer be revoked: there is nothing in force to withdraw.
    expect((await refusal(revokeGrant(actors.reviewer, stale.id, "cleanup"))).code).toBe("GRANT_NOT_APPROVED");
  });

  it("a reviewer revokes an approved grant with a reason; the findings follow at once", async () => {
    const env = await db.environment.findUniqueOrThrow({ where: { name: "prod-us-east" } });
    const grant = await db.grant.findFirstOrThrow({ where: { environmentId: env.id, status: "APPROVED", tool: { slug: "pager-pal" } } });
    expect((await listFindings(actors.viewer, { tool: "pager-pal", environment: "prod-us-east" })).map((f) => f.rule)).not.toContain("UNGRANTED_REACH");

    expect((await refusal(revokeGrant(actors.lead, grant.id, "not mine to revoke"))).code).toBe("FORBIDDEN");
    const revoked = await revokeGrant(actors.reviewer, grant.id, "Rotating the on-call bot's access.");
    expect(revoked.status).toBe("REVOKED");
    expect(revoked.revokedAt).not.toBeNull();
    const event = await db.auditEvent.findFirstOrThrow({ where: { entity: "Grant", entityId: grant.id, action: "grant.revoked" } });
    expect(event.after).toMatchObject({ status: "REVOKED", reason: "Rotating the on-call bot's access." });
    await settleFindings();
    expect((await listFindings(actors.viewer, { tool: "pager-pal", environment: "prod-us-east" })).map((f) => f.rule)).toContain("UNGRANTED_REACH");

    expect((await refusal(revokeGrant(actors.reviewer, grant.id, "twice"))).code).toBe("GRANT_NOT_APPROVED");
    const pending = await requestGrant(actors.lead, request());
    expect((await refusal(revokeGrant(actors.admin, pending.id, "not approved yet"))).status).toBe(409);
  });

  it("a newly approved grant supersedes the old one for the same tool and environment", async () => {
    const env = await db.environment.findUniqueOrThrow({ where: { name: "staging" } });
    const old = await db.grant.findFirstOrThrow({ where: { environmentId: env.id, status: "APPROVED", tool: { slug: "reviewbot" } } });
    // reviewbot is observed in staging with repo:read and pr:create; the new grant drops pr:create.
    const next = await requestGrant(actors.lead2, request({ tool: "reviewbot", environment: "staging", capabilities: ["repo:read"], justification: "Narrower: reviews only." }));
    await decideGrant(actors.junior, next.id, { decision: "APPROVE", comment: "narrower is better" });
    await settleFindings();

    const oldNow = await getGrant(actors.viewer, old.id);
    expect(oldNow.status).toBe("APPROVED");
    expect(oldNow.supersededBy).toBe(next.id);
    expect((await getGrant(actors.viewer, next.id)).supersededBy).toBeNull();
    const event = await db.auditEvent.findFirstOrThrow({ where: { entity: "Grant", entityId: old.id, action: "grant.superseded" } });
    expect(event.after).toMatchObject({ inForce: false, supersededBy: next.id });
    const rules = (await listFindings(actors.viewer, { tool: "reviewbot", environment: "staging" })).map((f) => f.rule);
    expect(rules).toContain("CAPABILITY_EXCEEDS_GRANT");
  });

  it("successive approvals on one tool and environment supersede each older grant exactly once", async () => {
    const pair = { tool: "testsmith", environment: "sandbox" };
    const approved: string[] = [];
    for (let i = 1; i <= 4; i++) {
      const grant = await requestGrant(actors.lead, request({ ...pair, justification: `Integration test: successive approval ${i}.` }));
      await decideGrant(actors.reviewer, grant.id, { decision: "APPROVE", comment: "fine" });
      approved.push(grant.id);
    }
    const supersededBy = async (id: string) =>
      (await db.auditEvent.findMany({ where: { entity: "Grant", entityId: id, action: "grant.superseded" } })).map((e) => (e.after as { supersededBy: string }).supersededBy);
    for (let i = 0; i < 3; i++) expect(await supersededBy(approved[i])).toEqual([approved[i + 1]]);
    expect(await supersededBy(approved[3])).toEqual([]);

    // A revoked grant withdrew the reach: the next approval has nothing in force to supersede.
    await revokeGrant(actors.reviewer, approved[3], "Integration test: withdrawn.");
    const after = await requestGrant(actors.lead, request({ ...pair, justification: "Integration test: after a revocation." }));
    await decideGrant(actors.reviewer, after.id, { decision: "APPROVE", comment: "fine" });
    for (const id of approved) expect(await supersededBy(id)).toHaveLength(id === approved[3] ? 0 : 1);
  });

  it("every change above extended a valid hash chain", async () => {
    const events = await db.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(events.length).toBeGreaterThan(20);
    expect(verifyChain(events)).toEqual({ valid: true, checked: events.length });
  });
});

// PGlite serves one connection, so two transactions cannot overlap there; CI runs against a real
// Postgres server, where these run.
describe.skipIf(EMBEDDED)("two reviewers at the same moment (real Postgres, two connections)", () => {
  let other: PrismaClient;
  let holder: pg.Client;

  beforeAll(async () => {
    other = createPrismaClient(seeded.url);
    holder = new pg.Client({ connectionString: seeded.url });
    await holder.connect();
  });

  afterAll(async () => {
    await other?.$disconnect();
    await holder?.end();
  });

  async function waitingOnLocks(): Promise<number> {
    const { rows } = await holder.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
    );
    return rows[0].n;
  }

  /**
   * Starts both decisions while a third connection holds the grant's row lock, waits until both are
   * blocked inside their transactions, then lets them go: they are guaranteed to overlap.
   */
  async function race(grantId: string, first: Actor, second: Actor, decisions: ["APPROVE" | "DENY", "APPROVE" | "DENY"] = ["APPROVE", "APPROVE"]) {
    await holder.query("BEGIN");
    await holder.query(`SELECT "id" FROM "Grant" WHERE "id" = $1 FOR UPDATE`, [grantId]);
    const settled = Promise.allSettled([
      decideGrant(first, grantId, { decision: decisions[0], comment: "racing" }, { db }),
      decideGrant(second, grantId, { decision: decisions[1], comment: "racing" }, { db: other }),
    ]);
    const deadline = Date.now() + 10_000;
    while ((await waitingOnLocks()) < 2) {
      if (Date.now() > deadline) throw new Error("the two decisions never waited on the grant's row lock");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await holder.query("COMMIT");
    return settled;
  }

  it("each decision waits for the grant's row lock", async () => {
    const grant = await requestGrant(actors.lead, request());
    await holder.query("BEGIN");
    await holder.query(`SELECT "id" FROM "Grant" WHERE "id" = $1 FOR UPDATE`, [grant.id]);
    let done = false;
    const pending = decideGrant(actors.reviewer, grant.id, { decision: "APPROVE", comment: "" }, { db: other }).finally(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(done).toBe(false);
    expect(await waitingOnLocks()).toBe(1);
    await holder.query("COMMIT");
    expect((await pending).status).toBe("APPROVED");
  });

  it("two-person grant: both approvals count, and the grant ends APPROVED by two people", async () => {
    for (let round = 0; round < 3; round++) {
      const grant = await requestGrant(actors.lead, twoPerson(`Race ${round}: two seniors at once.`));
      const results = await race(grant.id, actors.reviewer, actors.reviewer2);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
      const statuses = results.map((r) => (r as PromiseFulfilledResult<{ status: string }>).value.status).sort();
      expect(statuses).toEqual(["APPROVED", "REQUESTED"]);
      const stored = await db.grant.findUniqueOrThrow({ where: { id: grant.id }, include: { decisions: true } });
      expect(stored.status).toBe("APPROVED");
      expect(new Set(stored.decisions.map((d) => d.reviewerId)).size).toBe(2);
    }
  });

  it("a grant needing one approval: the first approves it, the second gets 409 GRANT_NOT_PENDING and records nothing", async () => {
    for (let round = 0; round < 3; round++) {
      const grant = await requestGrant(actors.lead, request({ justification: `Race ${round}: one approval needed.` }));
      const results = await race(grant.id, actors.reviewer, actors.junior);
      const fulfilled = results.filter((r) => r.status === "fulfilled");
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect(rejected[0].reason).toBeInstanceOf(AppError);
      expect([rejected[0].reason.code, rejected[0].reason.status]).toEqual(["GRANT_NOT_PENDING", 409]);
      const stored = await db.grant.findUniqueOrThrow({ where: { id: grant.id }, include: { decisions: true } });
      expect(stored.status).toBe("APPROVED");
      expect(stored.decisions).toHaveLength(1);
      expect(await db.auditEvent.count({ where: { entity: "Grant", entityId: grant.id, action: { startsWith: "grant.decision" } } })).toBe(1);
    }
  });

  it("an approval racing a denial on a two-person grant: it ends DENIED either way", async () => {
    const grant = await requestGrant(actors.lead, twoPerson("Race: approve against deny."));
    const results = await race(grant.id, actors.reviewer, actors.reviewer2, ["APPROVE", "DENY"]);
    expect(results[1].status).toBe("fulfilled");
    expect((await db.grant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe("DENIED");
  });

  it("the racing writes still form one valid hash chain", async () => {
    const events = await db.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(verifyChain(events).valid).toBe(true);
  });
});
