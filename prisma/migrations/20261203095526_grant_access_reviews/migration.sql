-- AlterEnum
ALTER TYPE "FindingRule" ADD VALUE 'GRANT_NOT_RECERTIFIED';

-- AlterTable
ALTER TABLE "Grant" ADD COLUMN     "lastCertifiedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "GrantCertification" (
    "id" TEXT NOT NULL,
    "grantId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "comment" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GrantCertification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "GrantCertification_grantId_createdAt_idx" ON "GrantCertification"("grantId", "createdAt");

-- AddForeignKey
ALTER TABLE "GrantCertification" ADD CONSTRAINT "GrantCertification_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrantCertification" ADD CONSTRAINT "GrantCertification_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
