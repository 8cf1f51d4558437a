// The AI-origin ledger through POST /api/v1/changes against a real database seeded with the demo register.
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import changesRoute from "@/pages/api/v1/changes";
import { GET as exportCsv } from "@/app/api/v1/export/changes.csv/route";
import { prisma } from "@/lib/db/client";
import { verifyChain } from "@/lib/audit/chain";
import { recordAudit } from "@/lib/audit/record";
import { apiRequest, params, tokenFor, tokenForRole } from "@/lib/test/api";
import { callRoute } from "@/lib/test/route-client";
import { changeInputSchema } from "@/lib/validation/changes.validation";
import { changePayloadHash } from "./change-ingestion";

let ci: string;
let viewer: string;
let sequence = 0;

beforeAll(async () => {
  ci = await tokenFor("lead@example.com");
  viewer = await tokenForRole("VIEWER");
});

function change(overrides: Record<string, unknown> = {}) {
  sequence += 1;
  return {
    externalId: `int-${Date.now()}-${sequence}`,
    service: "checkout",
    environment: "staging",
    changeType: "CODE",
    aiOrigin: "HUMAN",
    approvers: ["reviewer@example.com"],
    rollbackPlan: "redeploy previous image",
    deployedAt: new Date(Date.now() - 3_600_000).toISOString(),
    ...overrides,
  };
}

function post(body: unknown, token = ci) {
  return callRoute(changesRoute, { method: "POST", path: "/api/v1/changes", token, body });
}

