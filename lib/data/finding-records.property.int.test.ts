// Random sequences of writes and clock moves against a real database: after each, the records the
// evaluator keeps incrementally equal a full evaluation of the same register at the same moment.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";
import { DAY_MS } from "@/lib/policy/time";
import { AUTONOMY_LEVELS, INCIDENT_TOOL_ROLES, TOOL_STATUSES } from "@/lib/policy/types";
import { fullEvaluation, keptRecords } from "@/lib/test/finding-equivalence";
import { actorsFor, withSeededDatabase } from "@/lib/test/seeded-database";
import { grantRequestSchema } from "@/lib/validation/grants.validation";
import { updateTool } from "./catalog";
import { settleFindings } from "./finding-evaluator";
import { decideGrant, requestGrant, revokeGrant } from "./grants";
import { linkIncidentTool, unlinkIncidentTool } from "./incidents";
import { replaceObservations } from "./observations";

const seeded = withSeededDatabase("records_property");

const TOOLS = ["kiro-agent", "tabline", "pager-pal", "query-pilot", "reviewbot"];
const ENVIRONMENTS = ["prod-us-east", "staging", "analytics", "sandbox"];
const CAPABILITIES = ["repo:read", "repo:write", "deploy:run", "env:delete", "db:read-pii", "infra:apply"];
const INCIDENTS = ["INC-2041", "INC-2017", "INC-2029"];

const write = fc.oneof(
  fc.record({ kind: fc.constant("observe" as const), tool: fc.constantFrom(...TOOLS), environment: fc.constantFrom(...ENVIRONMENTS), autonomy: fc.constantFrom(...AUTONOMY_LEVELS), capabilities: fc.subarray(CAPABILITIES, { maxLength: 3 }) }),
  fc.record({ kind: fc.constant("status" as const), tool: fc.constantFrom(...TOOLS), status: fc.constantFrom(...TOOL_STATUSES) }),
  fc.record({ kind: fc.constant("grant" as const), tool: fc.constantFrom(...TOOLS), environment: fc.constantFrom(...ENVIRONMENTS), maxAutonomy: fc.constantFrom(...AUTONOMY_LEVELS), capabilities: fc.subarray(CAPABILITIES, { minLength: 1, maxLength: 3 }), approve: fc.boolean() }),
  fc.record({ kind: fc.constant("revoke" as const), nth: fc.nat(20) }),
  fc.record({ kind: fc.constant("link" as const), incident: fc.constantFrom(...INCIDENTS), tool: fc.constantFrom(...TOOLS), role: fc.constantFrom(...INCIDENT_TOOL_ROLES), unlink: fc.boolean() }),
  fc.record({ kind: fc.constant("advance" as const), days: fc.integer({ min: 1, max: 60 }) }),
);
type Write = typeof write extends fc.Arbitrary<infer W> ? W : never;

/** A refused write (a tool that may not get a grant, a second approval needed) writes nothing: fine here. */
async function unlessRefused(step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
  }
}

describe("finding records under random writes", () => {
  it("stay equal to a full evaluation after every write and every move of the clock", async () => {
    const { db } = seeded;
    const actors = await actorsFor(db, ["lead", "reviewer", "incidents"]);
    let offsetDays = 0;
    const apply = async (step: Write, { lead, reviewer, incidents }: Record<"lead" | "reviewer" | "incidents", Actor>) => {
      if (step.kind === "observe") await replaceObservations(lead, step.tool, [{ environment: step.environment, autonomy: step.autonomy, capabilities: step.capabilities, source: "SYNC" }]);
      else if (step.kind === "status") await updateTool(lead, step.tool, { status: step.status });
      else if (step.kind === "grant") {
        const request = grantRequestSchema.parse({ ...step, justification: "Property test grant", expiresAt: "2028-06-30" });
        const grant = await requestGrant(lead, request);
        if (step.approve) await decideGrant(reviewer, grant.id, { decision: "APPROVE", comment: "" });
      } else if (step.kind === "revoke") {
        const approved = await db.grant.findMany({ where: { status: "APPROVED" }, orderBy: { id: "asc" }, select: { id: true } });
        if (approved.length) await revokeGrant(reviewer, approved[step.nth % approved.length].id, "Property test revocation");
      } else if (step.kind === "link") {
        if (step.unlink) await unlinkIncidentTool(incidents, step.incident, step.tool);
        else await linkIncidentTool(incidents, step.incident, { tool: step.tool, role: step.role });
      } else offsetDays += step.days;
    };
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 6 }), async (steps) => {
        for (const step of steps) {
          await unlessRefused(() => apply(step, actors));
          const now = new Date(Date.now() + offsetDays * DAY_MS);
          await settleFindings(db, { now });
          expect({ step, ...(await keptRecords(db)) }).toEqual({ step, ...(await fullEvaluation(db, now)) });
        }
      }),
      { numRuns: 12 },
    );
  });
});
