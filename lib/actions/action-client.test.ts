// The action chain with the session, the cache and the router replaced: what a form gets back for
// each kind of refusal, which pages are revalidated, and when the browser is sent on.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";

const session = vi.hoisted(() => ({ user: null as Actor | null }));
const revalidatePath = vi.hoisted(() => vi.fn());
const declareObservation = vi.hoisted(() => vi.fn());
const findingsCaughtUp = vi.hoisted(() => vi.fn(async () => {}));

vi.mock("@/lib/auth/session", async () => {
  const actor: typeof import("@/lib/auth/actor") = await import("@/lib/auth/actor");
  return {
    requirePermission: async (permission: Parameters<typeof actor.authorize>[1]) => {
      actor.authorize(session.user, permission);
      return session.user;
    },
  };
});
vi.mock("next/cache", () => ({ revalidatePath }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Error(`redirect: ${url}`);
  },
}));
vi.mock("@/lib/data/observations", () => ({ declareObservation }));
// The evaluator is the database's (its own integration tests); here, that a write waits for it.
vi.mock("@/lib/data/finding-evaluator", () => ({ findingsCaughtUp }));

const { boundAction, formAction } = await import("./action-client");

const LEAD: Actor = { id: "u1", email: "lead@example.com", name: "Lead", role: "PLATFORM_LEAD", senior: false };
const VIEWER: Actor = { ...LEAD, role: "VIEWER" };

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(name, v);
  return data;
}

const run = vi.fn(async (_actor: Actor, input: { title: string; tags: string[] }) => ({ id: "t-1", ...input }));

const saveThing = formAction({
  permission: "tool:write",
  schema: z.object({ title: z.string().trim().min(3, "Give a title."), tags: z.array(z.string().max(3, "Tags are short.")) }),
  fields: (f) => ({ title: f.value("title"), tags: f.all("tags") }),
  run,
  affects: (thing) => ["/audit", "/things", `/things/${thing.id}`, "/things", ["/(app)/tools/[slug]", "page"]],
  success: (thing) => ({ message: `Saved ${thing.title}.` }),
});

const createThing = formAction({
  permission: "tool:write",
  schema: z.object({ title: z.string() }),
  fields: (f) => ({ title: f.text("title") }),
  run: async () => ({ id: "t-2" }),
  affects: () => ["/things"],
  redirect: (thing) => `/things/${thing.id}`,
});

beforeEach(() => {
  session.user = LEAD;
  revalidatePath.mockClear();
  run.mockClear();
});

