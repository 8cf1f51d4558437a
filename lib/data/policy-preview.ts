// What saving a proposed policy would change, read from the register as it stands: the pending
// grants with what the approval matrix reads of them, and the register's snapshot for the findings.
// The judgement itself is lib/policy/matrix-preview.ts; nothing is written.
import "server-only";
import { prisma } from "@/lib/db/client";
import { authorize, type Actor } from "@/lib/auth/actor";
import { now as clockNow } from "@/lib/clock";
import { AppError } from "@/lib/errors/app-error";
import type { PolicyPreviewDto } from "@/lib/dto/policy-preview";
import { previewPolicy, type PendingGrantFacts } from "@/lib/policy/matrix-preview";
import { policyPreviewRequestSchema, type PolicyPreviewRequest } from "@/lib/validation/policy.validation";
import { policyInForce } from "./policy";
import { loadRegisterSnapshot } from "./register-snapshot";

// Pending as the review queue means it: requested and not past its expiry (one past it can no longer be approved).
async function pendingGrants(at: Date): Promise<PendingGrantFacts[]> {
  const rows = await prisma().grant.findMany({
    where: { status: "REQUESTED", OR: [{ expiresAt: null }, { expiresAt: { gt: at } }] },
    select: {
      id: true,
      maxAutonomy: true,
      capabilities: true,
      requesterId: true,
      tool: { select: { slug: true } },
      environment: { select: { name: true } },
      decisions: { select: { reviewerId: true, senior: true, decision: true } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    toolSlug: row.tool.slug,
    environment: row.environment.name,
    maxAutonomy: row.maxAutonomy,
    capabilities: row.capabilities,
    requesterId: row.requesterId,
    decisions: row.decisions,
  }));
}

/** The same authority as saving it: only those who may edit the policy preview an edit. */
export async function previewPolicyChange(actor: Actor, input: PolicyPreviewRequest, options: { now?: Date } = {}): Promise<PolicyPreviewDto> {
  authorize(actor, "policy:edit");
  const { policy, basedOnVersion } = policyPreviewRequestSchema.parse(input);
  const at = options.now ?? clockNow();
  const current = await policyInForce();
  // As a save would be refused, so is its preview: it would compare against rules the editor never saw.
  if (basedOnVersion !== undefined && basedOnVersion !== current.version) {
    throw new AppError("CONFLICT", `The policy changed while you were editing it: version ${current.version} is in force now. Reload and apply your change again.`, [
      { field: "basedOnVersion", message: `version ${current.version} is in force now` },
    ]);
  }
  // Sequential on purpose: the embedded database serves one connection.
  const snapshot = await loadRegisterSnapshot();
  const pending = await pendingGrants(at);
  return { inForce: current.version, ...previewPolicy(current.policy, policy, { snapshot, pending, now: at }) };
}
