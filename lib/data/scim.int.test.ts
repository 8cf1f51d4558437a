// SCIM provisioning through the /scim/v2 route handlers, on a database of its own: the request
// sequences Okta and Entra ID send to create, update, deactivate, re-activate and delete a person,
// the filters they look people up by, groups mapped to roles, SCIM's error format, and that only a
// SCIM token gets in (and gets nowhere else).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { activeUser } from "@/lib/auth/active-user";
import { decideGrant } from "@/lib/data/grants";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { callRoute, tokenFor } from "@/lib/test/route-client";
import { actorFor, withSeededDatabase } from "@/lib/test/seeded-database";
import * as decisionsRoute from "@/app/api/v1/grants/[id]/decisions/route";
import * as grantsRoute from "@/app/api/v1/grants/route";
import * as toolsRoute from "@/app/api/v1/tools/route";
import * as tokensRoute from "@/app/api/v1/users/[id]/tokens/route";
import * as usersRoute from "@/app/scim/v2/Users/route";
import * as userRoute from "@/app/scim/v2/Users/[id]/route";
import * as groupsRoute from "@/app/scim/v2/Groups/route";
import * as groupRoute from "@/app/scim/v2/Groups/[id]/route";
import * as configRoute from "@/app/scim/v2/ServiceProviderConfig/route";
import * as resourceTypesRoute from "@/app/scim/v2/ResourceTypes/route";
import * as schemasRoute from "@/app/scim/v2/Schemas/route";

// No browser session in vitest; the SCIM routes never read one anyway.
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => null }));

const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const SCIM_JSON = { "content-type": "application/scim+json" };

let db: PrismaClient;
let scimToken: string;
let adminApiToken: string;
let leadToken: string;
const previousMap = process.env.SCIM_GROUP_ROLE_MAP;

withSeededDatabase("scim", async (seeded) => {
  db = seeded.db;
  scimToken = await tokenFor(db, "admin@example.com", "SCIM");
  adminApiToken = await tokenFor(db, "admin@example.com");
  leadToken = await tokenFor(db, "lead@example.com");
});

beforeAll(() => {
  process.env.SCIM_GROUP_ROLE_MAP = JSON.stringify({ "Register reviewers": "SECURITY_REVIEWER", "Register admins": "ADMIN", "Platform team": "PLATFORM_LEAD" });
});
afterAll(() => {
  if (previousMap === undefined) delete process.env.SCIM_GROUP_ROLE_MAP;
  else process.env.SCIM_GROUP_ROLE_MAP = previousMap;
});

type Handler = Parameters<typeof callRoute>[0];

// token null: no Authorization header at all.
function scim(handler: Handler, method: string, path: string, body?: unknown, token: string | null = scimToken) {
  const id = path.match(/\/(?:Users|Groups)\/([^/?]+)/)?.[1];
  return callRoute(handler, { method, path, token: token ?? undefined, body, params: id ? { id: decodeURIComponent(id) } : {}, headers: body === undefined ? {} : SCIM_JSON });
}

const findUsers = (filter: string) => scim(usersRoute.GET, "GET", `/scim/v2/Users?filter=${encodeURIComponent(filter)}`);
const patchUser = (id: string, Operations: unknown[]) => scim(userRoute.PATCH, "PATCH", `/scim/v2/Users/${id}`, { schemas: [PATCH_OP], Operations });
const auditOf = (entityId: string) => db.auditEvent.findMany({ where: { entityId }, orderBy: { id: "asc" } });

