// The risk register against the seeded data: heat map, filters, overdue reviews, audit, permissions.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as exportCsv } from "@/app/api/v1/export/risks.csv/route";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { exportedCsv, tokenFor } from "@/lib/test/api";
import { actorsFor } from "@/lib/test/seeded-database";
import { riskInputSchema, riskListQuerySchema } from "@/lib/validation/risks.validation";
import { createRisk, getRisk, listRisks, riskHeatMap, updateRisk } from "./risks";

let lead: Actor;
let viewer: Actor;
let manager: Actor;

beforeAll(async () => {
  ({ lead, viewer, incidents: manager } = await actorsFor(prisma(), ["lead", "viewer", "incidents"]));
});

const query = (q: Record<string, string> = {}) => riskListQuerySchema.parse(q);
const sum = (counts: number[][]) => counts.flat().reduce((a, b) => a + b, 0);

describe("risk register", () => {
  it("counts every risk once in the heat map, at its likelihood × impact", async () => {
    const counts = await riskHeatMap(viewer, query());
    const all = await listRisks(viewer, query({ pageSize: "100" }));
    expect(sum(counts)).toBe(all.total);
    // kiro-agent's seeded risk: likelihood 4, impact 5.
    expect(counts[3][4]).toBeGreaterThanOrEqual(1);
  });

  it("sorts by score, worst first, and filters by cell, tool and overdue review", async () => {
    const all = await listRisks(viewer, query({ pageSize: "100" }));
    const scores = all.rows.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const cell = await listRisks(viewer, query({ likelihood: "4", impact: "5" }));
    expect(cell.rows.every((r) => r.likelihood === 4 && r.impact === 5)).toBe(true);
    expect(cell.rows.map((r) => r.tool)).toContain("kiro-agent");
    const overdue = await listRisks(viewer, query({ overdue: "1" }));
    expect(overdue.total).toBeGreaterThanOrEqual(2);
    expect(overdue.rows.every((r) => r.reviewOverdue)).toBe(true);
    expect(all.overdueReviews).toBe(overdue.total);
  });

  it("creates and edits a risk, audited; the heat map follows", async () => {
    const before = await riskHeatMap(viewer, query());
    const input = riskInputSchema.parse({ tool: "docwriter", statement: "Drafts leak internal hostnames into public docs.", likelihood: "2", impact: "3", treatment: "MITIGATE", ownerTeam: "Developer Experience", nextReview: "2099-01-01" });
    const created = await createRisk(lead, input);
    expect(created).toMatchObject({ tool: "docwriter", score: 6, reviewOverdue: false, ownerTeam: "Developer Experience" });
    expect((await riskHeatMap(viewer, query()))[1][2]).toBe(before[1][2] + 1);
    expect(await prisma().auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } })).toMatchObject({ action: "risk.created", entity: "Risk", entityId: created.id });

    const updated = await updateRisk(lead, created.id, { ...input, likelihood: 5, nextReview: new Date("2000-01-01T00:00:00Z") });
    expect(updated).toMatchObject({ likelihood: 5, score: 15, reviewOverdue: true });
    const event = await prisma().auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(event).toMatchObject({ action: "risk.updated", before: expect.objectContaining({ likelihood: 2 }), after: expect.objectContaining({ likelihood: 5 }) });
    expect((await getRisk(viewer, created.id)).score).toBe(15);
  });

  it("exports the table's filtered view as CSV, every page, without hidden columns", async () => {
    const token = await tokenFor("viewer@example.com");
    const csv = await exportedCsv(exportCsv, "/api/v1/export/risks.csv?overdue=1&sort=nextReview&dir=asc&hide=owner,likelihood&pageSize=10&page=5", token);
    expect(csv.meta.fields).toEqual(["id", "score", "statement", "tool", "impact", "treatment", "nextReview", "reviewOverdue", "openMitigations", "mitigations"]);
    const listed = await listRisks(viewer, query({ overdue: "1", sort: "nextReview", dir: "asc", pageSize: "100" }));
    expect(listed.total).toBeGreaterThanOrEqual(2);
    expect(csv.data.length).toBe(listed.total);
    expect(csv.data.map((row) => row.id)).toEqual(listed.rows.map((r) => r.id));
    expect(csv.data.every((row) => row.reviewOverdue === "true")).toBe(true);
  });

  it("validates scores, owner and tool; only risk:write roles write", async () => {
    const bad = riskInputSchema.safeParse({ tool: "docwriter", statement: "Too short", likelihood: "6", impact: "0", treatment: "IGNORE", nextReview: "soon" });
    expect(bad.success ? [] : [...new Set(bad.error.issues.map((i) => i.path.join(".")))].sort()).toEqual(["impact", "likelihood", "nextReview", "statement", "treatment"]);
    const noOwner = riskInputSchema.safeParse({ tool: "docwriter", statement: "A risk nobody owns at all.", likelihood: 1, impact: 1, treatment: "ACCEPT", nextReview: "2099-01-01" });
    expect(noOwner.success ? [] : noOwner.error.issues.map((i) => i.path.join("."))).toEqual(["ownerTeam"]);
    const input = riskInputSchema.parse({ tool: "no-such-tool", statement: "A risk about a tool that does not exist.", likelihood: 1, impact: 1, treatment: "ACCEPT", ownerUser: "lead@example.com", nextReview: "2099-01-01" });
    await expect(createRisk(lead, input)).rejects.toMatchObject({ code: "UNPROCESSABLE" });
    await expect(createRisk(manager, { ...input, tool: "docwriter" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getRisk(viewer, "no-such-id")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