describe("formAction", () => {
  it("refuses an anonymous or unpermitted caller with authorize()'s message, before reading the form", async () => {
    session.user = null;
    expect(await saveThing({}, form({ title: "a\u0000" }))).toEqual({ error: "Sign in or send a valid bearer token.", fieldErrors: {} });
    session.user = VIEWER;
    expect(await saveThing({}, form({ title: "Fine" }))).toEqual({ error: "The VIEWER role may not do this (tool:write).", fieldErrors: {} });
    expect(run).not.toHaveBeenCalled();
  });

  it("refuses text the database cannot store, naming the field", async () => {
    const state = await saveThing({}, form({ title: "Good title", tags: ["ok", "b\u0000d"] }));
    expect(state).toEqual({ error: "Check the highlighted fields.", fieldErrors: { tags: "This contains a NUL character, which cannot be stored." } });
    expect(run).not.toHaveBeenCalled();
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it("maps zod's issues to one message per form field", async () => {
    const state = await saveThing({}, form({ title: " x ", tags: ["ok", "long", "longer"] }));
    expect(state).toEqual({ error: "Check the highlighted fields.", fieldErrors: { title: "Give a title.", tags: "Tags are short." } });
    expect(run).not.toHaveBeenCalled();
  });

  it("maps an AppError to its message and the fields its details name, and an unavailable database to a message", async () => {
    run.mockRejectedValueOnce(new AppError("CONFLICT", "Taken.", [{ field: "0.title", message: "in use" }]));
    expect(await saveThing({}, form({ title: "Good title" }))).toEqual({ error: "Taken.", fieldErrors: { title: "in use" } });
    run.mockRejectedValueOnce(new Error("connect ECONNREFUSED 127.0.0.1:5432"));
    expect(await saveThing({}, form({ title: "Good title" }))).toEqual({ error: "The register's database is unavailable; nothing was saved. Try again shortly." });
    run.mockRejectedValueOnce(new TypeError("a bug"));
    await expect(saveThing({}, form({ title: "Good title" }))).rejects.toThrow("a bug");
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it("runs with the parsed input and revalidates exactly the declared pages, once each", async () => {
    expect(await saveThing({}, form({ title: "  Rotate keys ", tags: ["ops"] }))).toEqual({ ok: true, message: "Saved Rotate keys." });
    expect(run).toHaveBeenCalledWith(LEAD, { title: "Rotate keys", tags: ["ops"] }, expect.anything());
    expect(findingsCaughtUp).toHaveBeenCalledTimes(1);
    expect(findingsCaughtUp.mock.invocationCallOrder[0]).toBeLessThan(revalidatePath.mock.invocationCallOrder[0]);
    expect(revalidatePath.mock.calls).toEqual([["/audit"], ["/things"], ["/things/t-1"], ["/(app)/tools/[slug]", "page"]]);
  });

  it("redirects after success, once the pages are revalidated; a refusal stays on the form", async () => {
    await expect(createThing({}, form({ title: "New" }))).rejects.toThrow("redirect: /things/t-2");
    expect(revalidatePath.mock.calls).toEqual([["/things"]]);
    session.user = VIEWER;
    expect(await createThing({}, form({ title: "New" }))).toMatchObject({ error: expect.stringContaining("may not do this") });
  });

  it("lets an action adjust a refusal and revalidate what a recorded refusal changed", async () => {
    const refusing = formAction({
      permission: "tool:write",
      schema: z.object({}),
      fields: () => ({}),
      run: async () => {
        throw new AppError("PROPOSAL_SUPERSEDED", "Stale.", [{ field: "policy.ceiling.windowDays", message: "moved" }]);
      },
      affects: () => ["/never"],
      fieldOf: (path) => path.replace(/^policy\./, ""),
      refused: (_, state) => ({ ...state, message: "adjusted" }),
      affectsWhenRefused: () => ["/policy"],
    });
    expect(await refusing({}, form({}))).toEqual({ error: "Stale.", fieldErrors: { "ceiling.windowDays": "moved" }, message: "adjusted" });
    expect(revalidatePath.mock.calls).toEqual([["/policy"]]);
  });
});

describe("boundAction", () => {
  const unlink = vi.fn<(actor: Actor, key: string, slug: string) => Promise<void>>(async () => {});
  const unlinkThing = boundAction({ permission: "tool:write", run: (actor, key: string, slug: string) => unlink(actor, key, slug), affects: (key) => [`/things/${key}`] });

  it("checks the permission and the arguments, runs, and revalidates", async () => {
    await unlinkThing("K-1", "tool-a");
    expect(unlink).toHaveBeenCalledWith(LEAD, "K-1", "tool-a");
    expect(revalidatePath.mock.calls).toEqual([["/things/K-1"]]);
    await expect(unlinkThing("K-1", "to\u0000ol")).rejects.toMatchObject({ code: "VALIDATION" });
    session.user = VIEWER;
    await expect(unlinkThing("K-1", "tool-a")).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(unlink).toHaveBeenCalledTimes(1);
  });
});

describe("declareObservationAction", () => {
  it("revalidates the findings, the overview and the matrix as well as the tool's pages", async () => {
    const { declareObservationAction } = await import("./observations.actions");
    declareObservation.mockResolvedValueOnce({});
    const state = await declareObservationAction({}, form({ slug: "kiro-agent", environment: "prod", autonomy: "SUGGEST", capabilities: ["repo:read"] }));
    expect(state).toEqual({ ok: true, message: "Saved: prod is now declared at SUGGEST." });
    const paths = revalidatePath.mock.calls.map((call) => call[0]);
    expect(paths).toEqual(expect.arrayContaining(["/tools/kiro-agent", "/tools", "/findings", "/", "/audit", "/(app)/incidents/[key]"]));
  });
});
