-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Contact" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "phoneNumbers" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sourceId" TEXT NOT NULL DEFAULT '',
    "sourceKey" TEXT,
    "href" TEXT,
    "etag" TEXT,
    CONSTRAINT "Contact_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Contact" ("createdAt", "email", "etag", "href", "id", "name", "sourceId", "sourceKey", "userId") SELECT "createdAt", "email", "etag", "href", "id", "name", "sourceId", "sourceKey", "userId" FROM "Contact";
DROP TABLE "Contact";
ALTER TABLE "new_Contact" RENAME TO "Contact";
CREATE INDEX "Contact_sourceId_href_idx" ON "Contact"("sourceId", "href");
CREATE UNIQUE INDEX "Contact_userId_sourceId_email_key" ON "Contact"("userId", "sourceId", "email");
CREATE UNIQUE INDEX "Contact_sourceId_sourceKey_key" ON "Contact"("sourceId", "sourceKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