describe("Okta: create, update, deactivate, re-activate", () => {
  let id: string;

  it("looks the person up by userName (none), then creates them: 201 with Location, application/scim+json, audited as the token's person", async () => {
    const lookup = await findUsers('userName eq "jane.doe@corp.example"');
    expect(lookup.status).toBe(200);
    expect(lookup.body).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], totalResults: 0, Resources: [] });
    const created = await scim(usersRoute.POST, "POST", "/scim/v2/Users", {
      schemas: [USER],
      userName: "jane.doe@corp.example",
      name: { givenName: "Jane", familyName: "Doe" },
      emails: [{ primary: true, value: "jane.doe@corp.example", type: "work" }],
      displayName: "Jane Doe",
      locale: "en-US",
      active: true,
      groups: [],
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("content-type")).toBe("application/scim+json");
    id = created.body.id;
    expect(created.headers.get("location")).toMatch(new RegExp(`/scim/v2/Users/${id}$`));
    expect(created.body).toMatchObject({ schemas: [USER], userName: "jane.doe@corp.example", displayName: "Jane Doe", active: true, emails: [{ value: "jane.doe@corp.example", primary: true }], meta: { resourceType: "User" } });
    const user = await db.user.findUniqueOrThrow({ where: { id } });
    expect(user).toMatchObject({ email: "jane.doe@corp.example", name: "Jane Doe", role: "VIEWER", active: true, passwordHash: null });
    const [event] = await auditOf(id);
    expect(event).toMatchObject({ action: "user.created", actorEmail: "admin@example.com", after: { email: "jane.doe@corp.example", role: "VIEWER", via: "scim" } });
  });

  it("finds her again by userName regardless of case, and GET by id", async () => {
    const found = await findUsers('userName eq "Jane.Doe@corp.example"');
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].id).toBe(id);
    const got = await scim(userRoute.GET, "GET", `/scim/v2/Users/${id}`);
    expect([got.status, got.body.userName]).toEqual([200, "jane.doe@corp.example"]);
  });

  it("a second POST of the same userName is 409 uniqueness", async () => {
    const again = await scim(usersRoute.POST, "POST", "/scim/v2/Users", { schemas: [USER], userName: "jane.doe@corp.example", emails: [{ value: "other@corp.example", primary: true }] });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ schemas: [ERROR], status: "409", scimType: "uniqueness", detail: expect.stringContaining("jane.doe@corp.example") });
    const sameEmail = await scim(usersRoute.POST, "POST", "/scim/v2/Users", { schemas: [USER], userName: "jdoe", emails: [{ value: "Jane.Doe@corp.example", primary: true }] });
    expect([sameEmail.status, sameEmail.body.scimType]).toEqual([409, "uniqueness"]);
  });

  it("PUT replaces her profile (a new name), audited with what changed", async () => {
    const put = await scim(userRoute.PUT, "PUT", `/scim/v2/Users/${id}`, {
      schemas: [USER],
      id,
      userName: "jane.doe@corp.example",
      name: { givenName: "Jane", familyName: "Doe-Smith" },
      emails: [{ primary: true, value: "jane.doe@corp.example", type: "work" }],
      active: true,
    });
    expect(put.status).toBe(200);
    expect(put.body.displayName).toBe("Jane Doe-Smith");
    const events = await auditOf(id);
    expect(events.at(-1)).toMatchObject({ action: "user.updated", before: { name: "Jane Doe" }, after: { name: "Jane Doe-Smith", via: "scim" } });
  });

  it('PATCH {"op":"replace","value":{"active":false}} deactivates her: her session and token stop at once', async () => {
    const { sessionVersion } = await db.user.findUniqueOrThrow({ where: { id } });
    const token = await tokenFor(db, "jane.doe@corp.example");
    expect((await callRoute(toolsRoute.GET, { path: "/api/v1/tools", token })).status).toBe(200);
    const res = await patchUser(id, [{ op: "replace", value: { active: false } }]);
    expect([res.status, res.body.active]).toEqual([200, false]);
    expect(await activeUser(id, sessionVersion)).toBeNull();
    expect((await callRoute(toolsRoute.GET, { path: "/api/v1/tools", token })).status).toBe(401);
    expect((await auditOf(id)).at(-1)).toMatchObject({ action: "user.updated", before: { active: true }, after: { active: false, via: "scim" } });
  });

  it("re-activation lets her sign in again, but not with the old session", async () => {
    const deactivated = await db.user.findUniqueOrThrow({ where: { id } });
    const res = await patchUser(id, [{ op: "replace", value: { active: true } }]);
    expect([res.status, res.body.active]).toEqual([200, true]);
    expect(await activeUser(id, deactivated.sessionVersion - 1)).toBeNull();
    // A new sign-in carries the version as it is now.
    expect(await activeUser(id, deactivated.sessionVersion)).toMatchObject({ id, email: "jane.doe@corp.example" });
  });
});

