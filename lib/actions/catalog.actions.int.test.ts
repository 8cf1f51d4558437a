// The catalog's forms against a database of their own, with the session and the router replaced: a
// refused form says what is wrong next to each field (a taken name too), a saved one is audited and
// sends the browser to the new record, an edit never touches the address, and other roles are refused.
import { describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { actorsFor, withSeededDatabase } from "@/lib/test/seeded-database";

const session = vi.hoisted(() => ({ user: null as Actor | null }));

vi.mock("@/lib/auth/session", async () => {
  const actor: typeof import("@/lib/auth/actor") = await import("@/lib/auth/actor");
  return {
    requirePermission: async (permission: Parameters<typeof actor.authorize>[1]) => {
      actor.authorize(session.user, permission);
      return session.user;
    },
  };
});
vi.mock("next/cache", async (importOriginal) => ({ ...(await importOriginal<object>()), revalidatePath: () => {} }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Error(`redirect: ${url}`);
  },
}));

const actions = await import("./catalog.actions");

let db: PrismaClient;
const people = {} as Record<"lead" | "viewer" | "reviewer", Actor>;

withSeededDatabase("catalog_actions", async (seeded) => {
  db = seeded.db;
  Object.assign(people, await actorsFor(db, ["lead", "viewer", "reviewer"]));
});

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

const as = (who: keyof typeof people) => (session.user = people[who]);
const newestAudit = () => db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });

describe("environment forms", () => {
  it("name each refused field, keep a taken name (in any case) next to the name, and write nothing", async () => {
    as("lead");
    const audits = await db.auditEvent.count();
    const blank = await actions.createEnvironmentAction({}, form({ name: " ", description: "" }));
    expect(blank.error).toBe("Check the highlighted fields.");
    expect(blank.fieldErrors).toEqual({ name: "name is required", tier: expect.stringContaining("tier must be one of SANDBOX") });
    const taken = await actions.createEnvironmentAction({}, form({ name: "Staging", tier: "SANDBOX" }));
    expect(taken.fieldErrors).toEqual({ name: 'Environment "staging" already exists (names are compared ignoring case).' });
    expect(await db.auditEvent.count()).toBe(audits);
  });

  it("adds an environment, audited, and opens its page", async () => {
    as("lead");
    await expect(actions.createEnvironmentAction({}, form({ name: "prod-sa-east", tier: "PRODUCTION", dataSensitivity: "FINANCIAL", criticalPath: "on", description: "São Paulo." }))).rejects.toThrow(
      "redirect: /catalog/environments/prod-sa-east?created=1",
    );
    expect(await db.environment.findUniqueOrThrow({ where: { name: "prod-sa-east" } })).toMatchObject({ tier: "PRODUCTION", dataSensitivity: "FINANCIAL", criticalPath: true, description: "São Paulo." });
    expect(await newestAudit()).toMatchObject({ action: "environment.created", entityId: "prod-sa-east", actorEmail: "lead@example.com" });
  });

  it("edits the fields but never the name, which comes from the form's address", async () => {
    as("lead");
    const saved = await actions.updateEnvironmentAction({}, form({ address: "prod-sa-east", name: "renamed", tier: "SHARED_PLATFORM", dataSensitivity: "FINANCIAL", description: "São Paulo." }));
    expect(saved).toEqual({ ok: true, message: "Saved prod-sa-east." });
    // The unticked box is a change too: a form always sends the whole record.
    expect(await newestAudit()).toMatchObject({ action: "environment.updated", entityId: "prod-sa-east", before: { tier: "PRODUCTION", criticalPath: true }, after: { tier: "SHARED_PLATFORM", criticalPath: false } });
    expect(await db.environment.count({ where: { name: "renamed" } })).toBe(0);
    const bad = await actions.updateEnvironmentAction({}, form({ address: "prod-sa-east", tier: "HUGE", dataSensitivity: "NONE", description: "" }));
    expect(bad.fieldErrors).toEqual({ tier: expect.stringContaining("tier must be one of") });
    const unknown = await actions.updateEnvironmentAction({}, form({ address: "prod-moon", tier: "SANDBOX", dataSensitivity: "NONE", description: "" }));
    expect(unknown.error).toBe('Environment "prod-moon" not found');
  });
});

describe("capability and team forms", () => {
  it("add and edit a capability; a taken key is named next to the key", async () => {
    as("lead");
    const taken = await actions.createCapabilityAction({}, form({ key: "env:delete", class: "READ", description: "" }));
    expect(taken.fieldErrors).toEqual({ key: 'Capability "env:delete" already exists.' });
    const malformed = await actions.createCapabilityAction({}, form({ key: "Purge Everything", class: "", description: "" }));
    expect(Object.keys(malformed.fieldErrors ?? {})).toEqual(["key", "class"]);
    await expect(actions.createCapabilityAction({}, form({ key: "queue:purge", class: "DESTRUCTIVE", description: "Purge a queue." }))).rejects.toThrow("redirect: /catalog/capabilities/queue%3Apurge?created=1");
    expect(await actions.updateCapabilityAction({}, form({ address: "queue:purge", class: "INFRA", description: "Purge a queue." }))).toEqual({ ok: true, message: "Saved queue:purge." });
    expect(await newestAudit()).toMatchObject({ action: "capability.updated", entityId: "queue:purge", before: { class: "DESTRUCTIVE" }, after: { class: "INFRA" } });
  });

  it("add and edit a team", async () => {
    as("lead");
    await expect(actions.createTeamAction({}, form({ name: "Data Platform", description: "" }))).rejects.toThrow("redirect: /catalog/teams/Data%20Platform?created=1");
    expect((await actions.createTeamAction({}, form({ name: "data platform", description: "" }))).fieldErrors).toEqual({ name: expect.stringContaining('"Data Platform" already exists') });
    expect(await actions.updateTeamAction({}, form({ address: "Data Platform", description: "Pipelines and the warehouse." }))).toEqual({ ok: true, message: "Saved Data Platform." });
    expect(await newestAudit()).toMatchObject({ action: "team.updated", entityId: "Data Platform", after: { description: "Pipelines and the warehouse." } });
  });

  it("are refused to viewers and security reviewers, who change nothing", async () => {
    const audits = await db.auditEvent.count();
    for (const who of ["viewer", "reviewer"] as const) {
      as(who);
      const refused = await actions.updateEnvironmentAction({}, form({ address: "staging", tier: "SANDBOX", dataSensitivity: "NONE", description: "" }));
      expect(refused.error).toMatch(/ role may not do this \(catalog:write\)/);
      expect((await actions.createTeamAction({}, form({ name: "Shadow IT", description: "" }))).error).toMatch(/may not do this/);
    }
    expect(await db.auditEvent.count()).toBe(audits);
    expect((await db.environment.findUniqueOrThrow({ where: { name: "staging" } })).tier).toBe("PRE_PRODUCTION");
  });
});
