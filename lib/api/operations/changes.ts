import { defineOperation, UNDESCRIBED } from "@/lib/api/operation";
import { changeBatchSchema, changeListQuerySchema } from "@/lib/validation/changes.validation";

export const listChanges = defineOperation({ method: "GET", path: "/api/v1/changes", tag: "Changes", summary: "The AI-origin ledger", permission: "register:read", query: changeListQuerySchema, response: UNDESCRIBED });

export const ingestChanges = defineOperation({ method: "POST", path: "/api/v1/changes", tag: "Changes", summary: "Record a deployment, or a batch of up to 1,000 (all or nothing); idempotent on externalId", permission: "change:ingest", body: changeBatchSchema, status: 201, response: UNDESCRIBED });
