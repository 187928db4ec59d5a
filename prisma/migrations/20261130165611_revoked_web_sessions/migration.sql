-- CreateTable
CREATE TABLE "RevokedWebSession" (
    "sid" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "revokedAt" DATETIME NOT NULL,
    "expiresAt" INTEGER NOT NULL
);

-- CreateIndex
CREATE INDEX "RevokedWebSession_expiresAt_idx" ON "RevokedWebSession"("expiresAt");
