import { z } from "zod";
import { defineOperation } from "@/lib/api/operation";
import { auditChainReportSchema, auditPageSchema, takenCheckpointSchema } from "@/lib/dto/audit";
import { auditQuerySchema } from "@/lib/validation/audit.validation";

export const listAuditEvents = defineOperation({ method: "GET", path: "/api/v1/audit", tag: "Audit", summary: "The audit log, newest first", permission: "register:read", query: auditQuerySchema, response: auditPageSchema });

export const verifyAuditChain = defineOperation({
  method: "GET",
  path: "/api/v1/audit/chain",
  tag: "Audit",
  summary: "Verify the audit hash chain and compare the log with its newest signed checkpoint (TRUNCATED, REWRITTEN, BAD_SIGNATURE); signs the head when it moved",
  permission: "register:read",
  response: auditChainReportSchema,
});

export const signAuditCheckpoint = defineOperation({
  method: "POST",
  path: "/api/v1/audit/checkpoints",
  tag: "Audit",
  summary: "Sign the audit chain's head now (201; 200 with the newest checkpoint when the head has not moved; 409 without a key or when the log does not verify)",
  permission: "audit:checkpoint",
  status: 201,
  response: takenCheckpointSchema,
  errors: ["AUDIT_SIGNING_KEY_MISSING", "AUDIT_LOG_TAMPERED", "CONFLICT"],
});

export const getAuditPublicKey = defineOperation({
  method: "GET",
  path: "/api/v1/audit/public-key",
  tag: "Audit",
  summary: "The PEM public key that verifies the audit checkpoints, its key id in X-Audit-Key-Id (404 when none is configured)",
  permission: "register:read",
  responseMediaType: "application/x-pem-file",
  response: z.string(),
  errors: ["NOT_FOUND"],
});
