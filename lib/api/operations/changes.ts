import { defineOperation } from "@/lib/api/operation";
import { changeCheckAnswerSchema, changePageSchema, ingestAnswerSchema } from "@/lib/dto/changes";
import { changeBatchSchema, changeCheckSchema, changeListQuerySchema } from "@/lib/validation/changes.validation";

export const listChanges = defineOperation({ method: "GET", path: "/api/v1/changes", tag: "Changes", summary: "The AI-origin ledger, newest first", permission: "register:read", query: changeListQuerySchema, response: changePageSchema });

export const ingestChanges = defineOperation({
  leavesFindings: true,
  method: "POST",
  path: "/api/v1/changes",
  tag: "Changes",
  summary:
    "Record a deployment (answered with the change), or a batch of up to 1,000 all or nothing (answered with its summary); idempotent on externalId: 201 when something was recorded, 200 when all was recorded before with the same payload, 409 for a different payload",
  permission: "change:ingest",
  body: changeBatchSchema,
  status: 201,
  response: ingestAnswerSchema,
  errors: ["CONFLICT", "UNPROCESSABLE"],
});

export const checkChange = defineOperation({
  leavesFindings: true,
  method: "POST",
  path: "/api/v1/changes/check",
  tag: "Changes",
  summary:
    "Would this deployment break a rule? The body of POST /api/v1/changes (externalId and deployedAt optional), judged by the same rules at deployedAt or now; nothing is stored (422 naming an unknown environment, tool or approver)",
  permission: "register:read",
  body: changeCheckSchema,
  response: changeCheckAnswerSchema,
  errors: ["UNPROCESSABLE"],
});
