// The authorization matrix: every route handler under app/api/v1 (and the Pages Router API routes
// under pages/api/v1) and every server action, called as
// each role (and as nobody), gets exactly what DESIGN's roles allow: 401 without a token or session,
// 403 for a role that may not, and past authorization (not 401/403, no 5xx) for one that may.
// Routes and actions are discovered from the file system: a new one fails the completeness test
// until it has a row here. Allowed calls send invalid input on purpose, so nothing is written.
//
// Server actions run for real, with the next-auth session replaced by a stand-in (next-auth cannot run
// in vitest): requirePermission() checks the same permission table against the stand-in's user.
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { NodeRoute } from "@/lib/api/node-route";
import type { Operation } from "@/lib/api/operation";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { can, type Permission, ROLES, type Role } from "@/lib/auth/permissions";
import { API_OPERATIONS } from "@/lib/api/operations";
import { actorFor, withSeededDatabase } from "@/lib/test/seeded-database";
import { callRoute, tokenFor } from "@/lib/test/route-client";

const session = vi.hoisted(() => ({ user: null as Actor | null }));

vi.mock("@/lib/auth/session", async () => {
  const actor: typeof import("@/lib/auth/actor") = await import("@/lib/auth/actor");
  return {
    currentUser: async () => session.user,
    requireUser: async () => {
      if (!session.user) throw new Error("redirect: /login");
      return session.user;
    },
    requirePermission: async (permission: Parameters<typeof actor.authorize>[1]) => {
      actor.authorize(session.user, permission);
      return session.user;
    },
  };
});
vi.mock("@/lib/auth/request-session", () => ({ sessionUserOf: async () => session.user }));
vi.mock("next/cache", async (importOriginal) => ({ ...(await importOriginal<object>()), revalidatePath: () => {}, revalidateTag: () => {} }));

