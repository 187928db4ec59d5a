-- AlterTable
ALTER TABLE "User" ADD COLUMN     "emailVerifiedAt" INTEGER;

-- CreateTable
CREATE TABLE "EmailVerification" (
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "passwordHash" TEXT,
    "createdAt" INTEGER NOT NULL,
    "expiresAt" INTEGER NOT NULL,
    "usedAt" INTEGER,

    CONSTRAINT "EmailVerification_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateTable
CREATE TABLE "PhoneNumber" (
    "msisdn" TEXT NOT NULL,
    "userId" TEXT,
    "verifiedAt" INTEGER NOT NULL,

    CONSTRAINT "PhoneNumber_pkey" PRIMARY KEY ("msisdn")
);

-- CreateTable
CREATE TABLE "PhoneDevice" (
    "msisdn" TEXT NOT NULL,
    "sessionHmac" TEXT NOT NULL,
    "createdAt" INTEGER NOT NULL,

    CONSTRAINT "PhoneDevice_pkey" PRIMARY KEY ("msisdn","sessionHmac")
);

-- CreateTable
CREATE TABLE "PhoneCode" (
    "msisdn" TEXT NOT NULL,
    "requester" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "tries" INTEGER NOT NULL DEFAULT 0,
    "createdAt" INTEGER NOT NULL,
    "expiresAt" INTEGER NOT NULL,

    CONSTRAINT "PhoneCode_pkey" PRIMARY KEY ("msisdn","requester")
);

-- CreateIndex
CREATE INDEX "EmailVerification_userId_idx" ON "EmailVerification"("userId");

-- CreateIndex
CREATE INDEX "EmailVerification_email_idx" ON "EmailVerification"("email");

-- CreateIndex
CREATE INDEX "EmailVerification_expiresAt_idx" ON "EmailVerification"("expiresAt");

-- CreateIndex
CREATE INDEX "PhoneNumber_userId_idx" ON "PhoneNumber"("userId");

-- CreateIndex
CREATE INDEX "PhoneDevice_sessionHmac_idx" ON "PhoneDevice"("sessionHmac");

-- CreateIndex
CREATE INDEX "PhoneCode_expiresAt_idx" ON "PhoneCode"("expiresAt");

-- AddForeignKey
ALTER TABLE "PhoneDevice" ADD CONSTRAINT "PhoneDevice_msisdn_fkey" FOREIGN KEY ("msisdn") REFERENCES "PhoneNumber"("msisdn") ON DELETE CASCADE ON UPDATE CASCADE;

-- Accounts made through an identity provider were made only for a verified e-mail.
UPDATE "User" SET "emailVerifiedAt" = CAST(EXTRACT(EPOCH FROM NOW()) AS INTEGER) WHERE "id" IN (SELECT "userId" FROM "OAuthLink");
