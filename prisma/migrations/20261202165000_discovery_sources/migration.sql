-- AlterEnum
ALTER TYPE "ObservationSource" ADD VALUE 'DISCOVERED';

-- DropIndex
DROP INDEX "Observation_toolId_environmentId_key";

-- AlterTable
ALTER TABLE "Observation" ADD COLUMN     "connector" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "evidence" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "scope" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "DiscoveryRun" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorEmail" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "connectors" TEXT[],
    "filesRead" INTEGER NOT NULL,
    "observationsWritten" INTEGER NOT NULL,
    "added" INTEGER NOT NULL,
    "changed" INTEGER NOT NULL,
    "removed" INTEGER NOT NULL,
    "tools" TEXT[],
    "toolsProposed" TEXT[],
    "toolsSkipped" TEXT[],
    "unknownCount" INTEGER NOT NULL,
    "errorCount" INTEGER NOT NULL,
    "unknown" JSONB NOT NULL,
    "errors" JSONB NOT NULL,

    CONSTRAINT "DiscoveryRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DiscoveryRun_at_idx" ON "DiscoveryRun"("at");

-- CreateIndex
CREATE INDEX "Observation_scope_connector_idx" ON "Observation"("scope", "connector");

-- CreateIndex
CREATE UNIQUE INDEX "Observation_toolId_environmentId_connector_scope_key" ON "Observation"("toolId", "environmentId", "connector", "scope");

-- AddForeignKey
ALTER TABLE "DiscoveryRun" ADD CONSTRAINT "DiscoveryRun_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
