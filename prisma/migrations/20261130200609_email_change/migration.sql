-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_EmailVerification" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT,
    "email" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'verify',
    "name" TEXT,
    "passwordHash" TEXT,
    "createdAt" INTEGER NOT NULL,
    "expiresAt" INTEGER NOT NULL,
    "usedAt" INTEGER
);
INSERT INTO "new_EmailVerification" ("createdAt", "email", "expiresAt", "name", "passwordHash", "tokenHash", "usedAt", "userId") SELECT "createdAt", "email", "expiresAt", "name", "passwordHash", "tokenHash", "usedAt", "userId" FROM "EmailVerification";
DROP TABLE "EmailVerification";
ALTER TABLE "new_EmailVerification" RENAME TO "EmailVerification";
CREATE INDEX "EmailVerification_userId_idx" ON "EmailVerification"("userId");
CREATE INDEX "EmailVerification_email_idx" ON "EmailVerification"("email");
CREATE INDEX "EmailVerification_expiresAt_idx" ON "EmailVerification"("expiresAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Links without an account are sign-up claims.
UPDATE "EmailVerification" SET "kind" = 'claim' WHERE "userId" IS NULL;
