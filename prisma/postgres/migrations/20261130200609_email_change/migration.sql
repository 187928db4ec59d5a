-- AlterTable
ALTER TABLE "EmailVerification" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'verify';

-- Links without an account are sign-up claims.
UPDATE "EmailVerification" SET "kind" = 'claim' WHERE "userId" IS NULL;
