// The memoised evaluation of the register (lib/data/register-snapshot.ts) on a database of its own:
// these tests write to the register, which would disturb the shared one.
import { describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { allowedAutonomyMatrix, computeFindings } from "@/lib/policy/findings";
import { actorsFor, withSeededDatabase } from "@/lib/test/seeded-database";
import { environmentCreateSchema } from "@/lib/validation/catalog.validation";
import { grantRequestSchema } from "@/lib/validation/grants.validation";
import { createEnvironment, updateTool } from "./catalog";
import { decideGrant, requestGrant } from "./grants";
import { linkIncidentTool } from "./incidents";
import { replaceObservations } from "./observations";
import { policyInForce } from "./policy";
import { evaluateRegister, loadRegisterSnapshot } from "./register-snapshot";

let db: PrismaClient;

withSeededDatabase("snapshot_test", async (seeded) => {
  db = seeded.db;
});

describe("findings over time", () => {
  it("follow the clock without any write: kiro-agent's incident ceiling lifts once its 90 days pass", async () => {
    const ceiling = (f: { rule: string; tool: string; environment: string }) => f.rule === "AUTONOMY_EXCEEDS_CEILING" && f.tool === "kiro-agent" && f.environment === "prod-us-east";
    const now = new Date();
    expect((await evaluateRegister(now)).findings.some(ceiling)).toBe(true);
    const later = new Date(now.getTime() + 91 * 86_400_000);
    const evaluation = await evaluateRegister(later);
    expect(evaluation.computedAt).toEqual(later);
    expect(evaluation.findings.some(ceiling)).toBe(false);
    // And back: the same rows judged at the present time again.
    expect((await evaluateRegister(new Date(now.getTime() + 1000))).findings.some(ceiling)).toBe(true);
  });
});

describe("the memoised register after writes", () => {
  // What a full read of the register gives now, in a canonical order.
  async function fromScratch(now: Date) {
    const snapshot = await loadRegisterSnapshot();
    const { policy } = await policyInForce();
    return { findings: canonical(computeFindings(snapshot, now, policy)), matrix: canonical(allowedAutonomyMatrix(snapshot, now, policy)) };
  }
  const canonical = (rows: unknown[]) => rows.map((row) => JSON.stringify(row)).sort();

  it("reads again only the tools each write touched, and agrees with a full read after every kind of write", async () => {
    const { lead, reviewer, incidents } = await actorsFor(db, ["lead", "reviewer", "incidents"]);
    const writes: [string, () => Promise<unknown>][] = [
      ["observations", () => replaceObservations(lead, "tabline", [{ environment: "prod-us-east", autonomy: "AGENT", capabilities: ["repo:read", "env:delete"], source: "SYNC" }])],
      ["tool status", () => updateTool(lead, "askbase", { status: "SUSPENDED" })],
      [
        "grant request and approvals",
        async () => {
          const request = grantRequestSchema.parse({ tool: "query-pilot", environment: "analytics", maxAutonomy: "AGENT", capabilities: ["repo:read", "db:read-pii"], justification: "Equivalence test", expiresAt: "2027-12-31" });
          const grant = await requestGrant(lead, request);
          await decideGrant(reviewer, grant.id, { decision: "APPROVE", comment: "" });
        },
      ],
      ["incident link", () => linkIncidentTool(incidents, "INC-2017", { tool: "tabline", role: "TRIGGERED" })],
      ["new environment", () => createEnvironment(lead, environmentCreateSchema.parse({ name: "prod-apac", tier: "PRODUCTION", dataSensitivity: "PII", criticalPath: true }))],
    ];
    await evaluateRegister(new Date());
    for (const [what, write] of writes) {
      await write();
      // Judged after the write, so a grant decided just now is in force.
      const now = new Date();
      const evaluation = await evaluateRegister(now);
      expect({ what, findings: canonical(evaluation.findings), matrix: canonical(evaluation.matrix) }).toEqual({ what, ...(await fromScratch(now)) });
    }
    // The writes did change the findings: tabline now acts beyond what it was allowed, and query-pilot
    // has the grant it lacked.
    const { findings } = await evaluateRegister(new Date());
    expect(findings.some((f) => f.tool === "tabline" && f.environment === "prod-us-east")).toBe(true);
    expect(findings.some((f) => f.tool === "query-pilot" && f.environment === "analytics" && f.rule === "UNGRANTED_REACH")).toBe(false);
  });
});
