// Mitigations against the seeded register: owners, grant links, overdue, audit, permissions.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getIncidentRoute } from "@/app/api/v1/incidents/[key]/route";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { apiRequest, params, tokenFor } from "@/lib/test/api";
import { actorsFor } from "@/lib/test/seeded-database";
import { mitigationCreateSchema } from "@/lib/validation/mitigations.validation";
import { createMitigation, listMitigations, listOverdueMitigations, mitigationFormOptions, setMitigationStatus, updateMitigation } from "./mitigations";

const DAY = 86_400_000;
let manager: Actor;
let viewer: Actor;

beforeAll(async () => {
  ({ incidents: manager, viewer } = await actorsFor(prisma(), ["incidents", "viewer"]));
});

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

describe("mitigations", () => {
  it("lists the seeded overdue ones, most overdue first, with where they come from", async () => {
    const overdue = await listOverdueMitigations(viewer);
    expect(overdue.length).toBeGreaterThanOrEqual(2);
    expect(overdue.every((m) => m.overdue && (m.status === "OPEN" || m.status === "IN_PROGRESS"))).toBe(true);
    const dues = overdue.map((m) => m.dueDate!.toISOString());
    expect(dues).toEqual([...dues].sort());
    expect(overdue).toContainEqual(expect.objectContaining({ title: "Reduce kiro-agent in prod-us-east to SUGGEST", incident: expect.objectContaining({ key: "INC-2041" }), grant: expect.objectContaining({ tool: "kiro-agent", environment: "prod-us-east" }) }));
  });

  it("creates one from an incident with an owner and a grant, audited; moving it to DONE clears it from the overdue list", async () => {
    const options = await mitigationFormOptions(viewer, ["kiro-agent"]);
    const grant = options.grants.find((g) => g.label.startsWith("kiro-agent in prod-us-east"))!;
    expect(grant).toBeDefined();
    const auditBefore = await prisma().auditEvent.count();
    const created = await createMitigation(
      manager,
      mitigationCreateSchema.parse({ title: "Remove env:delete from kiro-agent's service account", kind: "REDUCE_PERMISSION", dueDate: day(-1), ownerUser: "lead@example.com", grantId: grant.id, incident: "INC-2041" }),
    );
    expect(created).toMatchObject({ status: "OPEN", overdue: true, ownerUser: { email: "lead@example.com" }, grant: { tool: "kiro-agent", environment: "prod-us-east" } });
    expect(await prisma().auditEvent.count()).toBe(auditBefore + 1);
    expect((await listOverdueMitigations(viewer)).map((m) => m.id)).toContain(created.id);

    const done = await setMitigationStatus(manager, created.id, "DONE");
    expect(done.overdue).toBe(false);
    expect((await listOverdueMitigations(viewer)).map((m) => m.id)).not.toContain(created.id);
    expect(await prisma().auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } })).toMatchObject({ action: "mitigation.status_changed", entityId: created.id });

    // The incident's API answer carries it.
    const token = await tokenFor("viewer@example.com");
    const response = await getIncidentRoute(apiRequest("/api/v1/incidents/INC-2041", { token }), params({ key: "INC-2041" }));
    const body = (await response.json()) as { mitigations: { id: string }[] };
    expect(body.mitigations.map((m) => m.id)).toContain(created.id);
    // And so does the tool: through its incident and its grant.
    expect((await listMitigations(viewer, { tool: "kiro-agent" })).map((m) => m.id)).toContain(created.id);
  });

  it("needs an owner and a source; refuses unknown references", async () => {
    const noOwner = mitigationCreateSchema.safeParse({ title: "Orphan action", kind: "OTHER", incident: "INC-2041" });
    expect(noOwner.success ? [] : noOwner.error.issues.map((i) => i.path.join("."))).toEqual(["ownerTeam"]);
    const noSource = mitigationCreateSchema.safeParse({ title: "From nowhere", kind: "OTHER", ownerTeam: "SRE" });
    expect(noSource.success ? [] : noSource.error.issues.map((i) => i.path.join("."))).toEqual(["incident"]);
    await expect(createMitigation(manager, mitigationCreateSchema.parse({ title: "Unknown team", kind: "OTHER", ownerTeam: "Moon", incident: "INC-2041" }))).rejects.toMatchObject({ code: "UNPROCESSABLE" });
    await expect(createMitigation(manager, mitigationCreateSchema.parse({ title: "Unknown incident", kind: "OTHER", ownerTeam: "SRE", incident: "INC-0" }))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("is written by mitigators only", async () => {
    const input = mitigationCreateSchema.parse({ title: "Viewer's idea", kind: "OTHER", ownerTeam: "SRE", incident: "INC-2041" });
    await expect(createMitigation(viewer, input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const [first] = await listMitigations(viewer, { incident: "INC-2041" });
    await expect(updateMitigation(viewer, first.id, { ...input, status: "DONE", dueDate: null, ownerUser: null, grantId: null })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
