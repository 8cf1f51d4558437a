// People's GitHub logins (users API, resolve, people import) on a real Postgres seeded with the demo register.
import { describe, expect, it } from "vitest";
import * as importRoute from "@/app/api/v1/import/users/route";
import * as resolveRoute from "@/app/api/v1/users/resolve/route";
import * as userRoute from "@/app/api/v1/users/[id]/route";
import * as usersRoute from "@/app/api/v1/users/route";
import { callRoute } from "@/lib/test/route-client";
import { tokensFor, withSeededDatabase } from "@/lib/test/seeded-database";

let tokens: Record<"admin" | "viewer", string>;
const seeded = withSeededDatabase("people_identities", async ({ db }) => {
  tokens = await tokensFor(db, ["admin", "viewer"]);
});

const resolve = (github: unknown, token = tokens.viewer) => callRoute(resolveRoute.POST, { method: "POST", path: "/api/v1/users/resolve", token, body: { github } });
const patch = (id: string, body: unknown) => callRoute(userRoute.PATCH, { method: "PATCH", path: `/api/v1/users/${id}`, token: tokens.admin, body, params: { id } });
const importPeople = (body: string, { query = "", contentType = "text/csv" } = {}) =>
  callRoute(importRoute.POST, { method: "POST", path: `/api/v1/import/users${query}`, token: tokens.admin, body, headers: { "content-type": contentType } });

describe("a person's GitHub login", () => {
  it("is stored lower-case, belongs to one person, can be removed, and is audited", async () => {
    const created = await callRoute(usersRoute.POST, { method: "POST", path: "/api/v1/users", token: tokens.admin, body: { email: "ana@example.com", name: "Ana Silva", role: "SECURITY_REVIEWER", githubLogin: "Ana-Silva" } });
    expect(created.status).toBe(201);
    expect(created.body.githubLogin).toBe("ana-silva");

    const taken = await callRoute(usersRoute.POST, { method: "POST", path: "/api/v1/users", token: tokens.admin, body: { email: "ana2@example.com", name: "Ana Two", role: "VIEWER", githubLogin: "ANA-SILVA" } });
    expect(taken.status).toBe(409);
    expect(taken.body.error.details).toEqual([{ field: "githubLogin", message: "already belongs to ana@example.com" }]);
    const dana = await seeded.db.user.findUniqueOrThrow({ where: { email: "reviewer@example.com" } });
    expect((await patch(dana.id, { githubLogin: "ana-silva" })).status).toBe(409);

    for (const bad of ["-ana", "ana--silva", "a".repeat(40), "ana silva", "ana\u0000"]) {
      const refused = await patch(dana.id, { githubLogin: bad });
      expect(refused.status, bad).toBe(400);
      expect(JSON.stringify(refused.body.error.details)).toContain("githubLogin");
    }

    expect((await patch(created.body.id, { githubLogin: null })).body.githubLogin).toBeNull();
    const events = await seeded.db.auditEvent.findMany({ where: { entity: "User", entityId: created.body.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["user.created", "user.updated"]);
    expect(events[0].after).toMatchObject({ githubLogin: "ana-silva" });
    expect(events[1]).toMatchObject({ before: { githubLogin: "ana-silva" }, after: { githubLogin: null } });
  });

  it("resolves to active people only, for any role, whatever the login's case", async () => {
    const answer = await resolve(["Dana-Okafor", "lee-park", "octocat", "lee-park"]);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      people: [
        { github: "dana-okafor", email: "reviewer@example.com", name: "Dana Okafor", senior: true },
        { github: "lee-park", email: "junior-reviewer@example.com", name: "Lee Park", senior: false },
      ],
      unknown: ["octocat"],
    });
    await seeded.db.user.update({ where: { email: "reviewer2@example.com" }, data: { active: false } });
    expect((await resolve(["samwhit"])).body).toEqual({ people: [], unknown: ["samwhit"] });
    await seeded.db.user.update({ where: { email: "reviewer2@example.com" }, data: { active: true } });
    expect((await resolve([])).status).toBe(400);
    expect((await resolve(["ok", "not a login"])).body.error.details).toEqual([expect.objectContaining({ field: "github.1" })]);
  });
});

