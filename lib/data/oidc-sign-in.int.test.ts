// Single sign-on's decision on real Postgres, called as next-auth's signIn callback calls it, with an
// ID token's verified claims: matching a person by email, refusing (and auditing) unknown, deactivated
// and unverified people, accounts created on first sign-in (AUTH_OIDC_AUTO_CREATE=VIEWER), and roles
// from the provider's groups (AUTH_OIDC_ROLE_CLAIM + AUTH_OIDC_ROLE_MAP), audited when they change.
import { describe, expect, it } from "vitest";
import { activeUser } from "@/lib/auth/active-user";
import { parseOidcConfig, type OidcConfig } from "@/lib/auth/oidc-config";
import { signInWithOidc } from "@/lib/data/oidc-sign-in";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { withSeededDatabase } from "@/lib/test/seeded-database";

let db: PrismaClient;
withSeededDatabase("oidc_sign_in", async (seeded) => {
  db = seeded.db;
});

const ISSUER = "https://login.example.com/realms/eng";
const base = { AUTH_OIDC_ISSUER: ISSUER, AUTH_OIDC_CLIENT_ID: "register", AUTH_OIDC_CLIENT_SECRET: "secret" };
const matchOnly = parseOidcConfig(base)!;
const autoCreate = parseOidcConfig({ ...base, AUTH_OIDC_AUTO_CREATE: "VIEWER" })!;
const ROLE_MAP = { "Register admins": "ADMIN", "Security reviewers": "SECURITY_REVIEWER", "Platform team": "PLATFORM_LEAD" };
const mapped = (extra: Record<string, string> = {}): OidcConfig => parseOidcConfig({ ...base, AUTH_OIDC_ROLE_CLAIM: "groups", AUTH_OIDC_ROLE_MAP: JSON.stringify(ROLE_MAP), ...extra })!;

let serial = 0;
const claimsFor = (email: string, extra: Record<string, unknown> = {}) => ({ sub: `sub-${(serial += 1)}`, iss: ISSUER, aud: "register", email, email_verified: true, name: "Avery Quinn", ...extra });

async function newPerson(overrides: { role?: "VIEWER" | "PLATFORM_LEAD" | "SECURITY_REVIEWER" | "ADMIN"; active?: boolean } = {}) {
  serial += 1;
  return db.user.create({ data: { email: `oidc-person-${serial}@example.com`, name: `OIDC person ${serial}`, role: overrides.role ?? "VIEWER", active: overrides.active ?? true } });
}

const eventsFor = (entityId: string, action?: string) => db.auditEvent.findMany({ where: { entityId, ...(action && { action }) }, orderBy: { id: "asc" } });

describe("matching a person of the register", () => {
  it("an active person signs in by email, whatever its case, and the session the token mints is in force", async () => {
    const person = await newPerson({ role: "PLATFORM_LEAD" });
    const result = await signInWithOidc(claimsFor(person.email.toUpperCase()), matchOnly);
    expect(result).toMatchObject({ outcome: "signed-in", user: { id: person.id, email: person.email, sessionVersion: 0 } });
    expect(await activeUser(person.id, 0)).toMatchObject({ id: person.id, role: "PLATFORM_LEAD" });
    expect(await eventsFor(person.id)).toHaveLength(0);
  });

  it("an email the register does not hold is refused without AUTH_OIDC_AUTO_CREATE, audited with the reason", async () => {
    const claims = claimsFor("nobody-here@example.com");
    expect(await signInWithOidc(claims, matchOnly)).toEqual({ outcome: "refused", reason: "not_registered" });
    expect(await db.user.findUnique({ where: { email: "nobody-here@example.com" } })).toBeNull();
    const [event] = await eventsFor("nobody-here@example.com", "auth.sign_in_refused");
    expect(event).toMatchObject({ actorEmail: "system", actorId: null, entity: "SignIn", after: { email: "nobody-here@example.com", reason: "not_registered", subject: claims.sub, issuer: ISSUER, via: "oidc" } });
  });

  it("a deactivated person is refused and never re-activated, even with auto-create and a mapped admin group", async () => {
    const person = await newPerson({ active: false });
    const config = mapped({ AUTH_OIDC_AUTO_CREATE: "VIEWER" });
    expect(await signInWithOidc(claimsFor(person.email, { groups: ["Register admins"] }), config)).toEqual({ outcome: "refused", reason: "deactivated" });
    expect(await db.user.findUniqueOrThrow({ where: { id: person.id } })).toMatchObject({ active: false, role: "VIEWER" });
    const [event] = await eventsFor(person.email, "auth.sign_in_refused");
    expect(event.after).toMatchObject({ reason: "deactivated", userId: person.id });
  });

  it("an address the provider says it has not verified is refused, even a register admin's", async () => {
    const result = await signInWithOidc(claimsFor("admin@example.com", { email_verified: false }), autoCreate);
    expect(result).toEqual({ outcome: "refused", reason: "email_unverified" });
    expect((await eventsFor("admin@example.com", "auth.sign_in_refused")).map((event) => event.after)).toContainEqual(expect.objectContaining({ reason: "email_unverified" }));
  });

  it("no email claim: refused, audited under the subject", async () => {
    const claims = { sub: "sub-without-email", iss: ISSUER, aud: "register" };
    expect(await signInWithOidc(claims, autoCreate)).toEqual({ outcome: "refused", reason: "email_missing" });
    expect(await eventsFor("sub:sub-without-email", "auth.sign_in_refused")).toHaveLength(1);
  });
});