describe("Entra ID: create, update, deactivate, re-activate, delete", () => {
  let id: string;

  it("looks up by userName, then creates with externalId and a work email", async () => {
    expect((await findUsers('userName eq "alex@corp.onmicrosoft.example"')).body.totalResults).toBe(0);
    const created = await scim(usersRoute.POST, "POST", "/scim/v2/Users", {
      schemas: [USER, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
      externalId: "alex",
      userName: "alex@corp.onmicrosoft.example",
      active: true,
      displayName: "Alex Kim",
      emails: [{ primary: true, type: "work", value: "Alex.Kim@corp.example" }],
      name: { formatted: "Alex Kim", familyName: "Kim", givenName: "Alex" },
      title: "Engineer",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: "Platform", manager: { value: "someone" } },
    });
    expect(created.status).toBe(201);
    id = created.body.id;
    expect(created.body).toMatchObject({ userName: "alex@corp.onmicrosoft.example", externalId: "alex", emails: [{ value: "alex.kim@corp.example" }] });
  });

  it("filters on externalId and emails", async () => {
    expect((await findUsers('externalId eq "alex"')).body.Resources.map((r: { id: string }) => r.id)).toEqual([id]);
    expect((await findUsers('emails[type eq "work"].value eq "alex.kim@corp.example"')).body.totalResults).toBe(1);
    expect((await findUsers('emails.value eq "ALEX.KIM@corp.example"')).body.totalResults).toBe(1);
    expect((await findUsers('externalId eq "nobody"')).body.totalResults).toBe(0);
  });

  it("PATCH with capitalised ops and paths: displayName, the work email, an attribute the register does not keep", async () => {
    const res = await patchUser(id, [
      { op: "Replace", path: "displayName", value: "Alex J. Kim" },
      { op: "Replace", path: 'emails[type eq "work"].value', value: "alex.j.kim@corp.example" },
      { op: "Add", path: "title", value: "Staff engineer" },
      { op: "Replace", path: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", value: "Security" },
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ displayName: "Alex J. Kim", emails: [{ value: "alex.j.kim@corp.example" }], userName: "alex@corp.onmicrosoft.example" });
  });

  it('PATCH {"op":"Replace","path":"active","value":"False"} deactivates; "True" re-activates', async () => {
    const off = await patchUser(id, [{ op: "Replace", path: "active", value: "False" }]);
    expect([off.status, off.body.active]).toEqual([200, false]);
    expect((await db.user.findUniqueOrThrow({ where: { id } })).active).toBe(false);
    const on = await patchUser(id, [{ op: "Replace", path: "active", value: "True" }]);
    expect([on.status, on.body.active]).toEqual([200, true]);
  });

  it("DELETE deactivates for good and revokes the tokens; the audit history stays; GET is 404 then; a new POST brings the same person back", async () => {
    await tokenFor(db, "alex.j.kim@corp.example");
    const historyBefore = (await auditOf(id)).length;
    const res = await scim(userRoute.DELETE, "DELETE", `/scim/v2/Users/${id}`);
    expect([res.status, res.body]).toEqual([204, null]);
    const user = await db.user.findUniqueOrThrow({ where: { id } });
    expect(user.active).toBe(false);
    expect(user.deprovisionedAt).not.toBeNull();
    expect(await db.apiToken.count({ where: { userId: id } })).toBe(0);
    const history = await auditOf(id);
    expect(history.length).toBe(historyBefore + 1);
    expect(history.at(-1)).toMatchObject({ action: "user.deprovisioned", actorEmail: "admin@example.com", after: { active: false, via: "scim" } });
    expect(await db.auditEvent.count({ where: { action: "token.revoked", before: { path: ["userId"], equals: id } } })).toBe(1);
    const gone = await scim(userRoute.GET, "GET", `/scim/v2/Users/${id}`);
    expect(gone.body).toEqual({ schemas: [ERROR], status: "404", detail: `User "${id}" not found` });
    expect((await findUsers('userName eq "alex@corp.onmicrosoft.example"')).body.totalResults).toBe(0);
    expect((await scim(userRoute.DELETE, "DELETE", `/scim/v2/Users/${id}`)).status).toBe(404);

    const back = await scim(usersRoute.POST, "POST", "/scim/v2/Users", { schemas: [USER], userName: "alex@corp.onmicrosoft.example", emails: [{ value: "alex.j.kim@corp.example", primary: true }], active: true });
    expect([back.status, back.body.id, back.body.active]).toEqual([201, id, true]);
  });
});

describe("a deactivated senior reviewer", () => {
  it("is refused at once: their bearer token, their session, and their pending approval", async () => {
    const reviewer = await db.user.findUniqueOrThrow({ where: { email: "reviewer@example.com" } });
    expect(reviewer.senior).toBe(true);
    const reviewerToken = await tokenFor(db, reviewer.email);
    const actor = await actorFor(db, reviewer.email);
    const requested = await callRoute(grantsRoute.POST, {
      method: "POST",
      path: "/api/v1/grants",
      token: leadToken,
      body: { tool: "kiro-agent", environment: "shared-k8s", maxAutonomy: "AGENT", capabilities: ["repo:read"], justification: "Deploy platform fixes to the shared clusters.", expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() },
    });
    expect(requested.status).toBe(201);
    const grantId = requested.body.id;
    expect(await activeUser(reviewer.id, reviewer.sessionVersion)).not.toBeNull();

    // A person added by hand is found by their email, as a provider looks them up.
    const found = await findUsers('userName eq "reviewer@example.com"');
    expect(found.body.Resources.map((r: { id: string }) => r.id)).toEqual([reviewer.id]);
    expect((await patchUser(reviewer.id, [{ op: "replace", value: { active: false } }])).status).toBe(200);

    const decide = await callRoute(decisionsRoute.POST, { method: "POST", path: `/api/v1/grants/${grantId}/decisions`, token: reviewerToken, params: { id: grantId }, body: { decision: "APPROVE" } });
    expect([decide.status, decide.body.error.code]).toEqual([401, "UNAUTHENTICATED"]);
    expect(await activeUser(reviewer.id, reviewer.sessionVersion)).toBeNull();
    // Even with the actor a page or action had already resolved, the decision reads the person as they are now.
    await expect(decideGrant(actor, grantId, { decision: "APPROVE", comment: "" })).rejects.toMatchObject({ code: "NOT_REVIEWER" });
    expect(await db.decision.count({ where: { grantId } })).toBe(0);
    expect((await patchUser(reviewer.id, [{ op: "replace", value: { active: true } }])).status).toBe(200);
  });
});

describe("groups mapped to roles", () => {
  let person: string;
  let reviewers: string;

  it("Okta pushes a group and adds a member: a mapped group gives its role, audited", async () => {
    person = (await scim(usersRoute.POST, "POST", "/scim/v2/Users", { schemas: [USER], userName: "robin@corp.example", active: true })).body.id;
    expect((await scim(groupsRoute.GET, "GET", `/scim/v2/Groups?filter=${encodeURIComponent('displayName eq "Register reviewers"')}`)).body.totalResults).toBe(0);
    const created = await scim(groupsRoute.POST, "POST", "/scim/v2/Groups", { schemas: [GROUP], displayName: "Register reviewers", members: [] });
    expect(created.status).toBe(201);
    reviewers = created.body.id;
    const added = await scim(groupRoute.PATCH, "PATCH", `/scim/v2/Groups/${reviewers}`, { schemas: [PATCH_OP], Operations: [{ op: "add", path: "members", value: [{ value: person, display: "robin@corp.example" }] }] });
    expect(added.status).toBe(200);
    expect(added.body.members).toEqual([expect.objectContaining({ value: person })]);
    expect((await db.user.findUniqueOrThrow({ where: { id: person } })).role).toBe("SECURITY_REVIEWER");
    expect((await auditOf(person)).at(-1)).toMatchObject({ action: "user.updated", before: { role: "VIEWER" }, after: { role: "SECURITY_REVIEWER", groups: ["Register reviewers"], via: "scim" } });
    expect((await scim(userRoute.GET, "GET", `/scim/v2/Users/${person}`)).body.groups).toEqual([expect.objectContaining({ value: reviewers, display: "Register reviewers" })]);
  });

  it("a group named after a role but not mapped grants nothing (no silent ADMIN); the mapped admin group does", async () => {
    const named = await scim(groupsRoute.POST, "POST", "/scim/v2/Groups", { schemas: [GROUP], displayName: "ADMIN", members: [{ value: person }] });
    expect(named.status).toBe(201);
    expect((await db.user.findUniqueOrThrow({ where: { id: person } })).role).toBe("SECURITY_REVIEWER");
    const admins = await scim(groupsRoute.POST, "POST", "/scim/v2/Groups", { schemas: [GROUP], displayName: "Register admins", members: [{ value: person }] });
    expect((await db.user.findUniqueOrThrow({ where: { id: person } })).role).toBe("ADMIN");
    // Entra ID removes with a value list; the reviewers group still holds them.
    const removed = await scim(groupRoute.PATCH, "PATCH", `/scim/v2/Groups/${admins.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: "Remove", path: "members", value: [{ value: person }] }] });
    expect(removed.status).toBe(200);
    expect((await db.user.findUniqueOrThrow({ where: { id: person } })).role).toBe("SECURITY_REVIEWER");
  });

  it("Okta removes the member by filter: back to VIEWER; a rename onto a mapped name gives the new role; Entra asks without members", async () => {
    const res = await scim(groupRoute.PATCH, "PATCH", `/scim/v2/Groups/${reviewers}`, { schemas: [PATCH_OP], Operations: [{ op: "remove", path: `members[value eq "${person}"]` }] });
    expect([res.status, res.body.members]).toEqual([200, []]);
    expect((await db.user.findUniqueOrThrow({ where: { id: person } })).role).toBe("VIEWER");
    await scim(groupRoute.PATCH, "PATCH", `/scim/v2/Groups/${reviewers}`, { schemas: [PATCH_OP], Operations: [{ op: "add", value: { members: [{ value: person }] } }] });
    expect((await db.user.findUniqueOrThrow({ where: { id: person } })).role).toBe("SECURITY_REVIEWER");
    const renamed = await scim(groupRoute.PATCH, "PATCH", `/scim/v2/Groups/${reviewers}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", value: { id: reviewers, displayName: "Platform team" } }] });
    expect(renamed.body.displayName).toBe("Platform team");
    expect((await db.user.findUniqueOrThrow({ where: { id: person } })).role).toBe("PLATFORM_LEAD");
    const bare = await scim(groupRoute.GET, "GET", `/scim/v2/Groups/${reviewers}?excludedAttributes=members`);
    expect(bare.body).not.toHaveProperty("members");
    expect((await scim(groupsRoute.GET, "GET", `/scim/v2/Groups?filter=${encodeURIComponent('displayName eq "platform TEAM"')}`)).body.totalResults).toBe(1);
  });

  it("deleting a mapped group takes its role from its members; its audit history stays", async () => {
    expect((await scim(groupRoute.DELETE, "DELETE", `/scim/v2/Groups/${reviewers}`)).status).toBe(204);
    expect((await db.user.findUniqueOrThrow({ where: { id: person } })).role).toBe("VIEWER");
    expect((await scim(groupRoute.GET, "GET", `/scim/v2/Groups/${reviewers}`)).status).toBe(404);
    expect((await auditOf(reviewers)).map((event) => event.action)).toEqual(["scim_group.created", "scim_group.updated", "scim_group.updated", "scim_group.updated", "scim_group.updated", "scim_group.deleted"]);
  });

  it("a duplicate display name is 409; an unknown member is 400 naming it", async () => {
    const dup = await scim(groupsRoute.POST, "POST", "/scim/v2/Groups", { schemas: [GROUP], displayName: "register ADMINS" });
    expect([dup.status, dup.body.scimType]).toEqual([409, "uniqueness"]);
    const unknown = await scim(groupsRoute.POST, "POST", "/scim/v2/Groups", { schemas: [GROUP], displayName: "Ghosts", members: [{ value: "no-such-user" }] });
    expect([unknown.status, unknown.body.scimType, unknown.body.detail]).toEqual([400, "invalidValue", "members: no user with id no-such-user"]);
  });

  it("the SCIM token's own person cannot be deactivated, deleted or re-roled over SCIM", async () => {
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@example.com" } });
    const off = await patchUser(admin.id, [{ op: "replace", path: "active", value: false }]);
    expect([off.status, off.body.scimType]).toEqual([400, "mutability"]);
    expect((await scim(userRoute.DELETE, "DELETE", `/scim/v2/Users/${admin.id}`)).body.scimType).toBe("mutability");
    const group = await scim(groupsRoute.POST, "POST", "/scim/v2/Groups", { schemas: [GROUP], displayName: "Platform team", members: [{ value: admin.id }] });
    expect([group.status, group.body.scimType]).toEqual([400, "mutability"]);
    expect(await db.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({ active: true, role: "ADMIN" });
  });
});

describe("listing and paging", () => {
  it("startIndex and count page through everyone SCIM sees", async () => {
    const all = await scim(usersRoute.GET, "GET", "/scim/v2/Users");
    const total = all.body.totalResults;
    expect(total).toBeGreaterThan(5);
    const page = await scim(usersRoute.GET, "GET", "/scim/v2/Users?startIndex=2&count=2");
    expect(page.body).toMatchObject({ totalResults: total, startIndex: 2, itemsPerPage: 2 });
    expect(page.body.Resources.map((r: { id: string }) => r.id)).toEqual(all.body.Resources.slice(1, 3).map((r: { id: string }) => r.id));
    expect((await scim(usersRoute.GET, "GET", "/scim/v2/Users?count=0")).body).toMatchObject({ totalResults: total, Resources: [] });
    expect((await scim(usersRoute.GET, "GET", "/scim/v2/Users?startIndex=0&count=1")).body.startIndex).toBe(1);
  });

  it("discovery: ServiceProviderConfig, ResourceTypes and Schemas", async () => {
    const config = await scim(configRoute.GET, "GET", "/scim/v2/ServiceProviderConfig");
    expect(config.body).toMatchObject({ patch: { supported: true }, filter: { supported: true }, bulk: { supported: false } });
    expect((await scim(resourceTypesRoute.GET, "GET", "/scim/v2/ResourceTypes")).body.Resources.map((r: { id: string }) => r.id)).toEqual(["User", "Group"]);
    expect((await scim(schemasRoute.GET, "GET", "/scim/v2/Schemas")).body.Resources.map((r: { id: string }) => r.id)).toEqual([USER, GROUP]);
  });
});

describe("errors in SCIM's format, never a 5xx", () => {
  const odd: [string, () => ReturnType<typeof scim>, number, string | undefined][] = [
    ["an unsupported filter", () => findUsers('name.familyName co "x"'), 400, "invalidFilter"],
    ["a filter that is no filter", () => findUsers("userName eq"), 400, "invalidFilter"],
    ["a non-numeric startIndex", () => scim(usersRoute.GET, "GET", "/scim/v2/Users?startIndex=abc"), 400, "invalidValue"],
    ["a body that is not JSON", () => callRoute(usersRoute.POST, { method: "POST", path: "/scim/v2/Users", token: scimToken, body: "{nope", headers: SCIM_JSON }), 400, "invalidSyntax"],
    ["a body that is a list", () => scim(usersRoute.POST, "POST", "/scim/v2/Users", [1, 2]), 400, "invalidValue"],
    ["no userName", () => scim(usersRoute.POST, "POST", "/scim/v2/Users", { schemas: [USER], emails: [{ value: "x@corp.example" }] }), 400, "invalidValue"],
    ["no email anywhere", () => scim(usersRoute.POST, "POST", "/scim/v2/Users", { schemas: [USER], userName: "kc-user" }), 400, "invalidValue"],
    ["active that is no boolean", () => scim(usersRoute.POST, "POST", "/scim/v2/Users", { schemas: [USER], userName: "a@corp.example", active: "maybe" }), 400, "invalidValue"],
    ["an unknown op", () => patchUser("x", [{ op: "explode", path: "active" }]), 400, "invalidValue"],
    ["no Operations", () => scim(userRoute.PATCH, "PATCH", "/scim/v2/Users/x", { schemas: [PATCH_OP] }), 400, "invalidValue"],
    ["a PatchOp without its schema", () => scim(userRoute.PATCH, "PATCH", "/scim/v2/Users/x", { Operations: [{ op: "replace", value: { active: false } }] }), 400, "invalidValue"],
    ["a text/plain body", () => callRoute(usersRoute.POST, { method: "POST", path: "/scim/v2/Users", token: scimToken, body: "{}", headers: { "content-type": "text/plain" } }), 415, undefined],
    ["a declared body over the limit", () => callRoute(usersRoute.POST, { method: "POST", path: "/scim/v2/Users", token: scimToken, body: "{}", headers: { ...SCIM_JSON, "content-length": String(11 * 1024 * 1024) } }), 413, undefined],
    ["an unknown user", () => scim(userRoute.GET, "GET", "/scim/v2/Users/nobody"), 404, undefined],
    ["a PATCH of an unknown user", () => patchUser("nobody", [{ op: "replace", value: { active: false } }]), 404, undefined],
    ["a PUT of an unknown group", () => scim(groupRoute.PUT, "PUT", "/scim/v2/Groups/nobody", { schemas: [GROUP], displayName: "x" }), 404, undefined],
    ["a member list that is not one", () => scim(groupsRoute.POST, "POST", "/scim/v2/Groups", { schemas: [GROUP], displayName: "Odd", members: "everyone" }), 400, "invalidValue"],
    ["a userName removed by PATCH", () => findUsers('userName eq "robin@corp.example"').then((r) => patchUser(r.body.Resources[0].id, [{ op: "remove", path: "userName" }])), 400, "invalidValue"],
  ];
  for (const [what, send, status, scimType] of odd) {
    it(`${what} → ${status}${scimType ? ` ${scimType}` : ""}`, async () => {
      const res = await send();
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.headers.get("content-type")).toBe("application/scim+json");
      expect(res.body).toMatchObject({ schemas: [ERROR], status: String(status), detail: expect.any(String) });
      expect(res.body.scimType).toBe(scimType);
    });
  }
});

describe("only a SCIM token gets in, and only here", () => {
  it("no token, an API token (even an admin's) or an unknown token: 401 in SCIM's format", async () => {
    for (const token of [null, adminApiToken, "grr_forged"]) {
      const res = await scim(usersRoute.GET, "GET", "/scim/v2/Users", undefined, token);
      expect([res.status, res.body.schemas, res.body.status], String(token)).toEqual([401, [ERROR], "401"]);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
  });

  it("a SCIM token is refused by the rest of the API", async () => {
    const res = await callRoute(toolsRoute.GET, { path: "/api/v1/tools", token: scimToken });
    expect([res.status, res.body.error.code]).toEqual([401, "UNAUTHENTICATED"]);
  });

  it("a SCIM token of someone who is not (or no longer) an admin: 403", async () => {
    const leadScim = await tokenFor(db, "lead@example.com", "SCIM");
    const res = await scim(usersRoute.GET, "GET", "/scim/v2/Users", undefined, leadScim);
    expect([res.status, res.body.schemas, res.body.status]).toEqual([403, [ERROR], "403"]);
  });

  it("an admin issues a SCIM token through the API (audited with its scope); never for a non-admin", async () => {
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@example.com" } });
    const lead = await db.user.findUniqueOrThrow({ where: { email: "lead@example.com" } });
    const issue = (userId: string) => callRoute(tokensRoute.POST, { method: "POST", path: `/api/v1/users/${userId}/tokens`, token: adminApiToken, params: { id: userId }, body: { name: "Okta", scope: "SCIM" } });
    const issued = await issue(admin.id);
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ name: "Okta", scope: "SCIM" });
    expect((await scim(configRoute.GET, "GET", "/scim/v2/ServiceProviderConfig", undefined, issued.body.token)).status).toBe(200);
    expect((await db.auditEvent.findFirstOrThrow({ where: { action: "token.created", entityId: issued.body.id } })).after).toMatchObject({ name: "Okta", scope: "SCIM" });
    const refused = await issue(lead.id);
    expect([refused.status, refused.body.error.details[0].field]).toEqual([422, "scope"]);
  });
});

describe("membership changes that race", () => {
  it("two groups' changes for one person at once leave the role their memberships give, round after round", async () => {
    const person = (await scim(usersRoute.POST, "POST", "/scim/v2/Users", { schemas: [USER], userName: "dana@corp.example", active: true })).body.id;
    const groupNamed = async (displayName: string) => (await scim(groupsRoute.POST, "POST", "/scim/v2/Groups", { schemas: [GROUP], displayName, members: [] })).body.id as string;
    const groups = [await groupNamed("Register reviewers"), await groupNamed("Platform team")];
    const change = (op: "add" | "remove") =>
      Promise.all(groups.map((group) => scim(groupRoute.PATCH, "PATCH", `/scim/v2/Groups/${group}`, { schemas: [PATCH_OP], Operations: [op === "add" ? { op, path: "members", value: [{ value: person }] } : { op, path: `members[value eq "${person}"]` }] })));
    for (let round = 0; round < 5; round++) {
      expect((await change("add")).map((answer) => answer.status)).toEqual([200, 200]);
      expect((await db.user.findUniqueOrThrow({ where: { id: person } })).role).toBe("SECURITY_REVIEWER");
      expect((await change("remove")).map((answer) => answer.status)).toEqual([200, 200]);
      expect((await db.user.findUniqueOrThrow({ where: { id: person } })).role).toBe("VIEWER");
    }
  });
});