describe("POST /api/v1/import/users", () => {
  it("creates and updates people by e-mail, all or nothing, each audited; a dry run writes nothing", async () => {
    const csv = ["Email,Name,Role,Senior,GitHub", "kai@example.com,Kai Nakamura,SECURITY_REVIEWER,yes,Kai-N", "junior-reviewer@example.com,Lee Park,SECURITY_REVIEWER,true,", "viewer@example.com,Morgan Ellis,VIEWER,,"].join("\n");
    const dry = await importPeople(csv, { query: "?dryRun=true" });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, imported: false, created: 1, updated: 1, unchanged: 1 });
    expect(await seeded.db.user.findUnique({ where: { email: "kai@example.com" } })).toBeNull();

    const auditBefore = (await seeded.db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n;
    const done = await importPeople(csv);
    expect(done.status).toBe(200);
    expect(done.body.rows).toEqual([
      { row: 1, email: "kai@example.com", outcome: "created", problems: [] },
      { row: 2, email: "junior-reviewer@example.com", outcome: "updated", changes: ["senior"], problems: [] },
      { row: 3, email: "viewer@example.com", outcome: "unchanged", problems: [] },
    ]);
    expect(await seeded.db.user.findUniqueOrThrow({ where: { email: "kai@example.com" } })).toMatchObject({ senior: true, githubLogin: "kai-n", passwordHash: null, active: true });
    // The blank login cell kept Lee's login.
    expect(await seeded.db.user.findUniqueOrThrow({ where: { email: "junior-reviewer@example.com" } })).toMatchObject({ senior: true, githubLogin: "lee-park" });
    const events = await seeded.db.auditEvent.findMany({ where: { id: { gt: auditBefore } }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["user.created", "user.updated", "people.imported"]);
    expect(events[1]).toMatchObject({ before: { senior: false }, after: { email: "junior-reviewer@example.com", senior: true } });
    await seeded.db.user.update({ where: { email: "junior-reviewer@example.com" }, data: { senior: false } });
  });

  it("rejects the whole file naming each bad row and field: a login someone else holds, a repeated e-mail or login, a bad role, your own admin role", async () => {
    const countBefore = await seeded.db.user.count();
    const json = JSON.stringify({
      users: [
        { email: "new1@example.com", name: "New One", role: "VIEWER", githubLogin: "dana-okafor" },
        { email: "new2@example.com", name: "New Two", role: "OWNER" },
        { email: "new3@example.com", name: "New Three", role: "VIEWER", githubLogin: "same-login" },
        { email: "new4@example.com", name: "New Four", role: "VIEWER", githubLogin: "same-login" },
        { email: "new3@example.com", name: "Again", role: "VIEWER" },
        { email: "admin@example.com", name: "Jordan Blake", role: "VIEWER" },
      ],
    });
    const refused = await importPeople(json, { contentType: "application/json" });
    expect(refused.status).toBe(422);
    const problems = (refused.body.error.details.rows as { row: number; problems: { field: string; message: string }[] }[]).filter((r) => r.problems.length);
    expect(problems.map((r) => [r.row, r.problems.map((p) => p.field)])).toEqual([
      [1, ["githubLogin"]],
      [2, ["role"]],
      [4, ["githubLogin"]],
      [5, ["email"]],
      [6, ["role"]],
    ]);
    expect(problems[0].problems[0].message).toBe("already belongs to reviewer@example.com");
    expect(refused.body.error.message).toMatch(/^5 of 6 rows rejected; nothing was imported/);
    expect(await seeded.db.user.count()).toBe(countBefore);
    const empty = await importPeople("email,name\n", {});
    expect(empty.status).toBe(422);
    expect(empty.body.error.details.fileProblems).toEqual([{ field: "role", message: "the CSV header lacks the column role" }]);
  });

  it("is for admins only", async () => {
    const refused = await callRoute(importRoute.POST, { method: "POST", path: "/api/v1/import/users", token: tokens.viewer, body: "email,name,role\nx@example.com,X,VIEWER\n", headers: { "content-type": "text/csv" } });
    expect(refused.status).toBe(403);
  });
});
