-- CreateTable
CREATE TABLE "FindingException" (
    "id" TEXT NOT NULL,
    "findingId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "proposedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "needsConfirmation" BOOLEAN NOT NULL,
    "confirmedById" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "acceptedSeverity" "Severity" NOT NULL,
    "acceptedExplanation" TEXT NOT NULL,
    "acceptedOpenedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FindingException_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FindingException_findingId_idx" ON "FindingException"("findingId");

-- CreateIndex
CREATE INDEX "FindingException_expiresAt_idx" ON "FindingException"("expiresAt");

-- AddForeignKey
ALTER TABLE "FindingException" ADD CONSTRAINT "FindingException_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "FindingRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingException" ADD CONSTRAINT "FindingException_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingException" ADD CONSTRAINT "FindingException_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingException" ADD CONSTRAINT "FindingException_confirmedById_fkey" FOREIGN KEY ("confirmedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