const ROOT = path.resolve(import.meta.dirname, "../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

const ALL: readonly Role[] = ROLES;
const LEADS: readonly Role[] = ["PLATFORM_LEAD", "ADMIN"];
const REVIEWERS: readonly Role[] = ["SECURITY_REVIEWER", "ADMIN"];
const INCIDENT_MANAGERS: readonly Role[] = ["INCIDENT_MANAGER", "ADMIN"];
const ADMINS: readonly Role[] = ["ADMIN"];
const MITIGATORS: readonly Role[] = ["INCIDENT_MANAGER", "PLATFORM_LEAD", "SECURITY_REVIEWER", "ADMIN"];
const RISK_OWNERS: readonly Role[] = ["SECURITY_REVIEWER", "PLATFORM_LEAD", "ADMIN"];

// What DESIGN.md's roles may do, permission by permission: the matrix's expectation, stated apart
// from lib/auth/permissions.ts so that a change to that table shows here.
const DESIGN_ROLES: Record<Permission, readonly Role[]> = {
  "register:read": ALL,
  "tool:write": LEADS,
  "observation:write": LEADS,
  "grant:request": LEADS,
  "grant:decide": REVIEWERS,
  "grant:revoke": REVIEWERS,
  "finding:accept": REVIEWERS,
  "catalog:write": LEADS,
  "incident:write": INCIDENT_MANAGERS,
  "mitigation:write": MITIGATORS,
  "risk:write": RISK_OWNERS,
  "change:ingest": LEADS,
  "policy:edit": REVIEWERS,
  "audit:checkpoint": REVIEWERS,
  "user:admin": ADMINS,
  "webhook:manage": ADMINS,
};

interface RouteRow {
  roles: readonly Role[] | "public";
  /** An invalid body for writes, so an allowed call is refused by validation, not performed. */
  body?: unknown;
  query?: string;
  /** Path parameters naming nothing, for a write that has no body to make invalid. */
  params?: Record<string, string>;
}

// Calls whose empty JSON object would be valid, so that an allowed call must be made invalid
// another way ("METHOD /api/v1/path/{param}" → the input to send).
const INVALID_INPUT: Record<string, Omit<RouteRow, "roles">> = {
  "POST /api/v1/import/tools": { body: "not,a\nvalid", query: "?dryRun=true&format=nope" },
  "PATCH /api/v1/incidents/{key}": { body: { severity: "SEV9" } },
  "PATCH /api/v1/tools/{slug}": { body: { kind: "ROBOT" } },
  "POST /api/v1/users/{id}/tokens": { body: { name: "" } },
  "DELETE /api/v1/users/{id}/sessions": { params: { id: "no-such-user" } },
  "POST /api/v1/webhooks/{id}/test": { params: { id: "no-such-webhook" } },
  "POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/retry": { params: { id: "no-such-webhook", deliveryId: "no-such-delivery" } },
};

// Every operation's row, derived from its description: who may call it, and an invalid input.
const ROUTES: Record<string, RouteRow> = Object.fromEntries(
  API_OPERATIONS.map((operation) => {
    const key = `${operation.method} ${operation.path}`;
    const roles = operation.permission === null ? ("public" as const) : DESIGN_ROLES[operation.permission];
    return [key, { roles, ...(operation.method === "GET" || operation.method === "DELETE" ? {} : { body: {} }), ...INVALID_INPUT[key] }];
  }),
);

type ActionCall = (action: (...args: any[]) => Promise<unknown>) => Promise<unknown>;
const emptyForm: ActionCall = (action) => action({}, new FormData());

// "lib/actions/<file>#<export>" → who may call it, and how to call it with invalid input.
const ACTIONS: Record<string, { roles: readonly Role[]; call?: ActionCall }> = {
  "grants.actions#requestGrantAction": { roles: LEADS },
  "webhooks.actions#createWebhookAction": { roles: ADMINS },
  "webhooks.actions#updateWebhookAction": { roles: ADMINS },
  "webhooks.actions#deleteWebhookAction": { roles: ADMINS },
  "webhooks.actions#sendTestEventAction": { roles: ADMINS },
  "webhooks.actions#redeliverAction": { roles: ADMINS },
  "grants.actions#decideGrantAction": { roles: REVIEWERS },
  "grants.actions#revokeGrantAction": { roles: REVIEWERS },
  "grants.actions#certifyGrantAction": { roles: REVIEWERS },
  "exceptions.actions#proposeExceptionAction": { roles: REVIEWERS },
  "exceptions.actions#confirmExceptionAction": { roles: REVIEWERS },
  "observations.actions#declareObservationAction": { roles: LEADS },
  "import.actions#importToolsAction": { roles: LEADS },
  "incidents.actions#createIncidentAction": { roles: INCIDENT_MANAGERS },
  "incidents.actions#updateIncidentAction": { roles: INCIDENT_MANAGERS },
  "incidents.actions#linkIncidentToolAction": { roles: INCIDENT_MANAGERS },
  "incidents.actions#unlinkIncidentToolAction": { roles: INCIDENT_MANAGERS, call: (action) => action("NO-SUCH-INCIDENT", "no-such-tool") },
  "incidents.actions#linkIncidentChangeAction": { roles: INCIDENT_MANAGERS },
  "mitigations.actions#createMitigationAction": { roles: MITIGATORS },
  "mitigations.actions#updateMitigationAction": { roles: MITIGATORS },
  "mitigations.actions#setMitigationStatusAction": { roles: MITIGATORS },
  "policy.actions#savePolicyAction": { roles: REVIEWERS },
  "policy.actions#decidePolicyProposalAction": { roles: REVIEWERS },
  "policy.actions#saveApprovalMatrixAction": { roles: REVIEWERS },
  "policy.actions#previewPolicyAction": { roles: REVIEWERS },
  "users.actions#createUserAction": { roles: ADMINS },
  "users.actions#updateUserAction": { roles: ADMINS },
  "users.actions#issueTokenAction": { roles: ADMINS },
  "users.actions#revokeTokenAction": { roles: ADMINS },
  "users.actions#revokeSessionsAction": { roles: ADMINS },
  "risks.actions#createRiskAction": { roles: RISK_OWNERS },
  "risks.actions#updateRiskAction": { roles: RISK_OWNERS },
  "catalog.actions#createEnvironmentAction": { roles: LEADS },
  "catalog.actions#updateEnvironmentAction": { roles: LEADS },
  "catalog.actions#createCapabilityAction": { roles: LEADS },
  "catalog.actions#updateCapabilityAction": { roles: LEADS },
  "catalog.actions#createTeamAction": { roles: LEADS },
  "catalog.actions#updateTeamAction": { roles: LEADS },
};

// Sign-in and sign-out are open to anyone by nature and run inside next-auth, which vitest cannot host.
const PUBLIC_AUTH_ACTIONS = ["signInAction", "signInWithSsoAction", "signOutAction"];

const ROLE_EMAILS: Record<Role, string> = {
  VIEWER: "viewer@example.com",
  PLATFORM_LEAD: "lead@example.com",
  SECURITY_REVIEWER: "reviewer@example.com",
  INCIDENT_MANAGER: "incidents@example.com",
  ADMIN: "admin@example.com",
};

function routeFiles(dir: string, isRoute: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full, isRoute);
    return isRoute(entry.name) ? [full] : [];
  });
}