describe("accounts made on first sign-in (AUTH_OIDC_AUTO_CREATE=VIEWER)", () => {
  it("a verified, unknown email becomes a viewer without a password, audited as user.created", async () => {
    const claims = claimsFor("New.Starter@Example.com", { name: "New Starter" });
    const result = await signInWithOidc(claims, autoCreate);
    expect(result.outcome).toBe("signed-in");
    const user = await db.user.findUniqueOrThrow({ where: { email: "new.starter@example.com" } });
    expect(user).toMatchObject({ name: "New Starter", role: "VIEWER", senior: false, active: true, passwordHash: null });
    const events = await eventsFor(user.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "user.created", actorEmail: "system", after: { email: user.email, role: "VIEWER", canSignIn: false, subject: claims.sub, issuer: ISSUER, via: "oidc" } });
    // The second sign-in finds the account rather than making another.
    expect(await signInWithOidc(claims, autoCreate)).toMatchObject({ outcome: "signed-in", user: { id: user.id } });
    expect(await eventsFor(user.id)).toHaveLength(1);
  });

  it("an email without the provider's word that it is verified makes no account", async () => {
    expect(await signInWithOidc(claimsFor("unsure@example.com", { email_verified: undefined }), autoCreate)).toEqual({ outcome: "refused", reason: "email_unverified" });
    expect(await db.user.findUnique({ where: { email: "unsure@example.com" } })).toBeNull();
  });

  it("two first sign-ins of the same email at once make one account", async () => {
    const claims = claimsFor("twice-at-once@example.com");
    const results = await Promise.all([signInWithOidc(claims, autoCreate), signInWithOidc(claims, autoCreate)]);
    expect(results.map((result) => result.outcome)).toEqual(["signed-in", "signed-in"]);
    expect(await db.user.count({ where: { email: "twice-at-once@example.com" } })).toBe(1);
  });

  it("with a role map, a new person in a mapped group is created a viewer and then given the group's role, both audited", async () => {
    const result = await signInWithOidc(claimsFor("new-reviewer@example.com", { groups: ["Everyone", "Security reviewers"] }), mapped({ AUTH_OIDC_AUTO_CREATE: "VIEWER" }));
    expect(result.outcome).toBe("signed-in");
    const user = await db.user.findUniqueOrThrow({ where: { email: "new-reviewer@example.com" } });
    expect(user.role).toBe("SECURITY_REVIEWER");
    expect((await eventsFor(user.id)).map((event) => [event.action, event.before, event.after])).toEqual([
      ["user.created", null, expect.objectContaining({ role: "VIEWER", via: "oidc" })],
      ["user.updated", { role: "VIEWER" }, { email: user.email, role: "SECURITY_REVIEWER", groups: ["Everyone", "Security reviewers"], via: "oidc" }],
    ]);
  });
});

describe("roles from the provider's groups (AUTH_OIDC_ROLE_CLAIM + AUTH_OIDC_ROLE_MAP)", () => {
  it("each sign-in gives the highest mapped group's role, audited as user.updated when it changes", async () => {
    const person = await newPerson();
    await signInWithOidc(claimsFor(person.email, { groups: ["Platform team", "Register admins"] }), mapped());
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).role).toBe("ADMIN");
    await signInWithOidc(claimsFor(person.email, { groups: ["Register admins", "Platform team"] }), mapped());
    await signInWithOidc(claimsFor(person.email, { groups: ["platform TEAM"] }), mapped());
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).role).toBe("PLATFORM_LEAD");
    expect((await eventsFor(person.id, "user.updated")).map((event) => [event.before, event.after])).toEqual([
      [{ role: "VIEWER" }, { email: person.email, role: "ADMIN", groups: ["Platform team", "Register admins"], via: "oidc" }],
      [{ role: "ADMIN" }, { email: person.email, role: "PLATFORM_LEAD", groups: ["platform TEAM"], via: "oidc" }],
    ]);
  });

  it("no mapped group left (or no groups claim at all) is a viewer; a group named after a role grants nothing", async () => {
    const reviewer = await newPerson({ role: "SECURITY_REVIEWER" });
    await signInWithOidc(claimsFor(reviewer.email, { groups: ["ADMIN", "Everyone"] }), mapped());
    expect((await db.user.findUniqueOrThrow({ where: { id: reviewer.id } })).role).toBe("VIEWER");
    const admin = await newPerson({ role: "ADMIN" });
    await signInWithOidc(claimsFor(admin.email), mapped());
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("VIEWER");
  });

  it("a single group sent as a string counts; another claim name is read when configured", async () => {
    const person = await newPerson();
    await signInWithOidc(claimsFor(person.email, { groups: "Security reviewers" }), mapped());
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).role).toBe("SECURITY_REVIEWER");
    const config = mapped({ AUTH_OIDC_ROLE_CLAIM: "roles", AUTH_OIDC_ROLE_MAP: JSON.stringify({ "register.admin": "ADMIN" }) });
    await signInWithOidc(claimsFor(person.email, { groups: ["Security reviewers"], roles: ["register.admin"] }), config);
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).role).toBe("ADMIN");
  });

  it("without a role claim configured, sign-in leaves roles alone", async () => {
    const person = await newPerson({ role: "SECURITY_REVIEWER" });
    await signInWithOidc(claimsFor(person.email, { groups: ["Register admins"] }), matchOnly);
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).role).toBe("SECURITY_REVIEWER");
    expect(await eventsFor(person.id)).toHaveLength(0);
  });

  it("the role is read on the next request: a demotion by the provider's groups takes effect at once", async () => {
    const person = await newPerson({ role: "ADMIN" });
    const first = await signInWithOidc(claimsFor(person.email, { groups: ["Register admins"] }), mapped());
    expect(first.outcome).toBe("signed-in");
    await signInWithOidc(claimsFor(person.email, { groups: [] }), mapped());
    expect(await activeUser(person.id, 0)).toMatchObject({ role: "VIEWER" });
  });
});
