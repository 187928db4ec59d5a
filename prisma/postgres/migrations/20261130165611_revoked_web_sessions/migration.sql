-- CreateTable
CREATE TABLE "RevokedWebSession" (
    "sid" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "revokedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" INTEGER NOT NULL,

    CONSTRAINT "RevokedWebSession_pkey" PRIMARY KEY ("sid")
);

-- CreateIndex
CREATE INDEX "RevokedWebSession_expiresAt_idx" ON "RevokedWebSession"("expiresAt");