interface DiscoveredRoute {
  key: string;
  method: (typeof METHODS)[number];
  urlPath: string;
  handler: Parameters<typeof callRoute>[0];
  /** The operation the handler executes. */
  operation: Operation | undefined;
}

// A route folder's [param] is the operation path's {param}.
const operationPath = (urlPath: string) => urlPath.replace(/\[(\w+)\]/g, "{$1}");

async function discoverRoutes(): Promise<DiscoveredRoute[]> {
  const found: DiscoveredRoute[] = [];
  for (const file of routeFiles(path.join(ROOT, "app/api/v1"), (name) => name === "route.ts").sort()) {
    const urlPath = `/${path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep).join("/")}`;
    const mod = (await import(file)) as Record<string, unknown>;
    for (const method of METHODS) {
      const handler = mod[method] as DiscoveredRoute["handler"] | undefined;
      if (typeof handler === "function") found.push({ key: `${method} ${operationPath(urlPath)}`, method, urlPath, handler, operation: (handler as { operation?: Operation }).operation });
    }
  }
  for (const file of routeFiles(path.join(ROOT, "pages/api/v1"), (name) => name.endsWith(".ts")).sort()) {
    const urlPath = `/${path.relative(path.join(ROOT, "pages"), file).split(path.sep).join("/")}`.replace(/(\/index)?\.ts$/, "");
    const route = ((await import(file)) as { default: NodeRoute }).default;
    for (const operation of route.operations) found.push({ key: `${operation.method} ${operationPath(urlPath)}`, method: operation.method, urlPath, handler: route, operation });
  }
  return found;
}

async function discoverScimRoutes(): Promise<DiscoveredRoute[]> {
  const found: DiscoveredRoute[] = [];
  for (const file of routeFiles(path.join(ROOT, "app/scim/v2"), (name) => name === "route.ts").sort()) {
    const urlPath = `/${path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep).join("/")}`;
    const mod = (await import(file)) as Record<string, unknown>;
    for (const method of METHODS) {
      const handler = mod[method] as DiscoveredRoute["handler"] | undefined;
      if (typeof handler === "function") found.push({ key: `${method} ${operationPath(urlPath)}`, method, urlPath, handler, operation: undefined });
    }
  }
  return found;
}

async function discoverActions(): Promise<{ key: string; fn: (...args: any[]) => Promise<unknown> }[]> {
  const dir = path.join(ROOT, "lib/actions");
  const found: { key: string; fn: (...args: any[]) => Promise<unknown> }[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".actions.ts")).sort()) {
    const mod = (await import(path.join(dir, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value === "function") found.push({ key: `${file.replace(/\.ts$/, "")}#${name}`, fn: value as (...args: any[]) => Promise<unknown> });
    }
  }
  return found;
}

