-- CreateEnum
CREATE TYPE "PolicyProposalStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'SUPERSEDED');

-- CreateTable
CREATE TABLE "PolicyProposal" (
    "id" SERIAL NOT NULL,
    "policy" JSONB NOT NULL,
    "note" TEXT NOT NULL,
    "basedOnVersion" INTEGER NOT NULL,
    "status" "PolicyProposalStatus" NOT NULL DEFAULT 'PENDING',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "proposedById" TEXT NOT NULL,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionComment" TEXT NOT NULL DEFAULT '',
    "versionId" INTEGER,

    CONSTRAINT "PolicyProposal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PolicyProposal_versionId_key" ON "PolicyProposal"("versionId");

-- CreateIndex
CREATE INDEX "PolicyProposal_status_idx" ON "PolicyProposal"("status");

-- AddForeignKey
ALTER TABLE "PolicyProposal" ADD CONSTRAINT "PolicyProposal_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyProposal" ADD CONSTRAINT "PolicyProposal_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyProposal" ADD CONSTRAINT "PolicyProposal_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "PolicyVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;
