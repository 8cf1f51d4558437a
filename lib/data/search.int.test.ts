// The command palette's search on real Postgres: each kind found by its name, slug, key or email,
// people only for the roles that manage them, bounded, and odd input refused as a 400.
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/search/route";
import { apiError } from "@/lib/api/error-body";
import type { Actor } from "@/lib/auth/actor";
import { ROLES, can } from "@/lib/auth/permissions";
import type { SearchKind, SearchResultsDto } from "@/lib/dto/search";
import { callRoute, tokenFor } from "@/lib/test/route-client";
import { actorsFor, withSeededDatabase } from "@/lib/test/seeded-database";
import { searchRegister } from "./search";

const NAMES = ["viewer", "lead", "reviewer", "incidents", "admin"] as const;
const actors = {} as Record<(typeof NAMES)[number], Actor>;
const seeded = withSeededDatabase("search_test", async ({ db }) => {
  Object.assign(actors, await actorsFor(db, NAMES));
});

const hits = (results: SearchResultsDto, kind: SearchKind) => results.groups.find((group) => group.kind === kind)?.hits ?? [];
const kinds = (results: SearchResultsDto) => results.groups.map((group) => group.kind);

async function refusal(input: { q?: unknown; limit?: unknown }) {
  const error = await searchRegister(actors.viewer, input).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error, JSON.stringify(input)).not.toBeNull();
  return apiError(error);
}