// SCIM (app/scim/v2): only a SCIM token, of an admin, gets in; never a session or an API token.
// Allowed calls send invalid input or name nothing, so nothing is written.
const SCIM_ROUTES: Record<string, { body?: unknown; id?: string }> = {
  "GET /scim/v2/Users": {},
  "POST /scim/v2/Users": { body: {} },
  "GET /scim/v2/Users/{id}": { id: "no-such-user" },
  "PUT /scim/v2/Users/{id}": { id: "no-such-user", body: {} },
  "PATCH /scim/v2/Users/{id}": { id: "no-such-user", body: {} },
  "DELETE /scim/v2/Users/{id}": { id: "no-such-user" },
  "GET /scim/v2/Groups": {},
  "POST /scim/v2/Groups": { body: {} },
  "GET /scim/v2/Groups/{id}": { id: "no-such-group" },
  "PUT /scim/v2/Groups/{id}": { id: "no-such-group", body: {} },
  "PATCH /scim/v2/Groups/{id}": { id: "no-such-group", body: {} },
  "DELETE /scim/v2/Groups/{id}": { id: "no-such-group" },
  "GET /scim/v2/ServiceProviderConfig": {},
  "GET /scim/v2/ResourceTypes": {},
  "GET /scim/v2/Schemas": {},
};
const SCIM_ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

let db: PrismaClient;
let routes: DiscoveredRoute[];
let scimRoutes: DiscoveredRoute[];
const scimTokens = {} as Record<Role, string>;
let actions: Awaited<ReturnType<typeof discoverActions>>;
const tokens = {} as Record<Role, string>;
const actors = {} as Record<Role, Actor>;
let params: Record<string, string>;
/** The seed's events (its history and itself): all the chain may hold after the calls below. */
let seededEvents: number;

withSeededDatabase("authz_matrix", async (seeded) => {
  db = seeded.db;
  for (const role of ROLES) {
    tokens[role] = await tokenFor(db, ROLE_EMAILS[role]);
    scimTokens[role] = await tokenFor(db, ROLE_EMAILS[role], "SCIM");
    actors[role] = await actorFor(db, ROLE_EMAILS[role]);
  }
  const pending = await db.grant.findFirstOrThrow({ where: { status: "REQUESTED" } });
  // A catalog name that names nothing: its GET answers 404 past authorization, its PATCH is refused by validation.
  params = { id: pending.id, slug: "kiro-agent", key: "INC-2041", name: "no-such-name" };
  routes = await discoverRoutes();
  scimRoutes = await discoverScimRoutes();
  actions = await discoverActions();
  seededEvents = await db.auditEvent.count();
});

function paramsFor(urlPath: string): Record<string, string> {
  const names = [...urlPath.matchAll(/\[(\w+)\]/g)].map((m) => m[1]);
  // /users/[id] addresses a user, /grants/[id] a grant.
  return Object.fromEntries(names.map((name) => [name, urlPath.startsWith("/api/v1/users/") ? actors.VIEWER.id : params[name]]));
}

function concretePath(urlPath: string, p: Record<string, string>): string {
  return urlPath.replace(/\[(\w+)\]/g, (_m, name: string) => encodeURIComponent(p[name]));
}

// What the register's own pages send with every request; a session's write without it is refused.
const SAME_ORIGIN = { "sec-fetch-site": "same-origin" };

async function call(route: DiscoveredRoute, auth: { token?: string; sessionRole?: Role; crossOrigin?: boolean }) {
  const row = ROUTES[route.key];
  const p = { ...paramsFor(route.urlPath), ...row.params };
  session.user = auth.sessionRole ? actors[auth.sessionRole] : null;
  try {
    return await callRoute(route.handler, {
      method: route.method,
      path: `${concretePath(route.urlPath, p)}${row.query ?? ""}`,
      token: auth.token,
      params: p,
      body: route.method === "GET" ? undefined : row.body,
      headers: auth.sessionRole && !auth.crossOrigin ? SAME_ORIGIN : { "sec-fetch-site": "same-site", origin: "http://localhost:4000" },
    });
  } finally {
    session.user = null;
  }
}

