// The v1 API for users, tokens, grants and the audit trail, through the route handlers themselves,
// on a database of its own. Bearer tokens only: the browser session (next-auth) is not available here.
import { describe, expect, it, vi } from "vitest";
import { verifyPassword } from "@/lib/auth/passwords";
import { hashToken } from "@/lib/auth/tokens";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { tokensFor, withSeededDatabase } from "@/lib/test/seeded-database";
import { parseCsv } from "@/lib/test/api";
import { callRoute } from "@/lib/test/route-client";
import * as auditRoute from "@/app/api/v1/audit/route";
import * as chainRoute from "@/app/api/v1/audit/chain/route";
import * as grantsRoute from "@/app/api/v1/grants/route";
import * as grantsCsvRoute from "@/app/api/v1/export/grants.csv/route";
import * as grantRoute from "@/app/api/v1/grants/[id]/route";
import * as decisionsRoute from "@/app/api/v1/grants/[id]/decisions/route";
import * as revokeRoute from "@/app/api/v1/grants/[id]/revoke/route";
import * as usersRoute from "@/app/api/v1/users/route";
import * as tokensRoute from "@/app/api/v1/users/[id]/tokens/route";
import * as userRoute from "@/app/api/v1/users/[id]/route";
import * as tokenRoute from "@/app/api/v1/users/[id]/tokens/[tokenId]/route";

// No browser session in vitest: a request without a bearer token is anonymous.
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => null }));

let db: PrismaClient;
const token: Record<string, string> = {};

withSeededDatabase("grants_api_test", async (seeded) => {
  db = seeded.db;
  Object.assign(token, await tokensFor(db, ["admin", "lead", "reviewer", "reviewer2", "viewer"]));
});

const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();

