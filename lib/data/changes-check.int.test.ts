// POST /api/v1/changes/check on a real Postgres seeded with the demo register: the ledger's rules,
// before the deployment, storing nothing.
import { describe, expect, it } from "vitest";
import * as route from "@/app/api/v1/changes/check/route";
import { callRoute } from "@/lib/test/route-client";
import { tokensFor, withSeededDatabase } from "@/lib/test/seeded-database";

let tokens: Record<"viewer" | "lead", string>;
const seeded = withSeededDatabase("changes_check", async ({ db }) => {
  tokens = await tokensFor(db, ["viewer", "lead"]);
});

const schemaChange = {
  service: "ledger-api",
  environment: "prod-eu-west",
  changeType: "SCHEMA",
  aiOrigin: "AI_ASSISTED",
  tool: "schema-sage",
  mode: "AGENT",
  rollbackPlan: "down migration 0042",
};
const check = (body: unknown, token = tokens.lead) => callRoute(route.POST, { method: "POST", path: "/api/v1/changes/check", token, body });

describe("POST /api/v1/changes/check", () => {
  it("names the missing senior approver and the second approver of an AI-assisted schema change to production, and stores nothing", async () => {
    const changes = await seeded.db.change.count();
    const audit = await seeded.db.auditEvent.count();
    const junior = await check({ ...schemaChange, approvers: ["junior-reviewer@example.com"] });
    expect(junior.status).toBe(200);
    expect(junior.body.allowed).toBe(false);
    expect(junior.body.violations).toEqual([
      { code: "AI_CHANGE_WITHOUT_SENIOR_APPROVER", message: "AI_ASSISTED change in prod-eu-west (tier PRODUCTION) has no senior approver" },
      { code: "HIGH_IMPACT_CHANGE_WITHOUT_TWO_APPROVERS", message: "SCHEMA change in prod-eu-west (tier PRODUCTION) has 1 distinct approver; two are required" },
    ]);
    const two = await check({ ...schemaChange, approvers: ["junior-reviewer@example.com", "reviewer@example.com"] }, tokens.viewer);
    expect(two.body).toEqual({ allowed: true, violations: [] });
    expect(await seeded.db.change.count()).toBe(changes);
    expect(await seeded.db.auditEvent.count()).toBe(audit);
  });

  it("judges at deployedAt when given: a tool's grant that had not begun yet is named", async () => {
    const before = await check({ ...schemaChange, approvers: ["junior-reviewer@example.com", "reviewer@example.com"], deployedAt: "2020-01-01T00:00:00Z" });
    expect(before.body.violations.map((v: { code: string }) => v.code)).toEqual(["NO_APPROVED_GRANT"]);
  });

  it("answers 422 naming an unknown environment, tool or approver, and 400 naming a bad field", async () => {
    const unknown = await check({ ...schemaChange, environment: "mars", tool: "ghost", approvers: ["nobody@example.com"] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details.map((d: { field: string }) => d.field)).toEqual(["environment", "tool", "approvers.0"]);
    const bad = await check({ ...schemaChange, changeType: "MAGIC" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("changeType");
    const noTool = await check({ ...schemaChange, tool: null });
    expect(noTool.status).toBe(400);
    expect(noTool.body.error.message).toContain("tool is required for an AI_ASSISTED change");
  });
});