describe("route handlers", () => {
  it("every route handler executes its operation, and every operation has a handler", () => {
    const discovered = routes.map((r) => r.key).sort();
    expect(discovered.filter((key) => !(key in ROUTES)), "describe these routes in lib/api/operations").toEqual([]);
    expect(Object.keys(ROUTES).filter((key) => !discovered.includes(key)), "these operations have no route handler").toEqual([]);
    const mismatched = routes.filter((route) => route.operation !== API_OPERATIONS.find((operation) => `${operation.method} ${operation.path}` === route.key));
    expect(mismatched.map((route) => route.key), "these handlers do not execute the operation their path and method describe").toEqual([]);
  });

  it("401 without a token or a session, and with an unknown token", async () => {
    for (const route of routes) {
      const row = ROUTES[route.key];
      if (!row) continue;
      const anonymous = await call(route, {});
      const forged = await call(route, { token: "grr_forged-token" });
      if (row.roles === "public") {
        expect(anonymous.status, route.key).toBe(200);
      } else {
        expect([anonymous.status, anonymous.body?.error?.code], route.key).toEqual([401, "UNAUTHENTICATED"]);
        expect([forged.status, forged.body?.error?.code], `${route.key} (unknown token)`).toEqual([401, "UNAUTHENTICATED"]);
      }
    }
  });

  for (const role of ROLES) {
    it(`${role}: allowed routes pass authorization, the others answer 403 (bearer token and session alike)`, async () => {
      for (const route of routes) {
        const row = ROUTES[route.key];
        if (!row) continue;
        const allowed = row.roles === "public" || row.roles.includes(role);
        for (const auth of [{ token: tokens[role] }, { sessionRole: role }]) {
          const res = await call(route, auth);
          const label = `${role} ${route.key} via ${"token" in auth ? "token" : "session"} → ${res.status} ${JSON.stringify(res.body?.error ?? null)}`;
          if (allowed) {
            expect(res.status === 401 || res.status === 403 || res.status >= 500, label).toBe(false);
          } else {
            expect([res.status, res.body?.error?.code], label).toEqual([403, "FORBIDDEN"]);
          }
        }
      }
    });
  }

  it("a session's write from another origin is refused before the route runs; its reads are not", async () => {
    for (const route of routes) {
      const row = ROUTES[route.key];
      if (!row || row.roles === "public") continue;
      const res = await call(route, { sessionRole: "ADMIN", crossOrigin: true });
      const label = `${route.key} from another origin → ${res.status} ${JSON.stringify(res.body?.error ?? null)}`;
      if (route.method === "GET") expect(res.body?.error?.code, label).not.toBe("CROSS_ORIGIN");
      else expect([res.status, res.body?.error?.code], label).toEqual([403, "CROSS_ORIGIN"]);
    }
  });

  it("a SCIM token is refused by every route of the API", async () => {
    for (const route of routes) {
      const row = ROUTES[route.key];
      if (!row || row.roles === "public") continue;
      const res = await call(route, { token: scimTokens.ADMIN });
      expect([res.status, res.body?.error?.code], `${route.key} with a SCIM token`).toEqual([401, "UNAUTHENTICATED"]);
    }
  });

  it("the matrix's allowed calls wrote nothing", async () => {
    // Every allowed write above was refused by validation; the chain holds only the seed's events.
    expect(await db.auditEvent.count()).toBe(seededEvents);
  });
});

async function callScim(route: DiscoveredRoute, auth: { token?: string; sessionRole?: Role }) {
  const row = SCIM_ROUTES[route.key];
  const params: Record<string, string> = row.id ? { id: row.id } : {};
  session.user = auth.sessionRole ? actors[auth.sessionRole] : null;
  try {
    return await callRoute(route.handler, {
      method: route.method,
      path: concretePath(route.urlPath, params),
      token: auth.token,
      params,
      body: row.body,
      headers: { ...SAME_ORIGIN, ...(row.body !== undefined && { "content-type": "application/scim+json" }) },
    });
  } finally {
    session.user = null;
  }
}