describe("users and tokens (admin)", () => {
  let userId: string;
  let issued: string;

  it("POST /api/v1/users creates a user who can sign in with the password; the password is never returned", async () => {
    const res = await callRoute(usersRoute.POST, {
      method: "POST",
      path: "/api/v1/users",
      token: token.admin,
      body: { email: "New.Reviewer@Example.com", name: "Noor Haddad", role: "SECURITY_REVIEWER", senior: true, password: "a-long-enough-password" },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email: "new.reviewer@example.com", name: "Noor Haddad", role: "SECURITY_REVIEWER", senior: true, active: true, canSignIn: true });
    expect(JSON.stringify(res.body)).not.toContain("password");
    userId = res.body.id;
    const stored = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(await verifyPassword("a-long-enough-password", stored.passwordHash!)).toBe(true);
    const event = await db.auditEvent.findFirstOrThrow({ where: { entity: "User", entityId: userId } });
    expect(event.action).toBe("user.created");
    expect(JSON.stringify(event.after)).not.toContain("a-long-enough-password");
  });

  it("refuses a duplicate email (409, any case) and names invalid fields (400)", async () => {
    const duplicate = await callRoute(usersRoute.POST, { method: "POST", path: "/api/v1/users", token: token.admin, body: { email: "NEW.reviewer@example.com", name: "Again", role: "VIEWER" } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe("CONFLICT");
    const invalid = await callRoute(usersRoute.POST, { method: "POST", path: "/api/v1/users", token: token.admin, body: { email: "x@example.com", name: "X", role: "ROOT" } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details[0].field).toBe("role");
    const short = await callRoute(usersRoute.POST, { method: "POST", path: "/api/v1/users", token: token.admin, body: { email: "y@example.com", name: "Y", role: "VIEWER", password: "short" } });
    expect(short.body.error.details[0].field).toBe("password");
  });

  it("POST /api/v1/users/{id}/tokens returns the token once and keeps only its hash", async () => {
    const res = await callRoute(tokensRoute.POST, { method: "POST", path: `/api/v1/users/${userId}/tokens`, token: token.admin, params: { id: userId }, body: { name: "ci" } });
    expect(res.status).toBe(201);
    issued = res.body.token;
    expect(issued).toMatch(/^grr_/);
    const stored = await db.apiToken.findFirstOrThrow({ where: { userId, name: "ci" } });
    expect(stored.tokenHash).toBe(hashToken(issued));
    const everything = JSON.stringify(await db.auditEvent.findMany({ where: { entity: "ApiToken" }, select: { before: true, after: true } }));
    expect(everything).not.toContain(issued);
    // Without a body the token gets a default name.
    const bare = await callRoute(tokensRoute.POST, { method: "POST", path: `/api/v1/users/${userId}/tokens`, token: token.admin, params: { id: userId } });
    expect(bare.status).toBe(201);
    expect(bare.body.name).toBe("api");
    expect((await callRoute(tokensRoute.POST, { method: "POST", path: "/api/v1/users/nobody/tokens", token: token.admin, params: { id: "nobody" } })).status).toBe(404);
  });

  it("the new token acts with its user's role", async () => {
    expect((await callRoute(grantsRoute.GET, { path: "/api/v1/grants", token: issued })).status).toBe(200);
    expect((await callRoute(usersRoute.POST, { method: "POST", path: "/api/v1/users", token: issued, body: {} })).status).toBe(403);
    token.newReviewer = issued;
  });
});

describe("grants through the API", () => {
  let id: string;

  it("POST /api/v1/grants requests by tool slug and environment name, with requiredApprovals", async () => {
    const res = await callRoute(grantsRoute.POST, {
      method: "POST",
      path: "/api/v1/grants",
      token: token.lead,
      body: { tool: "kiro-agent", environment: "shared-k8s", maxAutonomy: "AGENT", capabilities: ["repo:read", "deploy:run"], justification: "Deploy platform fixes to the shared clusters.", expiresAt },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ tool: "kiro-agent", environment: "shared-k8s", status: "REQUESTED", requester: "lead@example.com", decisions: [] });
    expect(res.body.requiredApprovals).toEqual({ count: 2, seniorRequired: true, reasons: ["tier SHARED_PLATFORM"] });
    id = res.body.id;
  });

  it("validates the body (400 naming the field) and the references (422)", async () => {
    const past = await callRoute(grantsRoute.POST, { method: "POST", path: "/api/v1/grants", token: token.lead, body: { tool: "kiro-agent", environment: "sandbox", maxAutonomy: "AGENT", justification: "long enough text", expiresAt: "2001-01-01" } });
    expect(past.status).toBe(400);
    expect(past.body.error.details[0].field).toBe("expiresAt");
    const unknown = await callRoute(grantsRoute.POST, { method: "POST", path: "/api/v1/grants", token: token.lead, body: { tool: "kiro-agent", environment: "mars", maxAutonomy: "AGENT", justification: "long enough text", expiresAt } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details).toEqual([{ field: "environment", message: 'unknown environment "mars"' }]);
    const notJson = await callRoute(grantsRoute.POST, { method: "POST", path: "/api/v1/grants", token: token.lead, body: "{nope" });
    expect(notJson.status).toBe(400);
  });

  it("POST /api/v1/grants/{id}/decisions: senior, then a second reviewer; the requester and repeat decisions are refused", async () => {
    const decide = (who: string, body: unknown) => callRoute(decisionsRoute.POST, { method: "POST", path: `/api/v1/grants/${id}/decisions`, token: token[who], params: { id }, body });
    expect((await decide("lead", { decision: "APPROVE" })).status).toBe(403);
    const first = await decide("reviewer", { decision: "APPROVE", comment: "Deploy only, no infra." });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: "REQUESTED", progress: { approvals: 1, seniorApprovals: 1, satisfied: false } });
    const again = await decide("reviewer", { decision: "DENY", comment: "changed my mind" });
    expect([again.status, again.body.error.code]).toEqual([409, "DUPLICATE_DECISION"]);
    expect((await decide("reviewer2", { decision: "DENY" })).body.error.details[0].field).toBe("comment");
    const second = await decide("newReviewer", { decision: "APPROVE", comment: "" });
    expect(second.body.status).toBe("APPROVED");
    const late = await decide("reviewer2", { decision: "APPROVE" });
    expect([late.status, late.body.error.code]).toEqual([409, "GRANT_NOT_PENDING"]);

    const got = await callRoute(grantRoute.GET, { path: `/api/v1/grants/${id}`, token: token.viewer, params: { id } });
    expect(got.status).toBe(200);
    expect(got.body.requiredApprovals).toEqual({ count: 2, seniorRequired: true, reasons: ["tier SHARED_PLATFORM"] });
    expect(got.body.decisions.map((d: { reviewer: string; decision: string }) => [d.reviewer, d.decision])).toEqual([
      ["reviewer@example.com", "APPROVE"],
      ["new.reviewer@example.com", "APPROVE"],
    ]);
    expect((await callRoute(grantRoute.GET, { path: "/api/v1/grants/nope", token: token.viewer, params: { id: "nope" } })).status).toBe(404);
  });

  it("an admin who requested cannot approve it: 403 SELF_APPROVAL", async () => {
    const res = await callRoute(grantsRoute.POST, { method: "POST", path: "/api/v1/grants", token: token.admin, body: { tool: "docwriter", environment: "staging", maxAutonomy: "SUGGEST", justification: "Docs pull requests on staging.", expiresAt } });
    const self = await callRoute(decisionsRoute.POST, { method: "POST", path: `/api/v1/grants/${res.body.id}/decisions`, token: token.admin, params: { id: res.body.id }, body: { decision: "APPROVE" } });
    expect([self.status, self.body.error.code]).toEqual([403, "SELF_APPROVAL"]);
  });

  it("GET /api/v1/grants filters by status, tool and environment", async () => {
    const pending = await callRoute(grantsRoute.GET, { path: "/api/v1/grants?status=REQUESTED", token: token.viewer });
    expect(pending.status).toBe(200);
    expect(pending.body.rows.length).toBeGreaterThanOrEqual(3);
    expect(pending.body.rows.every((g: { status: string }) => g.status === "REQUESTED")).toBe(true);
    const mine = await callRoute(grantsRoute.GET, { path: "/api/v1/grants?tool=kiro-agent&environment=shared-k8s", token: token.viewer });
    expect(mine.body.rows.map((g: { id: string }) => g.id)).toEqual([id]);
    expect((await callRoute(grantsRoute.GET, { path: "/api/v1/grants?status=MAYBE", token: token.viewer })).status).toBe(400);
  });

  it("GET /api/v1/export/grants.csv exports the queue's filtered view, every page, without hidden columns", async () => {
    const csv = async (query: string) => {
      const res = await callRoute(grantsCsvRoute.GET, { path: `/api/v1/export/grants.csv${query}`, token: token.viewer });
      expect(res.status).toBe(200);
      return parseCsv(res.body);
    };
    // As the page: pending requests unless another status is chosen.
    const pending = await csv("?pageSize=10&page=3");
    const listedPending = await callRoute(grantsRoute.GET, { path: "/api/v1/grants?status=REQUESTED", token: token.viewer });
    expect(pending.data.length).toBe(listedPending.body.total);
    expect(pending.data.every((g) => g.status === "REQUESTED")).toBe(true);
    expect(pending.meta.fields).toEqual(expect.arrayContaining(["id", "tool", "environment", "status", "tier", "capabilities", "requiredApprovals", "decisions", "createdAt", "requester"]));

    const mine = await csv("?status=ALL&tool=kiro-agent&hide=tier,requiredApprovals");
    const listedMine = await callRoute(grantsRoute.GET, { path: "/api/v1/grants?tool=kiro-agent", token: token.viewer });
    expect(mine.data.length).toBe(listedMine.body.total);
    expect(mine.data.map((g) => g.id)).toContain(id);
    expect(mine.data.every((g) => g.tool === "kiro-agent")).toBe(true);
    expect(mine.meta.fields).toEqual(["id", "tool", "environment", "status", "supersededBy", "maxAutonomy", "justification", "createdAt", "requester", "expiresAt"]);
  });

  it("POST /api/v1/grants/{id}/revoke withdraws it with a reason", async () => {
    const revoke = (who: string, body: unknown) => callRoute(revokeRoute.POST, { method: "POST", path: `/api/v1/grants/${id}/revoke`, token: token[who], params: { id }, body });
    expect((await revoke("lead", { reason: "mine" })).status).toBe(403);
    expect((await revoke("reviewer", {})).status).toBe(400);
    const res = await revoke("reviewer2", { reason: "Shared clusters are out of scope this quarter." });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("REVOKED");
    expect((await revoke("reviewer2", { reason: "again" })).body.error.code).toBe("GRANT_NOT_APPROVED");
  });

  it("GET /api/v1/audit lists the grant's events newest first, filtered by entity, actor and action", async () => {
    const res = await callRoute(auditRoute.GET, { path: `/api/v1/audit?entity=Grant&entityId=${id}`, token: token.viewer });
    expect(res.status).toBe(200);
    expect(res.body.rows.map((e: { action: string }) => e.action)).toEqual(["grant.revoked", "grant.decision.approve", "grant.decision.approve", "grant.requested"]);
    expect(res.body.rows[0]).toMatchObject({ entity: "Grant", entityId: id, actor: "reviewer2@example.com", before: { status: "APPROVED" } });
    const byActor = await callRoute(auditRoute.GET, { path: "/api/v1/audit?actor=LEAD@example.com", token: token.viewer });
    expect(byActor.body.rows.length).toBeGreaterThan(0);
    expect(byActor.body.rows.every((e: { actor: string }) => e.actor === "lead@example.com")).toBe(true);
    const byAction = await callRoute(auditRoute.GET, { path: "/api/v1/audit?action=user.created", token: token.viewer });
    expect(byAction.body.rows.map((e: { entityId: string }) => e.entityId)).toContain((await db.user.findUniqueOrThrow({ where: { email: "new.reviewer@example.com" } })).id);
    expect((await callRoute(auditRoute.GET, { path: "/api/v1/audit?pageSize=0", token: token.viewer })).status).toBe(400);
  });

  it("GET /api/v1/audit/chain verifies every event", async () => {
    const res = await callRoute(chainRoute.GET, { path: "/api/v1/audit/chain", token: token.viewer });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ valid: true });
    expect(res.body.checked).toBe(res.body.total);
  });

  it("401 without a token or with an unknown one", async () => {
    expect((await callRoute(grantsRoute.GET, { path: "/api/v1/grants" })).status).toBe(401);
    expect((await callRoute(auditRoute.GET, { path: "/api/v1/audit", token: "grr_not-a-token" })).status).toBe(401);
  });
});