describe("POST /api/v1/changes", () => {
  it("records a change, and the same payload again returns the same record with 200", async () => {
    const payload = change();
    const first = await post(payload);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ externalId: payload.externalId, status: "created", environment: "staging", violations: [] });
    const again = await post({ ...payload, approvers: [...payload.approvers] });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, status: "existing" });
    expect(await prisma().change.count({ where: { externalId: payload.externalId } })).toBe(1);
  });

  it("refuses a different payload under a known externalId with 409", async () => {
    const payload = change();
    expect((await post(payload)).status).toBe(201);
    const conflict = await post({ ...payload, service: "billing-api" });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe("CONFLICT");
    expect((await prisma().change.findUniqueOrThrow({ where: { externalId: payload.externalId } })).service).toBe("checkout");
  });

  it("writes nothing from a batch with one bad entry, naming the entry and the field", async () => {
    const batch = [change(), change({ environment: "prod-moon" }), change()];
    const unknownEnv = await post(batch);
    expect(unknownEnv.status).toBe(422);
    expect(unknownEnv.body.error.details).toEqual([{ field: "1.environment", message: 'unknown environment "prod-moon"' }]);
    expect(await prisma().change.count({ where: { externalId: { in: batch.map((c) => c.externalId) } } })).toBe(0);

    const invalid = await post([change(), change(), change({ deployedAt: "yesterday" })]);
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(/^2\.deployedAt/);
  });

  it("records a batch all at once", async () => {
    const batch = Array.from({ length: 25 }, () => change());
    const result = await post(batch);
    expect(result.status).toBe(201);
    expect(result.body.created).toBe(25);
    expect(result.body.changes.map((c: { externalId: string }) => c.externalId)).toEqual(batch.map((c) => c.externalId));
    const resent = await post(batch);
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ created: 0, existing: 25 });
  });

  it("requires an AI-made change to name its tool and mode", async () => {
    const result = await post(change({ aiOrigin: "AI_ASSISTED" }));
    expect(result.status).toBe(400);
    expect(result.body.error.message).toMatch(/^tool/);
  });

  it("names what is wrong with a body that is not JSON, too large, or sent with another method", async () => {
    const notJson = await post("{ not json");
    expect([notJson.status, notJson.body.error]).toEqual([400, { code: "VALIDATION", message: "The request body is not valid JSON.", details: [{ field: "body", message: "not valid JSON" }] }]);
    const huge = await post(JSON.stringify([change({ rollbackPlan: "x".repeat(11 * 1024 * 1024) })]));
    expect([huge.status, huge.body.error.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
    const put = await callRoute(changesRoute, { method: "PUT", path: "/api/v1/changes", token: ci, body: change() });
    expect([put.status, put.body.error.code, put.headers.get("allow")]).toEqual([405, "METHOD_NOT_ALLOWED", "GET, POST"]);
  });

  it("is for roles that ingest changes: 401 with an unknown token, 403 for a viewer", async () => {
    expect((await post(change(), "grr_unknown")).status).toBe(401);
    expect((await post(change(), viewer)).status).toBe(403);
  });

  // Concurrent requests are written together in one transaction (group commit); each must still get
  // exactly the answer it would get alone, and its own audit event.
  it("answers concurrent requests each on its own: created, existing, conflict, unknown reference", async () => {
    const admin = await tokenForRole("ADMIN");
    const singles = Array.from({ length: 20 }, () => change());
    const resent = change();
    const contested = change();
    const batch = [change(), change(), change()];
    const badBatch = [change(), change({ tool: "no-such-tool", aiOrigin: "AI_ASSISTED", mode: "AGENT" })];
    const requests = [
      ...singles.map((payload, i) => post(payload, i % 2 ? admin : ci)),
      post(resent),
      post(resent),
      post(contested),
      post({ ...contested, service: "billing-api" }),
      post(batch, admin),
      post(badBatch),
      post(change({ environment: "prod-moon" })),
    ];
    const [singleResults, [resentA, resentB, contestedA, contestedB, batchResult, badBatchResult, badSingle]] = await Promise.all([
      Promise.all(requests.slice(0, singles.length)),
      Promise.all(requests.slice(singles.length)),
    ]);

    expect(singleResults.map((r) => r.status)).toEqual(singles.map(() => 201));
    expect(singleResults.map((r) => r.body.externalId)).toEqual(singles.map((c) => c.externalId));
    // Sent twice at once: one records it, the other finds it (in whichever order they were written).
    expect([resentA.status, resentB.status].sort()).toEqual([200, 201]);
    expect(resentA.body.id).toBe(resentB.body.id);
    expect([contestedA.status, contestedB.status].sort()).toEqual([201, 409]);
    expect(batchResult.status).toBe(201);
    expect(batchResult.body.created).toBe(3);
    expect(badBatchResult.status).toBe(422);
    expect(badBatchResult.body.error.details).toEqual([{ field: "1.tool", message: 'unknown tool "no-such-tool"' }]);
    expect(badSingle.status).toBe(422);
    expect(badSingle.body.error.details).toEqual([{ field: "environment", message: 'unknown environment "prod-moon"' }]);

    const written = await prisma().change.findMany({
      where: { externalId: { in: [...singles, resent, contested, ...batch, ...badBatch].map((c) => c.externalId) } },
      select: { externalId: true, service: true },
    });
    expect(written.map((c) => c.externalId).sort()).toEqual([...singles, resent, contested, ...batch].map((c) => c.externalId).sort());
    const contestedRow = written.find((c) => c.externalId === contested.externalId)!;
    const winner = contestedA.status === 201 ? contestedA : contestedB;
    expect(contestedRow.service).toBe(winner.body.service);

    // One audit event per request that recorded something, by the request's own token holder.
    const events = await prisma().auditEvent.findMany({
      where: { action: "changes.ingested", entityId: { in: [...singles, resent, contested].map((c) => c.externalId).concat("batch of 3") } },
      select: { entityId: true, actorEmail: true, after: true },
    });
    const byEntity = new Map(events.map((e) => [e.entityId, e]));
    singles.forEach((payload, i) => expect(byEntity.get(payload.externalId)?.actorEmail).toBe(i % 2 ? "admin@example.com" : "lead@example.com"));
    expect(events.filter((e) => e.entityId === resent.externalId)).toHaveLength(1);
    expect(events.some((e) => e.entityId === "batch of 3" && (e.after as { externalIds: string[] }).externalIds.join() === batch.map((c) => c.externalId).join())).toBe(true);
    const chain = await prisma().auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(verifyChain(chain)).toMatchObject({ valid: true });
  });

  it("answers 200, not 500, when another process records the same change between its read and its insert", async () => {
    const payload = change();
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query(
        `INSERT INTO "Change" (id, "externalId", service, "environmentId", "changeType", "aiOrigin", approvers, "rollbackPlan", "deployedAt", "payloadHash")
         SELECT 'other-process', $1, $2, e.id, 'CODE', 'HUMAN', $3, $4, $5::timestamptz AT TIME ZONE 'UTC', $6 FROM "Environment" e WHERE e.name = $7`,
        [payload.externalId, payload.service, payload.approvers, payload.rollbackPlan, payload.deployedAt, changePayloadHash(changeInputSchema.parse(payload)), payload.environment],
      );
      // Our insert now waits on the other transaction's uncommitted row, then fails on the unique index.
      const answer = post(payload);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await other.query("COMMIT");
      const { status, body } = await answer;
      expect(status).toBe(200);
      expect(body).toMatchObject({ id: "other-process", status: "existing" });
    } finally {
      await other.end();
    }
  });

  // The group takes the chain's lock in its first statement and reads the chain's head in a later
  // one; read in the same statement, the head would be the one from before the other writer committed.
  it("extends the audit chain after another writer that held the chain's lock", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const otherWriter = prisma().$transaction(async (tx) => {
      await recordAudit(tx, { id: null, email: "other-writer@example.com" }, { action: "test.held", entity: "Test", entityId: "held" });
      locked();
      await held;
    });
    await lockTaken;
    const payload = change();
    const answer = post(payload);
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await otherWriter;
    expect((await answer).status).toBe(201);

    const [other, ingested] = await Promise.all([
      prisma().auditEvent.findFirstOrThrow({ where: { action: "test.held", entityId: "held" } }),
      prisma().auditEvent.findFirstOrThrow({ where: { action: "changes.ingested", entityId: payload.externalId } }),
    ]);
    expect(ingested.id).toBeGreaterThan(other.id);
    expect(verifyChain(await prisma().auditEvent.findMany({ orderBy: { id: "asc" } }))).toMatchObject({ valid: true });
  });

  it.each([
    {
      code: "AI_CHANGE_WITHOUT_SENIOR_APPROVER",
      payload: { environment: "prod-us-east", aiOrigin: "AI_ASSISTED", tool: "kiro-agent", mode: "SUGGEST", approvers: ["junior-reviewer@example.com"] },
    },
    {
      code: "HIGH_IMPACT_CHANGE_WITHOUT_TWO_APPROVERS",
      payload: { environment: "prod-eu-west", changeType: "SCHEMA", approvers: ["reviewer@example.com"] },
    },
    { code: "NO_ROLLBACK_PLAN", payload: { environment: "shared-k8s", rollbackPlan: null } },
    {
      code: "MODE_EXCEEDS_ALLOWED_AUTONOMY",
      payload: { environment: "prod-us-east", aiOrigin: "AI_GENERATED", tool: "kiro-agent", mode: "AGENT", approvers: ["reviewer@example.com", "reviewer2@example.com"] },
    },
    { code: "NO_APPROVED_GRANT", payload: { environment: "control-plane", aiOrigin: "AI_ASSISTED", tool: "query-pilot", mode: "SUGGEST", approvers: ["reviewer@example.com"] } },
  ])("flags $code", async ({ code, payload }) => {
    const result = await post(change(payload));
    expect(result.status).toBe(201);
    expect(result.body.violations.map((v: { code: string }) => v.code)).toContain(code);
    const stored = await prisma().change.findUniqueOrThrow({ where: { externalId: result.body.externalId } });
    expect((stored.violations as { code: string }[]).map((v) => v.code)).toContain(code);
  });

  it("lists changes with filters, violating only", async () => {
    const response = await callRoute(changesRoute, { path: "/api/v1/changes?violating=1&environment=prod-us-east", token: viewer });
    expect(response.status).toBe(200);
    const body = response.body as { rows: { environment: string; violations: unknown[] }[]; total: number };
    expect(body.total).toBeGreaterThan(0);
    expect(body.rows.every((row) => row.environment === "prod-us-east" && row.violations.length > 0)).toBe(true);
  });

  it("exports the table's filtered view as CSV, every page, without hidden columns", async () => {
    const response = await exportCsv(apiRequest("/api/v1/export/changes.csv?violating=1&environment=prod-us-east&hide=approvers&pageSize=10", { token: viewer }), params({}));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const lines = (await response.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    const header = lines[0].split(",");
    expect(header).toContain("violations");
    expect(header).not.toContain("approvers");
    const listed = await callRoute(changesRoute, { path: "/api/v1/changes?violating=1&environment=prod-us-east", token: viewer });
    expect(lines.length - 1).toBe((listed.body as { total: number }).total);
    const environment = header.indexOf("environment");
    expect(lines.slice(1).every((line) => line.split(",")[environment] === "prod-us-east")).toBe(true);
  });
});
