// Ending sessions: a session carries its user's session version from sign-in, and every request
// (activeUser) refuses a session whose version is no longer the user's. Sign-out, an admin's
// "sign out everywhere" and deactivation move the version on. Sessions are minted by next-auth's own
// route here; the pages and the API resolve them through activeUser (the browser side is in e2e/).
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { activeUser } from "@/lib/auth/active-user";
import { hashPassword } from "@/lib/auth/passwords";
import { endSessionsOnSignOut } from "@/lib/data/users";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { cookiesOf, importAuthRoute, postCredentials, type AuthRoute } from "@/lib/test/auth-route";
import { callRoute, tokenFor } from "@/lib/test/route-client";
import { withSeededDatabase } from "@/lib/test/seeded-database";
import * as sessionsRoute from "@/app/api/v1/users/[id]/sessions/route";
import * as userRoute from "@/app/api/v1/users/[id]/route";
import * as toolsRoute from "@/app/api/v1/tools/route";

// No browser session reaches route handlers in vitest: a request without a bearer token is anonymous.
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => null }));

const PASSWORD = "the-right-password-2026";

let db: PrismaClient;
let authRoute: AuthRoute;
let adminToken: string;
let serial = 0;

withSeededDatabase("sessions", async (seeded) => {
  db = seeded.db;
  adminToken = await tokenFor(db, "admin@example.com");
  authRoute = await importAuthRoute();
});

async function newUser() {
  serial += 1;
  const email = `session-${serial}@example.com`;
  const user = await db.user.create({ data: { email, name: `Session ${serial}`, passwordHash: await hashPassword(PASSWORD) } });
  return user;
}

// Signs in through next-auth's credentials callback and reads the session back as the app does.
async function signInSession(email: string): Promise<{ cookie: string; userId: string; sessionVersion: number | undefined }> {
  const signedIn = await postCredentials(authRoute, { email, password: PASSWORD, address: "203.0.113.200" });
  const cookie = cookiesOf(signedIn).find((c) => c.startsWith("authjs.session-token="));
  if (!cookie) throw new Error(`no session for ${email}`);
  const session = await authRoute.GET(new NextRequest("http://localhost/api/auth/session", { headers: { cookie } }));
  const body = (await session.json()) as { user: { id: string }; sessionVersion?: number };
  return { cookie, userId: body.user.id, sessionVersion: body.sessionVersion };
}

describe("the session version", () => {
  it("a new session carries the user's version and is in force", async () => {
    const user = await newUser();
    const session = await signInSession(user.email);
    expect(session).toMatchObject({ userId: user.id, sessionVersion: 0 });
    expect(await activeUser(session.userId, session.sessionVersion)).toMatchObject({ id: user.id, email: user.email });
  });

  it("a session from before versions (none in its token) is not in force", async () => {
    const user = await newUser();
    expect(await activeUser(user.id, undefined)).toBeNull();
  });
});

describe("sign-out", () => {
  it("ends every session of the user, a copied cookie included; a new sign-in works", async () => {
    const user = await newUser();
    const first = await signInSession(user.email);
    const second = await signInSession(user.email);
    await endSessionsOnSignOut(first.userId, first.sessionVersion!);
    expect(await activeUser(first.userId, first.sessionVersion)).toBeNull();
    expect(await activeUser(second.userId, second.sessionVersion)).toBeNull();
    const again = await signInSession(user.email);
    expect(again.sessionVersion).toBe(1);
    expect(await activeUser(again.userId, again.sessionVersion)).not.toBeNull();
  });

  it("from a session already ended, it changes nothing (a stale cookie cannot sign the person out again)", async () => {
    const user = await newUser();
    const stale = await signInSession(user.email);
    await endSessionsOnSignOut(stale.userId, stale.sessionVersion!);
    const current = await signInSession(user.email);
    await endSessionsOnSignOut(stale.userId, stale.sessionVersion!);
    expect(await activeUser(current.userId, current.sessionVersion)).not.toBeNull();
  });
});

describe("DELETE /api/v1/users/{id}/sessions (admin: sign out everywhere)", () => {
  it("ends the person's sessions at once, audited; their API tokens keep working", async () => {
    const user = await newUser();
    const session = await signInSession(user.email);
    const userToken = await tokenFor(db, user.email);
    const res = await callRoute(sessionsRoute.DELETE, { method: "DELETE", path: `/api/v1/users/${user.id}/sessions`, token: adminToken, params: { id: user.id } });
    expect(res.status).toBe(204);
    expect(await activeUser(session.userId, session.sessionVersion)).toBeNull();
    const events = await db.auditEvent.findMany({ where: { action: "user.sessions_revoked", entityId: user.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorEmail: "admin@example.com", entity: "User", after: { email: user.email, sessionVersion: 1 } });
    expect((await callRoute(toolsRoute.GET, { path: "/api/v1/tools", token: userToken })).status).toBe(200);
  });

  it("404 for an unknown user, 403 for a non-admin, 401 without a token", async () => {
    const user = await newUser();
    const path = `/api/v1/users/${user.id}/sessions`;
    const unknown = await callRoute(sessionsRoute.DELETE, { method: "DELETE", path: "/api/v1/users/nobody/sessions", token: adminToken, params: { id: "nobody" } });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "NOT_FOUND"]);
    const lead = await callRoute(sessionsRoute.DELETE, { method: "DELETE", path, token: await tokenFor(db, "lead@example.com"), params: { id: user.id } });
    expect(lead.status).toBe(403);
    expect((await callRoute(sessionsRoute.DELETE, { method: "DELETE", path, params: { id: user.id } })).status).toBe(401);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(0);
  });
});

describe("deactivation", () => {
  it("ends the person's sessions for good: reactivating them does not revive an old cookie", async () => {
    const user = await newUser();
    const session = await signInSession(user.email);
    const patch = (active: boolean) => callRoute(userRoute.PATCH, { method: "PATCH", path: `/api/v1/users/${user.id}`, token: adminToken, params: { id: user.id }, body: { active } });
    expect((await patch(false)).status).toBe(200);
    expect((await patch(true)).status).toBe(200);
    expect(await activeUser(session.userId, session.sessionVersion)).toBeNull();
    expect((await signInSession(user.email)).sessionVersion).toBe(1);
  });
});
