-- CreateTable
CREATE TABLE "CallCallee" (
    "callId" TEXT NOT NULL,
    "userMac" TEXT NOT NULL,

    PRIMARY KEY ("callId", "userMac"),
    CONSTRAINT "CallCallee_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CallCallee_userMac_idx" ON "CallCallee"("userMac");