describe("SCIM routes (SCIM token only)", () => {
  it("every SCIM route handler has a row, and every row a handler", () => {
    const discovered = scimRoutes.map((r) => r.key).sort();
    expect(discovered.filter((key) => !(key in SCIM_ROUTES)), "add these routes to SCIM_ROUTES").toEqual([]);
    expect(Object.keys(SCIM_ROUTES).filter((key) => !discovered.includes(key)), "remove these rows: no such route").toEqual([]);
  });

  it("401 in SCIM's format without a token, with an unknown one, and with every role's API token or session", async () => {
    for (const route of scimRoutes) {
      const refused = [{}, { token: "grr_forged-token" }, ...ROLES.flatMap((role) => [{ token: tokens[role] }, { sessionRole: role }])];
      for (const auth of refused) {
        const res = await callScim(route, auth);
        expect([res.status, res.body?.schemas, res.body?.status], `${route.key} ${JSON.stringify(auth)}`).toEqual([401, [SCIM_ERROR], "401"]);
      }
    }
  });

  for (const role of ROLES) {
    it(`${role}'s SCIM token: ${role === "ADMIN" ? "past authorization" : "403 in SCIM's format"}`, async () => {
      for (const route of scimRoutes) {
        const res = await callScim(route, { token: scimTokens[role] });
        const label = `${role} ${route.key} → ${res.status} ${JSON.stringify(res.body)}`;
        if (can(role, "user:admin")) expect(res.status === 401 || res.status === 403 || res.status >= 500, label).toBe(false);
        else expect([res.status, res.body?.schemas], label).toEqual([403, [SCIM_ERROR]]);
      }
    });
  }

  it("the SCIM calls wrote nothing", async () => {
    expect(await db.auditEvent.count()).toBe(seededEvents);
  });
});

type Outcome = "UNAUTHENTICATED" | "FORBIDDEN" | "PASSED";

async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  let result: unknown;
  try {
    result = await run();
  } catch (error) {
    if (error instanceof AppError && (error.code === "UNAUTHENTICATED" || error.code === "FORBIDDEN")) return error.code;
    return "PASSED";
  }
  // Form actions return their error as state: the messages are authorize()'s.
  const message = (result as { error?: unknown } | null)?.error;
  if (typeof message === "string" && message.startsWith("Sign in or send a valid bearer token")) return "UNAUTHENTICATED";
  if (typeof message === "string" && / role may not do this \(/.test(message)) return "FORBIDDEN";
  return "PASSED";
}

describe("server actions", () => {
  it("every server action has a row in the matrix, and every row an action", async () => {
    const discovered = actions.map((a) => a.key).sort();
    expect(discovered.filter((key) => !(key in ACTIONS)), "add these actions to ACTIONS").toEqual([]);
    expect(Object.keys(ACTIONS).filter((key) => !discovered.includes(key)), "remove these rows: no such action").toEqual([]);
    const authActions = Object.keys(await import("@/lib/auth/actions")).sort();
    expect(authActions).toEqual([...PUBLIC_AUTH_ACTIONS].sort());
  });

  it("without a session every action is refused as unauthenticated", async () => {
    for (const action of actions) {
      const row = ACTIONS[action.key];
      if (!row) continue;
      session.user = null;
      expect(await outcomeOf(() => (row.call ?? emptyForm)(action.fn)), action.key).toBe("UNAUTHENTICATED");
    }
  });

  for (const role of ROLES) {
    it(`${role}: allowed actions pass authorization, the others are forbidden`, async () => {
      for (const action of actions) {
        const row = ACTIONS[action.key];
        if (!row) continue;
        session.user = actors[role];
        try {
          const outcome = await outcomeOf(() => (row.call ?? emptyForm)(action.fn));
          expect(outcome, `${role} ${action.key}`).toBe(row.roles.includes(role) ? "PASSED" : "FORBIDDEN");
        } finally {
          session.user = null;
        }
      }
    });
  }

  it("the allowed actions wrote nothing", async () => {
    expect(await db.auditEvent.count()).toBe(seededEvents);
  });
});
