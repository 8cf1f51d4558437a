-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('VIEWER', 'PLATFORM_LEAD', 'SECURITY_REVIEWER', 'INCIDENT_MANAGER', 'ADMIN');

-- CreateEnum
CREATE TYPE "ToolKind" AS ENUM ('CODING_ASSISTANT', 'AGENT', 'CHAT', 'OPS_BOT', 'OTHER');

-- CreateEnum
CREATE TYPE "ToolStatus" AS ENUM ('PROPOSED', 'APPROVED', 'RESTRICTED', 'SUSPENDED', 'RETIRED');

-- CreateEnum
CREATE TYPE "Autonomy" AS ENUM ('OFF', 'SUGGEST', 'AGENT', 'AUTONOMOUS');

-- CreateEnum
CREATE TYPE "Tier" AS ENUM ('SANDBOX', 'PRE_PRODUCTION', 'PRODUCTION', 'SHARED_PLATFORM', 'CONTROL_PLANE');

-- CreateEnum
CREATE TYPE "DataSensitivity" AS ENUM ('NONE', 'INTERNAL', 'PII', 'FINANCIAL');

-- CreateEnum
CREATE TYPE "CapabilityClass" AS ENUM ('READ', 'WRITE', 'DEPLOY', 'INFRA', 'SCHEMA', 'DESTRUCTIVE', 'SENSITIVE_DATA', 'ADMIN');

