-- CreateTable
CREATE TABLE "CallCallee" (
    "callId" TEXT NOT NULL,
    "userMac" TEXT NOT NULL,

    CONSTRAINT "CallCallee_pkey" PRIMARY KEY ("callId","userMac")
);

-- CreateIndex
CREATE INDEX "CallCallee_userMac_idx" ON "CallCallee"("userMac");

-- AddForeignKey
ALTER TABLE "CallCallee" ADD CONSTRAINT "CallCallee_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;
