-- DropIndex
DROP INDEX "Contact_userId_email_key";

-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "etag" TEXT,
ADD COLUMN     "href" TEXT,
ADD COLUMN     "sourceId" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "sourceKey" TEXT;

-- CreateTable
CREATE TABLE "ContactSource" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT,
    "username" TEXT,
    "secret" TEXT,
    "syncState" TEXT,
    "lastSyncAt" INTEGER,
    "lastError" TEXT,
    "lastResult" TEXT,
    "progress" TEXT,
    "leaseUntil" INTEGER NOT NULL DEFAULT 0,
    "leaseOwner" TEXT,
    "nextSyncAt" INTEGER NOT NULL DEFAULT 0,
    "createdAt" INTEGER NOT NULL,

    CONSTRAINT "ContactSource_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ContactSource_userId_idx" ON "ContactSource"("userId");

-- CreateIndex
CREATE INDEX "ContactSource_nextSyncAt_idx" ON "ContactSource"("nextSyncAt");

-- CreateIndex
CREATE INDEX "Contact_sourceId_href_idx" ON "Contact"("sourceId", "href");

-- CreateIndex
CREATE UNIQUE INDEX "Contact_userId_sourceId_email_key" ON "Contact"("userId", "sourceId", "email");

-- CreateIndex
CREATE UNIQUE INDEX "Contact_sourceId_sourceKey_key" ON "Contact"("sourceId", "sourceKey");

-- AddForeignKey
ALTER TABLE "ContactSource" ADD CONSTRAINT "ContactSource_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