describe("searching the register", () => {
  it("finds a tool by its slug or its name in any case, the exact match first, with the page that shows it", async () => {
    const bySlug = await searchRegister(actors.viewer, { q: "schema-sage" });
    expect(hits(bySlug, "tool")[0]).toMatchObject({ id: "schema-sage", title: "Schema Sage", href: "/tools/schema-sage" });
    expect(hits(await searchRegister(actors.viewer, { q: "SCHEMA sage" }), "tool").map((hit) => hit.id)).toEqual(["schema-sage"]);
    // By vendor too: both of Proseware's tools, by name.
    expect(hits(await searchRegister(actors.viewer, { q: "proseware" }), "tool").map((hit) => hit.id)).toEqual(["cost-lens", "docwriter"]);
  });

  it("finds an incident by its key or a word of its title", async () => {
    expect(hits(await searchRegister(actors.viewer, { q: "inc-2041" }), "incident")).toEqual([
      expect.objectContaining({ id: "INC-2041", href: "/incidents/INC-2041", title: expect.stringContaining("prod-us-east") }),
    ]);
    expect(hits(await searchRegister(actors.viewer, { q: "certificate" }), "incident").map((hit) => hit.id)).toEqual(["INC-2029"]);
  });

  it("finds grants by their tool and environment, every word matching, and a grant by its id", async () => {
    const kiroProd = hits(await searchRegister(actors.viewer, { q: "kiro prod-us", limit: 20 }), "grant");
    expect(kiroProd.length).toBeGreaterThan(0);
    expect(kiroProd.every((hit) => hit.title === "Kiro Agent → prod-us-east")).toBe(true);
    const grant = await seeded.db.grant.findFirstOrThrow({ where: { tool: { slug: "query-pilot" }, status: "DENIED" } });
    const byId = hits(await searchRegister(actors.viewer, { q: grant.id }), "grant");
    expect(byId).toEqual([{ kind: "grant", id: grant.id, title: "QueryPilot → analytics", detail: expect.stringContaining("Denied"), href: `/grants/${grant.id}` }]);
  });

  it("finds a change by its external id or its service, and opens the ledger on its environment and tool", async () => {
    const change = await seeded.db.change.findFirstOrThrow({ where: { service: "ledger" }, include: { environment: true, tool: true } });
    const byId = hits(await searchRegister(actors.viewer, { q: change.externalId }), "change");
    expect(byId[0]).toMatchObject({ id: change.externalId, href: `/changes?environment=${change.environment.name}&tool=${change.tool!.slug}` });
    const byService = hits(await searchRegister(actors.viewer, { q: "LEDGER" }), "change");
    expect(byService.map((hit) => hit.id)).toContain(change.externalId);
    // Newest first; two characters name no deployment.
    const recent = hits(await searchRegister(actors.viewer, { q: "deploy-482", limit: 20 }), "change");
    const newest = await seeded.db.change.findMany({ orderBy: { deployedAt: "desc" }, take: 20, select: { externalId: true } });
    expect(recent.map((hit) => hit.id)).toEqual(newest.map((c) => c.externalId));
    expect(kinds(await searchRegister(actors.viewer, { q: "de" }))).not.toContain("change");
  });

  it("finds people by name, email or GitHub login for admins only", async () => {
    expect(hits(await searchRegister(actors.admin, { q: "dana" }), "person")).toEqual([
      expect.objectContaining({ title: "Dana Okafor", detail: "reviewer@example.com · Security reviewer", href: `/people#person-${actors.reviewer.id}` }),
    ]);
    expect(hits(await searchRegister(actors.admin, { q: "reviewer2@EXAMPLE.com" }), "person").map((hit) => hit.title)).toEqual(["Sam Whitaker"]);
    expect(hits(await searchRegister(actors.admin, { q: "samwhit" }), "person").map((hit) => hit.title)).toEqual(["Sam Whitaker"]);
    for (const name of NAMES) {
      const results = await searchRegister(actors[name], { q: "example.com" });
      expect(kinds(results).includes("person"), name).toBe(can(actors[name].role, "user:admin"));
    }
    expect(ROLES.filter((role) => can(role, "user:admin"))).toEqual(["ADMIN"]);
  });

  it("answers at most `limit` hits of each kind, says when there are more, and leaves out kinds with none", async () => {
    const one = await searchRegister(actors.viewer, { q: "a", limit: "1" });
    expect(one.groups.length).toBeGreaterThan(0);
    for (const group of one.groups) expect(group.hits).toHaveLength(1);
    expect(one.groups.find((group) => group.kind === "tool")?.more).toBe(true);
    const none = await searchRegister(actors.viewer, { q: "no-such-thing-anywhere" });
    expect(none).toEqual({ q: "no-such-thing-anywhere", groups: [] });
  });

  it("matches % and _ as the characters typed, not as wildcards", async () => {
    expect((await searchRegister(actors.viewer, { q: "%" })).groups).toEqual([]);
    expect((await searchRegister(actors.viewer, { q: "_" })).groups).toEqual([]);
    expect((await searchRegister(actors.viewer, { q: "kiro%agent" })).groups).toEqual([]);
  });

  it("refuses odd input with a 400 naming the field, never a 500", async () => {
    for (const q of ["\u0000", "kiro\u0000", "\ud800", "x\udc00y", "", "   ", "k".repeat(101), ["kiro", "tabline"], 42, undefined]) {
      const reply = await refusal({ q });
      expect([reply.status, reply.body.error.code], JSON.stringify(q)).toEqual([400, "VALIDATION"]);
      expect((reply.body.error.details as { field: string }[])[0].field).toBe("q");
    }
    for (const limit of ["0", "21", "1.5", "many", "-1"]) {
      const reply = await refusal({ q: "kiro", limit });
      expect([reply.status, (reply.body.error.details as { field: string }[])[0].field], limit).toEqual([400, "limit"]);
    }
  });

  it("GET /api/v1/search answers the same through the API, and 400 for a NUL in the query string", async () => {
    const token = await tokenFor(seeded.db, "viewer@example.com");
    const ok = await callRoute(GET, { path: "/api/v1/search?q=kiro&limit=3", token });
    expect(ok.status).toBe(200);
    expect(ok.body.q).toBe("kiro");
    expect(ok.body.groups[0]).toMatchObject({ kind: "tool", label: "Tools", hits: [expect.objectContaining({ id: "kiro-agent" })] });
    for (const path of ["/api/v1/search?q=%00", "/api/v1/search?q=", "/api/v1/search", "/api/v1/search?q=kiro&limit=500"]) {
      const refused = await callRoute(GET, { path, token });
      expect([refused.status, refused.body.error.code], path).toEqual([400, "VALIDATION"]);
    }
  });
});