-- CreateEnum
CREATE TYPE "GrantStatus" AS ENUM ('REQUESTED', 'APPROVED', 'DENIED', 'REVOKED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "DecisionValue" AS ENUM ('APPROVE', 'DENY');

-- CreateEnum
CREATE TYPE "ObservationSource" AS ENUM ('DECLARED', 'SYNC');

-- CreateEnum
CREATE TYPE "IncidentSeverity" AS ENUM ('SEV1', 'SEV2', 'SEV3', 'SEV4');

-- CreateEnum
CREATE TYPE "IncidentStatus" AS ENUM ('OPEN', 'MITIGATED', 'RESOLVED', 'CLOSED');

-- CreateEnum
CREATE TYPE "GenAiContributed" AS ENUM ('YES', 'NO', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "IncidentToolRole" AS ENUM ('TRIGGERED', 'CONTRIBUTED', 'INVOLVED');

-- CreateEnum
CREATE TYPE "MitigationKind" AS ENUM ('REDUCE_PERMISSION', 'ADD_APPROVAL', 'CANARY_ROLLBACK', 'SANDBOX_ONLY', 'OTHER');

-- CreateEnum
CREATE TYPE "MitigationStatus" AS ENUM ('OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ChangeType" AS ENUM ('CODE', 'CONFIG', 'INFRA', 'SCHEMA');

-- CreateEnum
CREATE TYPE "AiOrigin" AS ENUM ('AI_GENERATED', 'AI_ASSISTED', 'HUMAN');

-- CreateEnum
CREATE TYPE "RiskTreatment" AS ENUM ('MITIGATE', 'ACCEPT', 'TRANSFER', 'AVOID');

-- CreateTable
CREATE TABLE "Team" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'VIEWER',
    "senior" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "passwordHash" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AiTool" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "vendor" TEXT NOT NULL,
    "kind" "ToolKind" NOT NULL,
    "status" "ToolStatus" NOT NULL DEFAULT 'PROPOSED',
    "description" TEXT NOT NULL DEFAULT '',
    "modes" "Autonomy"[],
    "ownerTeamId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AiTool_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Environment" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tier" "Tier" NOT NULL,
    "dataSensitivity" "DataSensitivity" NOT NULL DEFAULT 'NONE',
    "criticalPath" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Environment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Capability" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "class" "CapabilityClass" NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "Capability_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Grant" (
    "id" TEXT NOT NULL,
    "toolId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "maxAutonomy" "Autonomy" NOT NULL,
    "capabilities" TEXT[],
    "justification" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "status" "GrantStatus" NOT NULL DEFAULT 'REQUESTED',
    "requesterId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "Grant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" TEXT NOT NULL,
    "grantId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "decision" "DecisionValue" NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "senior" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Observation" (
    "id" TEXT NOT NULL,
    "toolId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "autonomy" "Autonomy" NOT NULL,
    "capabilities" TEXT[],
    "source" "ObservationSource" NOT NULL,
    "observedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Observation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "severity" "IncidentSeverity" NOT NULL,
    "status" "IncidentStatus" NOT NULL DEFAULT 'OPEN',
    "startedAt" TIMESTAMP(3) NOT NULL,
    "detectedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "summary" TEXT NOT NULL DEFAULT '',
    "blastEnvironments" TEXT[],
    "blastServices" TEXT[],
    "blastRegions" TEXT[],
    "customerImpact" TEXT NOT NULL DEFAULT '',
    "postmortemUrl" TEXT,
    "genAiContributed" "GenAiContributed" NOT NULL DEFAULT 'UNKNOWN',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentTool" (
    "incidentId" TEXT NOT NULL,
    "toolId" TEXT NOT NULL,
    "role" "IncidentToolRole" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentTool_pkey" PRIMARY KEY ("incidentId","toolId")
);

-- CreateTable
CREATE TABLE "IncidentChange" (
    "incidentId" TEXT NOT NULL,
    "changeId" TEXT NOT NULL,

    CONSTRAINT "IncidentChange_pkey" PRIMARY KEY ("incidentId","changeId")
);

-- CreateTable
CREATE TABLE "Mitigation" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" "MitigationKind" NOT NULL,
    "status" "MitigationStatus" NOT NULL DEFAULT 'OPEN',
    "dueDate" TIMESTAMP(3),
    "incidentId" TEXT,
    "riskId" TEXT,
    "grantId" TEXT,
    "ownerTeamId" TEXT,
    "ownerUserId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Mitigation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Change" (
    "id" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "changeType" "ChangeType" NOT NULL,
    "aiOrigin" "AiOrigin" NOT NULL,
    "toolId" TEXT,
    "mode" "Autonomy",
    "approvers" TEXT[],
    "rollbackPlan" TEXT,
    "deployedAt" TIMESTAMP(3) NOT NULL,
    "violations" JSONB NOT NULL DEFAULT '[]',
    "payloadHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Risk" (
    "id" TEXT NOT NULL,
    "toolId" TEXT NOT NULL,
    "statement" TEXT NOT NULL,
    "likelihood" INTEGER NOT NULL,
    "impact" INTEGER NOT NULL,
    "treatment" "RiskTreatment" NOT NULL,
    "ownerTeamId" TEXT,
    "ownerUserId" TEXT,
    "nextReview" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Risk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorEmail" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Team_name_key" ON "Team"("name");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "AiTool_slug_key" ON "AiTool"("slug");

-- CreateIndex
CREATE INDEX "AiTool_status_idx" ON "AiTool"("status");

-- CreateIndex
CREATE INDEX "AiTool_kind_idx" ON "AiTool"("kind");

-- CreateIndex
CREATE INDEX "AiTool_ownerTeamId_idx" ON "AiTool"("ownerTeamId");

-- CreateIndex
CREATE INDEX "AiTool_name_idx" ON "AiTool"("name");

-- CreateIndex
CREATE INDEX "AiTool_vendor_idx" ON "AiTool"("vendor");

-- CreateIndex
CREATE UNIQUE INDEX "Environment_name_key" ON "Environment"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Capability_key_key" ON "Capability"("key");

-- CreateIndex
CREATE INDEX "Grant_toolId_environmentId_idx" ON "Grant"("toolId", "environmentId");

-- CreateIndex
CREATE INDEX "Grant_environmentId_idx" ON "Grant"("environmentId");

-- CreateIndex
CREATE INDEX "Grant_status_idx" ON "Grant"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_grantId_reviewerId_key" ON "Decision"("grantId", "reviewerId");

-- CreateIndex
CREATE INDEX "Observation_environmentId_idx" ON "Observation"("environmentId");

-- CreateIndex
CREATE UNIQUE INDEX "Observation_toolId_environmentId_key" ON "Observation"("toolId", "environmentId");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_key_key" ON "Incident"("key");

-- CreateIndex
CREATE INDEX "Incident_severity_startedAt_idx" ON "Incident"("severity", "startedAt");

-- CreateIndex
CREATE INDEX "Incident_status_idx" ON "Incident"("status");

-- CreateIndex
CREATE INDEX "IncidentTool_toolId_idx" ON "IncidentTool"("toolId");

-- CreateIndex
CREATE INDEX "IncidentChange_changeId_idx" ON "IncidentChange"("changeId");

-- CreateIndex
CREATE INDEX "Mitigation_status_dueDate_idx" ON "Mitigation"("status", "dueDate");

-- CreateIndex
CREATE INDEX "Mitigation_incidentId_idx" ON "Mitigation"("incidentId");

-- CreateIndex
CREATE INDEX "Mitigation_riskId_idx" ON "Mitigation"("riskId");

-- CreateIndex
CREATE UNIQUE INDEX "Change_externalId_key" ON "Change"("externalId");

-- CreateIndex
CREATE INDEX "Change_deployedAt_idx" ON "Change"("deployedAt");

-- CreateIndex
CREATE INDEX "Change_environmentId_deployedAt_idx" ON "Change"("environmentId", "deployedAt");

-- CreateIndex
CREATE INDEX "Change_toolId_deployedAt_idx" ON "Change"("toolId", "deployedAt");

-- CreateIndex
CREATE INDEX "Risk_toolId_idx" ON "Risk"("toolId");

-- CreateIndex
CREATE INDEX "Risk_nextReview_idx" ON "Risk"("nextReview");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_hash_key" ON "AuditEvent"("hash");

-- CreateIndex
CREATE INDEX "AuditEvent_entity_entityId_idx" ON "AuditEvent"("entity", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_actorEmail_idx" ON "AuditEvent"("actorEmail");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AiTool" ADD CONSTRAINT "AiTool_ownerTeamId_fkey" FOREIGN KEY ("ownerTeamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_toolId_fkey" FOREIGN KEY ("toolId") REFERENCES "AiTool"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Observation" ADD CONSTRAINT "Observation_toolId_fkey" FOREIGN KEY ("toolId") REFERENCES "AiTool"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Observation" ADD CONSTRAINT "Observation_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentTool" ADD CONSTRAINT "IncidentTool_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentTool" ADD CONSTRAINT "IncidentTool_toolId_fkey" FOREIGN KEY ("toolId") REFERENCES "AiTool"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentChange" ADD CONSTRAINT "IncidentChange_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentChange" ADD CONSTRAINT "IncidentChange_changeId_fkey" FOREIGN KEY ("changeId") REFERENCES "Change"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mitigation" ADD CONSTRAINT "Mitigation_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mitigation" ADD CONSTRAINT "Mitigation_riskId_fkey" FOREIGN KEY ("riskId") REFERENCES "Risk"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mitigation" ADD CONSTRAINT "Mitigation_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mitigation" ADD CONSTRAINT "Mitigation_ownerTeamId_fkey" FOREIGN KEY ("ownerTeamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mitigation" ADD CONSTRAINT "Mitigation_ownerUserId_fkey" FOREIGN KEY ("ownerUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Change" ADD CONSTRAINT "Change_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Change" ADD CONSTRAINT "Change_toolId_fkey" FOREIGN KEY ("toolId") REFERENCES "AiTool"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Risk" ADD CONSTRAINT "Risk_toolId_fkey" FOREIGN KEY ("toolId") REFERENCES "AiTool"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Risk" ADD CONSTRAINT "Risk_ownerTeamId_fkey" FOREIGN KEY ("ownerTeamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Risk" ADD CONSTRAINT "Risk_ownerUserId_fkey" FOREIGN KEY ("ownerUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
