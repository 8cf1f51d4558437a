-- CreateTable
CREATE TABLE "DeniedAttempt" (
    "toolId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "lastAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeniedAttempt_pkey" PRIMARY KEY ("toolId","environmentId")
);

-- AddForeignKey
ALTER TABLE "DeniedAttempt" ADD CONSTRAINT "DeniedAttempt_toolId_fkey" FOREIGN KEY ("toolId") REFERENCES "AiTool"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeniedAttempt" ADD CONSTRAINT "DeniedAttempt_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
