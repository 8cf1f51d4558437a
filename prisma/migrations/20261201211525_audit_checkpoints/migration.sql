-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "id" BIGSERIAL NOT NULL,
    "lastId" BIGINT NOT NULL,
    "lastHash" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "keyId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,

    CONSTRAINT "AuditCheckpoint_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditCheckpoint_lastId_idx" ON "AuditCheckpoint"("lastId");

-- Checkpoints are evidence too: refused UPDATE, DELETE and TRUNCATE like "AuditEvent" (a superuser
-- can still disable this; the signatures and the copies outside the database are what catch that).
CREATE FUNCTION "audit_checkpoint_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'AuditCheckpoint is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "audit_checkpoint_no_update_or_delete"
  BEFORE UPDATE OR DELETE ON "AuditCheckpoint"
  FOR EACH ROW EXECUTE FUNCTION "audit_checkpoint_append_only"();

CREATE TRIGGER "audit_checkpoint_no_truncate"
  BEFORE TRUNCATE ON "AuditCheckpoint"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_checkpoint_append_only"();
