-- The command palette's substring search (ILIKE '%…%'): trigram indexes make it an index scan on a
-- large register. pg_trgm ships with Postgres (a trusted extension); the embedded PGlite loads it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "AiTool_slug_trgm_idx" ON "AiTool" USING GIN ("slug" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "AiTool_name_trgm_idx" ON "AiTool" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "AiTool_vendor_trgm_idx" ON "AiTool" USING GIN ("vendor" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Change_externalId_trgm_idx" ON "Change" USING GIN ("externalId" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Change_service_trgm_idx" ON "Change" USING GIN ("service" gin_trgm_ops);