describe("people and their tokens (admin)", () => {
  let person: { id: string };
  let personToken: string;
  let tokenId: string;

  it("GET /api/v1/users lists everyone with their tokens' names, never the secrets", async () => {
    person = (await callRoute(usersRoute.POST, { method: "POST", path: "/api/v1/users", token: token.admin, body: { email: "ci-bot@example.com", name: "CI bot", role: "PLATFORM_LEAD" } })).body;
    const issued = await callRoute(tokensRoute.POST, { method: "POST", path: `/api/v1/users/${person.id}/tokens`, token: token.admin, params: { id: person.id }, body: { name: "deploy pipeline" } });
    personToken = issued.body.token;
    tokenId = issued.body.id;

    expect((await callRoute(grantsRoute.GET, { path: "/api/v1/grants", token: personToken })).status).toBe(200);
    const res = await callRoute(usersRoute.GET, { path: "/api/v1/users?pageSize=200", token: token.admin });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: await db.user.count(), page: 1, pageCount: 1 });
    const listed = res.body.rows.find((u: { email: string }) => u.email === "ci-bot@example.com");
    expect(listed).toMatchObject({ role: "PLATFORM_LEAD", active: true, canSignIn: false, tokens: [{ id: tokenId, name: "deploy pipeline" }] });
    // The token was used once above: when, to the minute.
    expect(Date.now() - Date.parse(listed.tokens[0].lastUsedAt)).toBeLessThan(60_000);
    expect(JSON.stringify(res.body)).not.toContain(personToken);
    expect((await callRoute(usersRoute.GET, { path: "/api/v1/users", token: token.lead })).status).toBe(403);
  });

  it("PATCH /api/v1/users/{id} changes the role at once, and deactivating stops the person's tokens", async () => {
    const patch = (id: string, body: unknown, as = token.admin) => callRoute(userRoute.PATCH, { method: "PATCH", path: `/api/v1/users/${id}`, token: as, params: { id }, body });
    expect((await callRoute(grantsRoute.POST, { method: "POST", path: "/api/v1/grants", token: personToken, body: {} })).status).toBe(400);

    const demoted = await patch(person.id, { role: "VIEWER" });
    expect(demoted.status).toBe(200);
    expect(demoted.body).toMatchObject({ role: "VIEWER", active: true });
    expect((await callRoute(grantsRoute.POST, { method: "POST", path: "/api/v1/grants", token: personToken, body: {} })).status).toBe(403);

    expect((await patch(person.id, { active: false })).body.active).toBe(false);
    expect((await callRoute(grantsRoute.GET, { path: "/api/v1/grants", token: personToken })).status).toBe(401);
    const events = await db.auditEvent.findMany({ where: { entity: "User", entityId: person.id, action: "user.updated" }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.before, e.after])).toEqual([
      [{ role: "PLATFORM_LEAD" }, { email: "ci-bot@example.com", role: "VIEWER" }],
      [{ active: true }, { email: "ci-bot@example.com", active: false }],
    ]);

    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@example.com" } });
    const selfLockout = await patch(admin.id, { active: false });
    expect(selfLockout.status).toBe(422);
    expect(selfLockout.body.error.details).toEqual([{ field: "active", message: "not on your own account" }]);
    expect((await patch(person.id, {})).status).toBe(400);
    expect((await patch(person.id, { role: "ROOT" })).body.error.message).toMatch(/^role: role must be one of/);
    expect((await patch("nobody", { active: true })).status).toBe(404);
    expect((await patch(person.id, { active: true }, token.lead)).status).toBe(403);
  });

  it("DELETE /api/v1/users/{id}/tokens/{tokenId} revokes a token: it stops working at once", async () => {
    await callRoute(userRoute.PATCH, { method: "PATCH", path: `/api/v1/users/${person.id}`, token: token.admin, params: { id: person.id }, body: { active: true } });
    expect((await callRoute(grantsRoute.GET, { path: "/api/v1/grants", token: personToken })).status).toBe(200);

    const revoke = (id: string) => callRoute(tokenRoute.DELETE, { method: "DELETE", path: `/api/v1/users/${person.id}/tokens/${id}`, token: token.admin, params: { id: person.id, tokenId: id } });
    expect((await revoke(tokenId)).status).toBe(204);
    expect((await callRoute(grantsRoute.GET, { path: "/api/v1/grants", token: personToken })).status).toBe(401);
    expect((await revoke(tokenId)).status).toBe(404);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "token.revoked", entityId: tokenId } });
    expect(event.before).toEqual({ userId: person.id, email: "ci-bot@example.com", name: "deploy pipeline" });
  });
});
