-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

-- CreateEnum
CREATE TYPE "FindingRule" AS ENUM ('UNGRANTED_REACH', 'AUTONOMY_EXCEEDS_GRANT', 'CAPABILITY_EXCEEDS_GRANT', 'AUTONOMY_EXCEEDS_CEILING', 'GRANT_EXPIRED', 'DESTRUCTIVE_WITHOUT_TWO_PERSON', 'STALE_OBSERVATION', 'RETIRED_WITH_ACCESS', 'UNUSED_GRANT');

-- CreateEnum
CREATE TYPE "FindingTransitionKind" AS ENUM ('OPENED', 'SEVERITY_CHANGED', 'RESOLVED', 'REOPENED');

-- CreateTable
CREATE TABLE "FindingRecord" (
    "id" TEXT NOT NULL,
    "rule" "FindingRule" NOT NULL,
    "toolId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "toolSlug" TEXT NOT NULL,
    "environmentName" TEXT NOT NULL,
    "severity" "Severity" NOT NULL,
    "explanation" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "resolvedAt" TIMESTAMP(3),
    "changedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FindingRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FindingTransition" (
    "id" BIGSERIAL NOT NULL,
    "findingId" TEXT NOT NULL,
    "kind" "FindingTransitionKind" NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "severity" "Severity" NOT NULL,
    "previousSeverity" "Severity",
    "explanation" TEXT NOT NULL,

    CONSTRAINT "FindingTransition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FindingPair" (
    "toolId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "toolSlug" TEXT NOT NULL,
    "environmentName" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3),
    "evaluatedAt" TIMESTAMP(3),
    "allowed" "Autonomy",
    "actual" "Autonomy",
    "gap" INTEGER,
    "ceilingLevel" "Autonomy",
    "ceilingUntil" TIMESTAMP(3),
    "ceilingReason" TEXT,

    CONSTRAINT "FindingPair_pkey" PRIMARY KEY ("toolId","environmentId")
);

-- CreateTable
CREATE TABLE "FindingTool" (
    "toolId" TEXT NOT NULL,
    "toolSlug" TEXT NOT NULL,
    "cells" INTEGER NOT NULL,
    "worstGap" INTEGER,

    CONSTRAINT "FindingTool_pkey" PRIMARY KEY ("toolId")
);

-- CreateTable
CREATE TABLE "FindingDaily" (
    "day" DATE NOT NULL,
    "severity" "Severity" NOT NULL,
    "openDelta" INTEGER NOT NULL DEFAULT 0,
    "resolved" INTEGER NOT NULL DEFAULT 0,
    "resolvedHours" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "FindingDaily_pkey" PRIMARY KEY ("day","severity")
);

-- CreateTable
CREATE TABLE "FindingWork" (
    "id" BIGSERIAL NOT NULL,
    "toolId" TEXT NOT NULL,
    "environmentId" TEXT,

    CONSTRAINT "FindingWork_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FindingAuditCursor" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "lastAuditId" BIGINT NOT NULL,

    CONSTRAINT "FindingAuditCursor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FindingRebuild" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "requestedAt" TIMESTAMP(3),
    "afterToolId" TEXT,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "FindingRebuild_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FindingRecord_toolSlug_environmentName_idx" ON "FindingRecord"("toolSlug", "environmentName");

-- CreateIndex
CREATE INDEX "FindingRecord_changedAt_idx" ON "FindingRecord"("changedAt");

-- CreateIndex
CREATE UNIQUE INDEX "FindingRecord_toolId_environmentId_rule_key" ON "FindingRecord"("toolId", "environmentId", "rule");

-- CreateIndex
CREATE INDEX "FindingTransition_findingId_id_idx" ON "FindingTransition"("findingId", "id");

-- CreateIndex
CREATE INDEX "FindingTransition_at_idx" ON "FindingTransition"("at");

-- CreateIndex
CREATE INDEX "FindingPair_dueAt_idx" ON "FindingPair"("dueAt");

-- CreateIndex
CREATE INDEX "FindingPair_toolSlug_idx" ON "FindingPair"("toolSlug");

-- CreateIndex
CREATE INDEX "FindingTool_worstGap_toolSlug_idx" ON "FindingTool"("worstGap" DESC, "toolSlug");

-- AddForeignKey
ALTER TABLE "FindingRecord" ADD CONSTRAINT "FindingRecord_toolId_fkey" FOREIGN KEY ("toolId") REFERENCES "AiTool"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingRecord" ADD CONSTRAINT "FindingRecord_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingTransition" ADD CONSTRAINT "FindingTransition_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "FindingRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingPair" ADD CONSTRAINT "FindingPair_toolId_fkey" FOREIGN KEY ("toolId") REFERENCES "AiTool"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingPair" ADD CONSTRAINT "FindingPair_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingTool" ADD CONSTRAINT "FindingTool_toolId_fkey" FOREIGN KEY ("toolId") REFERENCES "AiTool"("id") ON DELETE CASCADE ON UPDATE CASCADE;
-- Open findings, worst first, and per severity: the overview, the findings page and the API read these.
CREATE INDEX "FindingRecord_open_worst_first_idx" ON "FindingRecord"("severity" DESC, "toolSlug", "environmentName", "rule") WHERE "resolvedAt" IS NULL;
CREATE INDEX "FindingRecord_open_rule_idx" ON "FindingRecord"("rule") WHERE "resolvedAt" IS NULL;

-- The evaluator starts at the audit log's head and rebuilds every pair from the register as it is.
INSERT INTO "FindingAuditCursor" ("id", "lastAuditId") SELECT 1, COALESCE(MAX("id"), 0) FROM "AuditEvent";
INSERT INTO "FindingRebuild" ("id", "requestedAt") VALUES (1, CURRENT_TIMESTAMP);
