-- CreateTable
CREATE TABLE "ExportLease" (
    "userId" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "token" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExportLease_pkey" PRIMARY KEY ("userId","slot")
);
