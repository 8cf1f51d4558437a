"use server";

import { decideGrant, requestGrant, revokeGrant } from "@/lib/data/grants";
import type { GrantDto } from "@/lib/dto/grants";
import { decisionSchema, grantRequestSchema, revokeSchema } from "@/lib/validation/grants.validation";
import { formatTime } from "@/components/ui/time";
import { certifyGrant } from "@/lib/data/access-reviews";
import { certificationSchema } from "@/lib/validation/access-reviews.validation";
import { formAction } from "./action-client";
import { affected } from "./affected-pages";

function decisionMessage(grant: GrantDto): string {
  if (grant.status === "APPROVED") return `Approved: ${grant.tool} in ${grant.environment} is granted.`;
  if (grant.status === "DENIED") return `Denied: ${grant.tool} in ${grant.environment}.`;
  return `Approval recorded (${grant.progress.approvals} of ${grant.requiredApprovals.count}); still needs ${grant.progress.missing.join(" and ")}.`;
}

export const requestGrantAction = formAction({
  permission: "grant:request",
  schema: grantRequestSchema,
  fields: (form) => ({ ...form.pick("tool", "environment", "maxAutonomy", "justification"), capabilities: form.all("capabilities"), expiresAt: form.filled("expiresAt") }),
  run: (actor, input) => requestGrant(actor, input),
  affects: affected.grant,
  redirect: (grant) => `/grants/${grant.id}?requested=1`,
});

export const decideGrantAction = formAction({
  permission: "grant:decide",
  schema: decisionSchema,
  fields: (form) => ({ decision: form.value("decision"), comment: form.text("comment") }),
  run: (actor, input, form) => decideGrant(actor, form.text("grantId"), input),
  affects: affected.grant,
  success: (grant) => ({ message: decisionMessage(grant) }),
});

export const certifyGrantAction = formAction({
  permission: "grant:decide",
  schema: certificationSchema,
  fields: (form) => form.pick("comment"),
  run: (actor, input, form) => certifyGrant(actor, form.text("grantId"), input),
  affects: (result) => affected.grant({ id: result.grant, tool: result.tool }),
  success: (result) => ({ message: `Certified: next review due ${formatTime(result.nextDueAt)}.` }),
});

export const revokeGrantAction = formAction({
  permission: "grant:revoke",
  schema: revokeSchema,
  fields: (form) => form.pick("reason"),
  run: (actor, { reason }, form) => revokeGrant(actor, form.text("grantId"), reason),
  affects: affected.grant,
  success: (grant) => ({ message: `Revoked: ${grant.tool} no longer holds this grant in ${grant.environment}.` }),
});
