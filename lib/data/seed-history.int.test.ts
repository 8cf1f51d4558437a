// The demo seed's past, read back the way the Audit page and the tool page read it: the chain
// verifies, every tool has a history, and the events tell the story in order with believable actors.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { actorsFor, withSeededDatabase } from "@/lib/test/seeded-database";
import { listAuditEvents, toolHistory } from "./audit";
import { checkAuditChain } from "./audit-chain";

const DAY = 86_400_000;
const actors = {} as Record<"viewer", Actor>;
const seeded = withSeededDatabase("seed_history", async ({ db }) => {
  Object.assign(actors, await actorsFor(db, ["viewer"]));
});

describe("the demo seed's history", () => {
  it("is one valid chain, oldest first, back-dated up to the seed itself", async () => {
    const report = await checkAuditChain(actors.viewer);
    expect(report.valid).toBe(true);
    expect(report.total).toBeGreaterThan(200);
    expect(report.checked).toBe(report.total);
    const events = await seeded.db.auditEvent.findMany({ orderBy: { id: "asc" } });
    const times = events.map((e) => e.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(events.at(-1)?.action).toBe("register.seeded");
    expect(times[0]).toBeLessThan(Date.now() - 365 * DAY);
  });

  it("gives every seeded tool a history that starts with its registration by a person", async () => {
    const tools = await seeded.db.aiTool.findMany({ select: { slug: true } });
    expect(tools.length).toBeGreaterThan(10);
    for (const { slug } of tools) {
      const history = await toolHistory(actors.viewer, slug, 100);
      expect(history.total, slug).toBeGreaterThan(1);
      const registered = history.events.at(-1)!;
      expect([registered.action, registered.actor.endsWith("@example.com")], slug).toEqual(["tool.created", true]);
    }
  });

  it("tells each grant from its request to its decisions by other people, as the grants themselves say", async () => {
    const grants = await seeded.db.grant.findMany({ include: { requester: true, decisions: { include: { reviewer: true } }, tool: true } });
    for (const grant of grants) {
      const events = (await listAuditEvents(actors.viewer, { page: 1, pageSize: 50, entity: "Grant", entityId: grant.id })).rows.reverse();
      const label = `${grant.tool.slug} ${grant.status}`;
      expect(events[0], label).toMatchObject({ action: "grant.requested", actor: grant.requester.email });
      const decided = events.filter((e) => e.action.startsWith("grant.decision."));
      expect(decided.map((e) => e.actor).sort(), label).toEqual(grant.decisions.map((d) => d.reviewer.email).sort());
      expect(decided.every((e) => e.actor !== grant.requester.email), label).toBe(true);
      if (grant.decidedAt) expect(decided.at(-1)?.after, label).toMatchObject({ status: grant.status === "DENIED" ? "DENIED" : "APPROVED" });
      expect(events.some((e) => e.action === "grant.revoked"), label).toBe(grant.status === "REVOKED");
    }
  });

  it("declares the incidents and has the incident manager close them as they stand", async () => {
    const incidents = await seeded.db.incident.findMany();
    for (const incident of incidents) {
      const events = (await listAuditEvents(actors.viewer, { page: 1, pageSize: 50, entity: "Incident", entityId: incident.key })).rows.reverse();
      expect(events[0], incident.key).toMatchObject({ action: "incident.created", actor: "incidents@example.com" });
      const last = events.filter((e) => e.action === "incident.updated").at(-1);
      expect((last?.after as { status: string } | undefined)?.status ?? "OPEN", incident.key).toBe(incident.status);
    }
  });
});
